import { DataSource } from 'typeorm';
import type { ActorClaimsInput } from '../apps/api/src/auth/actor-token';
import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, inDays, lawful, people } from './utils/decision-flow';
import { expectError, reasonCodes } from './utils/trail-assertions';
import { registerUnits } from './utils/units';

// The annual decision catalogue (决策事项目录): drawn up by the general office, published only after
// the party committee at the same level agrees, adjusted during the year with a reason; every change
// is an event of the catalogue's own append-only, hash-chained trail.

const J = 'county-cat';
const YEAR = 2026;

const items = () => [
  { title: '高标准农田建设实施意见', category: 'PUBLIC_POLICY', undertakingUnit: 'agri-bureau', plannedQuarter: 2 },
  { title: '县城供水管网改造工程', category: 'CONSTRUCTION_PROJECT', undertakingUnit: 'water-bureau' },
  { title: '边境设施建设方案', category: 'OTHER_MAJOR', undertakingUnit: 'agri-bureau', plannedQuarter: 4 },
];

describe('Decision catalogue (决策事项目录)', () => {
  let t: TestApp;
  let flow: DecisionFlow;
  const who = people(J);
  const stranger = people('county-other');
  let itemIds: string[];

  const post = (path: string, actor: ActorClaimsInput, body: object = {}) => t.http.post(`/api/catalogues${path}`).set('Authorization', bearer(actor)).send(body);
  const publicView = (year = YEAR, jurisdiction = J) => t.http.get(`/api/catalogues/${year}?jurisdiction=${jurisdiction}`);
  const staffView = (actor: ActorClaimsInput = who.secretary) => t.http.get(`/api/catalogues/${YEAR}`).set('Authorization', bearer(actor));
  const history = async () => (await t.http.get(`/api/catalogues/${YEAR}/history`).set('Authorization', bearer(who.auditor))).body.events;
  const consent = { consentedAt: inDays(-1), reference: '县委办复〔2026〕3号' };

  beforeAll(async () => {
    t = await createTestApp();
    flow = new DecisionFlow(t, who);
    await registerUnits(t, J, ['agri-bureau', 'water-bureau', 'env-bureau']);
  });
  afterAll(() => t.close());

  it('names only registered units as undertaking units (422 UNIT_NOT_REGISTERED, nothing recorded)', async () => {
    const res = await post('', who.secretary, { year: 2031, items: [{ title: '未登记单位承办的事项', category: 'PUBLIC_POLICY', undertakingUnit: '县农业农村局' }] });
    expectError(res, 422, 'UNIT_NOT_REGISTERED');
    expect((await t.http.get('/api/catalogues/2031').set('Authorization', bearer(who.secretary))).status).toBe(404);
  });

  describe('drawing up and publishing', () => {
    it('is kept by the secretary or admin only', async () => {
      for (const actor of [who.drafter, who.head, who.auditor]) expectError(await post('', actor, { year: YEAR, items: items() }), 403, 'FORBIDDEN_ROLE');
      expectError(await post('', who.secretary, { year: YEAR, items: [{ title: '缺少类别', undertakingUnit: 'x' }] }), 400, 'VALIDATION_FAILED');
    });

    it('creates a draft catalogue whose items have not started', async () => {
      const res = await post('', who.secretary, { year: YEAR, items: items() });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ year: YEAR, jurisdiction: J, status: 'draft', consent: null, publication: null, version: 1 });
      expect(res.body.items.map((i: { title: string }) => i.title)).toEqual(items().map((i) => i.title));
      expect(res.body.items[0]).toMatchObject({ plannedQuarter: 2, procedureStatus: 'notStarted', decisions: [] });
      expect(res.body.items[1].plannedQuarter).toBeNull();
      itemIds = res.body.items.map((i: { id: string }) => i.id);
      expectError(await post('', who.admin, { year: YEAR, items: items() }), 409, 'CATALOGUE_EXISTS');
    });

    it('is not public before publication (404), whether or not the jurisdiction is named', async () => {
      expectError(await publicView(), 404, 'NOT_FOUND');
      expectError(await t.http.get(`/api/catalogues/${YEAR}`), 404, 'NOT_FOUND');
      expect((await staffView(who.drafter)).body.status).toBe('draft');
      expectError(await staffView(stranger.secretary), 404, 'NOT_FOUND');
    });

    it('refuses to publish without the party committee consent, recording nothing', async () => {
      const res = await post(`/${YEAR}/publish`, who.secretary);
      expectError(res, 422, 'PARTY_COMMITTEE_CONSENT_REQUIRED');
      expect(reasonCodes(res)).toEqual(['PARTY_COMMITTEE_CONSENT_REQUIRED']);
      expect(await history()).toHaveLength(1);
    });

    it('publishes once the party committee has agreed, and only once', async () => {
      const agreed = await post(`/${YEAR}/consent`, who.secretary, consent);
      expect(agreed.status).toBe(200);
      expect(agreed.body).toMatchObject({ catalogue: { status: 'consented', consent }, event: { seq: 2, type: 'RECORD_PARTY_COMMITTEE_CONSENT' } });
      expectError(await post(`/${YEAR}/consent`, who.secretary, consent), 422, 'CATALOGUE_ALREADY_CONSENTED');
      const published = await post(`/${YEAR}/publish`, who.admin, { channels: ['县政府门户网站'] });
      expect(published.status).toBe(200);
      expect(published.body.catalogue).toMatchObject({ status: 'published', publication: { channels: ['县政府门户网站'], publishedAt: expect.any(String) } });
      expectError(await post(`/${YEAR}/publish`, who.secretary), 422, 'CATALOGUE_ALREADY_PUBLISHED');
    });

    it('is then public without a token, for its jurisdiction only', async () => {
      const res = await publicView();
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ year: YEAR, status: 'published', consent });
      expect(res.body.items).toHaveLength(3);
      expectError(await publicView(YEAR, 'county-other'), 404, 'NOT_FOUND');
      expectError(await publicView(YEAR + 1), 404, 'NOT_FOUND');
      expectError(await t.http.get(`/api/catalogues/${YEAR}?jurisdiction=${J}`).set('Authorization', 'Bearer nonsense'), 401, 'UNAUTHENTICATED');
    });

    it('is found without naming the jurisdiction when only one has published that year', async () => {
      const res = await t.http.get(`/api/catalogues/${YEAR}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ year: YEAR, status: 'published', jurisdiction: J });
    });
  });

  describe('adjustment during the year', () => {
    it('requires a reason and a change to a live item', async () => {
      expectError(await post(`/${YEAR}/adjustments`, who.secretary, { add: items().slice(0, 1) }), 400, 'VALIDATION_FAILED');
      const blank = await post(`/${YEAR}/adjustments`, who.secretary, { reason: '   ' });
      expectError(blank, 422, 'ADJUSTMENT_REASON_REQUIRED');
      expect(reasonCodes(blank)).toEqual(['ADJUSTMENT_REASON_REQUIRED', 'ADJUSTMENT_EMPTY']);
      expectError(await post(`/${YEAR}/adjustments`, who.secretary, { reason: '撤销', remove: ['00000000-0000-4000-8000-000000000000'] }), 422, 'CATALOGUE_ITEM_NOT_FOUND');
      expectError(await post(`/${YEAR}/adjustments`, who.drafter, { reason: '调整', remove: [itemIds[1]] }), 403, 'FORBIDDEN_ROLE');
      expect(await history()).toHaveLength(3);
    });

    it('records the adjustment with its reason in the trail and shows it publicly', async () => {
      const reason = '供水管网改造纳入省级统筹项目，不再作为本县重大行政决策事项';
      const res = await post(`/${YEAR}/adjustments`, who.secretary, {
        reason,
        add: [{ title: '农村生活垃圾分类实施方案', category: 'PUBLIC_POLICY', undertakingUnit: 'env-bureau', plannedQuarter: 3 }],
        remove: [itemIds[1]],
        change: [{ itemId: itemIds[0], plannedQuarter: 3 }],
      });
      expect(res.status).toBe(200);
      expect(res.body.event).toMatchObject({ seq: 4, type: 'ADJUST_CATALOGUE' });
      const view = (await publicView()).body;
      expect(view.status).toBe('published');
      expect(view.items.map((i: { title: string }) => i.title)).toEqual(['高标准农田建设实施意见', '边境设施建设方案', '农村生活垃圾分类实施方案']);
      expect(view.items[0].plannedQuarter).toBe(3);
      expect(view.adjustments).toEqual([
        expect.objectContaining({ seq: 4, reason, removed: [{ id: itemIds[1], title: '县城供水管网改造工程' }], changed: [{ id: itemIds[0], title: '高标准农田建设实施意见' }] }),
      ]);
      const events = await history();
      expect(events.map((e: { type: string }) => e.type)).toEqual(['CREATE_CATALOGUE', 'RECORD_PARTY_COMMITTEE_CONSENT', 'PUBLISH_CATALOGUE', 'ADJUST_CATALOGUE']);
      expect(events[3]).toMatchObject({ seq: 4, payload: { reason, remove: [itemIds[1]] }, actor: { sub: who.secretary.sub, roles: ['secretary'] } });
      events.slice(1).forEach((e: { prevHash: string }, i: number) => expect(e.prevHash).toBe(events[i].hash));
    });
  });

  describe('decisions that reference an item', () => {
    let open: string;
    let secret: string;

    it('accepts a live item of the jurisdiction only (422 CATALOGUE_ITEM_NOT_FOUND otherwise)', async () => {
      open = await flow.create({ catalogueItemId: itemIds[0] });
      expect((await flow.get(open)).body.catalogueItemId).toBe(itemIds[0]);
      const create = (actor: ActorClaimsInput, catalogueItemId: string) =>
        t.http.post('/api/decisions').set('Authorization', bearer(actor)).send({ title: '引用目录事项', category: 'PUBLIC_POLICY', catalogueItemId });
      expectError(await create(who.drafter, itemIds[1]), 422, 'CATALOGUE_ITEM_NOT_FOUND');
      expectError(await create(who.drafter, '00000000-0000-4000-8000-000000000000'), 422, 'CATALOGUE_ITEM_NOT_FOUND');
      expectError(await create(stranger.drafter, itemIds[0]), 422, 'CATALOGUE_ITEM_NOT_FOUND');
    });

    it("shows each item's procedure status, never a confidential decision's details to the public", async () => {
      await flow.ok(open, who.secretary, lawful.accept);
      secret = await flow.create({ title: '涉密：边境设施建设方案（密）', confidential: true, catalogueItemId: itemIds[2] });
      const pub = (await publicView()).body;
      const [first, third, added] = pub.items;
      expect(first).toMatchObject({ procedureStatus: 'drafting', decisions: [{ id: open, title: '高标准农田建设实施意见', status: 'drafting' }] });
      expect(third).toMatchObject({ procedureStatus: 'proposed', decisions: [] });
      expect(added).toMatchObject({ procedureStatus: 'notStarted', decisions: [] });
      expect(JSON.stringify(pub)).not.toContain(secret);
      expect(JSON.stringify(pub)).not.toContain('（密）');
      const insider = (await staffView(who.secretary)).body;
      expect(insider.items[1].decisions).toEqual([{ id: secret, title: '涉密：边境设施建设方案（密）', status: 'proposed' }]);
      const outsider = (await staffView({ ...who.drafter, sub: 'drafter-env', unit: 'env-bureau' })).body;
      expect(outsider.items[1].decisions).toEqual([]);
    });
  });

  describe('the trail', () => {
    const verify = (actor: ActorClaimsInput) => t.http.get(`/api/catalogues/${YEAR}/verify`).set('Authorization', bearer(actor));

    it('verifies, for auditors, admins and the secretary', async () => {
      for (const actor of [who.auditor, who.admin, who.secretary]) expect((await verify(actor)).body).toEqual({ ok: true, checkedEvents: 4 });
      expectError(await verify(who.drafter), 403, 'FORBIDDEN_ROLE');
    });

    it('is append-only in the database, and tampering is found by verify', async () => {
      const db = t.app.get(DataSource);
      for (const sql of [`UPDATE catalogue_events SET payload = '{}'::jsonb WHERE seq = 4`, `DELETE FROM catalogue_events`, `TRUNCATE catalogue_events`]) {
        await expect(db.transaction((em) => em.query(sql))).rejects.toThrow(/catalogue_events is append-only/);
      }
      await db.transaction(async (em) => {
        await em.query('ALTER TABLE catalogue_events DISABLE TRIGGER catalogue_events_no_update_delete');
        await em.query(`UPDATE catalogue_events SET payload = jsonb_set(payload, '{reason}', '"篡改的理由"') WHERE jurisdiction = $1 AND seq = 4`, [J]);
        await em.query('ALTER TABLE catalogue_events ENABLE TRIGGER catalogue_events_no_update_delete');
      });
      expect((await verify(who.auditor)).body).toMatchObject({ ok: false, checkedEvents: 4, firstBroken: { seq: 4, reason: expect.stringContaining('hash') } });
    });
  });

  describe('agreement voided by a later change', () => {
    it('an agreed catalogue adjusted before publication needs the committee again', async () => {
      const year = YEAR + 1;
      expect((await post('', who.admin, { year, items: items() })).status).toBe(201);
      expect((await post(`/${year}/consent`, who.admin, consent)).status).toBe(200);
      const adjusted = await post(`/${year}/adjustments`, who.admin, { reason: '增补事项', add: items().slice(1, 2) });
      expect(adjusted.body.catalogue).toMatchObject({ status: 'draft', consent: null });
      expect(adjusted.body).toMatchObject({ event: { seq: 3 } });
      expectError(await post(`/${year}/publish`, who.admin), 422, 'PARTY_COMMITTEE_CONSENT_REQUIRED');
      expect((await post(`/${year}/consent`, who.admin, consent)).status).toBe(200);
      expect((await post(`/${year}/publish`, who.admin)).status).toBe(200);
      expect((await publicView(year)).body.items).toHaveLength(4);
    });
  });
});
