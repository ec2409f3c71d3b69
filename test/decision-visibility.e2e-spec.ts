import type { ActorClaimsInput } from '../apps/api/src/auth/actor-token';
import { EVENT_DTOS } from '../apps/api/src/decisions/dto/event.dtos';
import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';
import { expectError, markOf, VALID_EVENT_BODIES } from './utils/trail-assertions';

// Confidential decisions (依法不予公开): visible only to the units involved, the legality reviewer,
// the secretary, the head and auditors; to everybody else of the jurisdiction they do not exist (404).
// Auditors read everything and change nothing.

const JURISDICTION = 'county-vis';

describe('Visibility of confidential decisions; auditors read only', () => {
  let t: TestApp;
  let flow: DecisionFlow;
  const who = people(JURISDICTION);
  const person = (sub: string, role: ActorClaimsInput['roles'][number], unit: string): ActorClaimsInput => ({ sub, name: sub, roles: [role], unit, jurisdiction: JURISDICTION });
  const outsider = person('drafter-transport', 'drafter', 'transport-bureau');
  const colleague = person('drafter-agri-2', 'drafter', 'agri-bureau');
  const strangerExecutor = person('executor-water', 'executor', 'water-bureau');

  let confidential: string;
  let open: string;
  let draftMaterial: string;

  beforeAll(async () => {
    t = await createTestApp();
    flow = new DecisionFlow(t, who);
    const upload = await t.http.post('/api/materials').set('Authorization', bearer(who.drafter)).attach('file', Buffer.from('涉密草案正文'), 'confidential-draft.txt');
    expect(upload.status).toBe(201);
    draftMaterial = upload.body.id;
    confidential = await flow.create({ title: '涉密：边境设施建设方案', confidential: true });
    await flow.ok(confidential, who.secretary, lawful.accept);
    await flow.ok(confidential, who.drafter, { type: 'REVISE_DRAFT', materialId: draftMaterial, changeSummary: '初稿' });
    await flow.ok(confidential, who.drafter, { type: 'WAIVE_PUBLIC_PARTICIPATION', ground: 'CONFIDENTIAL', reason: '依法不予公开' });
    await flow.ok(confidential, who.drafter, { type: 'WAIVE_EXPERT_ARGUMENTATION', ground: 'NOT_PROFESSIONAL_OR_TECHNICAL', reason: '非专业性事项' });
    await flow.ok(confidential, who.drafter, { type: 'WAIVE_RISK_ASSESSMENT', ground: 'NO_SIGNIFICANT_RISK', reason: '无重大风险' });
    await flow.ok(confidential, who.drafter, lawful.submitReview);
    open = await flow.create({ title: '公开：农田建设方案' });
  });
  afterAll(() => t.close());

  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((d) => d.id);
  const list = (actor: ActorClaimsInput, query = '') => t.http.get(`/api/decisions?pageSize=100${query}`).set('Authorization', bearer(actor));

  describe('a drafter of another unit of the same jurisdiction', () => {
    it('gets 404 on every route of the confidential decision, as if it did not exist', async () => {
      for (const actor of [outsider, strangerExecutor, who.admin]) {
        for (const path of ['', '/history', '/replay', '/replay?toSeq=1', '/dossier']) {
          const res = await t.http.get(`/api/decisions/${confidential}${path}`).set('Authorization', bearer(actor));
          expectError(res, 404, 'NOT_FOUND');
          expect(JSON.stringify(res.body)).not.toContain('涉密');
        }
      }
      const before = await markOf(t, confidential, who.auditor);
      // an event the role could send elsewhere: 404, not 403 or 422 (which would reveal it)
      expectError(await flow.send(confidential, outsider, lawful.draft()), 404, 'NOT_FOUND');
      expectError(await flow.send(confidential, outsider, { type: 'WITHDRAW', reason: '试探' }), 404, 'NOT_FOUND');
      expectError(await flow.send(confidential, outsider, lawful.draft()).set('If-Match', '"1"'), 404, 'NOT_FOUND');
      expect(await markOf(t, confidential, who.auditor)).toEqual(before);
    });

    it('does not find it in lists (items or total) nor among the deadlines, but sees the open decision', async () => {
      const all = await list(outsider);
      expect(all.status).toBe(200);
      expect(ids(all)).toContain(open);
      expect(ids(all)).not.toContain(confidential);
      expect(all.body.total).toBe(all.body.items.length);
      const filtered = await list(outsider, '&status=legalityReview');
      expect(ids(filtered)).not.toContain(confidential);
      expect(filtered.body.total).toBe(0);
      const deadlines = await t.http.get('/api/deadlines').set('Authorization', bearer(outsider));
      expect(deadlines.status).toBe(200);
      expect(deadlines.body.items.map((d: { decisionId: string }) => d.decisionId)).not.toContain(confidential);
    });
  });

  describe('the units involved, the reviewer, secretary, head and auditor', () => {
    const insiders = () => [who.drafter, colleague, who.executor, who.reviewer, who.secretary, who.head, who.auditor];

    it('see it, its history and replay, and find it in lists', async () => {
      for (const actor of insiders()) {
        const res = await t.http.get(`/api/decisions/${confidential}`).set('Authorization', bearer(actor));
        expect({ sub: actor.sub, status: res.status }).toEqual({ sub: actor.sub, status: 200 });
        expect(res.body).toMatchObject({ id: confidential, confidential: true, status: 'legalityReview' });
        const history = await t.http.get(`/api/decisions/${confidential}/history`).set('Authorization', bearer(actor));
        expect(history.status).toBe(200);
        expect(history.body.events).toHaveLength(7);
        const replay = await t.http.get(`/api/decisions/${confidential}/replay`).set('Authorization', bearer(actor));
        expect(replay.body).toMatchObject({ verified: true });
        const listed = await list(actor);
        expect(ids(listed)).toEqual(expect.arrayContaining([confidential, open]));
      }
    });

    it('see its statutory deadline', async () => {
      for (const actor of [who.secretary, colleague, who.reviewer]) {
        const res = await t.http.get('/api/deadlines').set('Authorization', bearer(actor));
        expect(res.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ decisionId: confidential, kind: 'LEGALITY_REVIEW_DUE' })]));
      }
    });

    it('lets the reviewer act on it (it is visible to them, not merely listed)', async () => {
      const view = await flow.get(confidential, who.reviewer);
      expect(view.body.allowedEvents).toEqual(expect.arrayContaining(['ISSUE_LEGALITY_OPINION', 'RETURN_FOR_MATERIALS']));
    });
  });

  it('follows the undertaking unit: a confidential proposal of the office becomes visible to the unit it is given to', async () => {
    const waterDrafter = person('drafter-water', 'drafter', 'water-bureau');
    const id = await flow.create({ title: '涉密：水库调度方案', confidential: true }, who.secretary);
    expectError(await flow.get(id, waterDrafter), 404, 'NOT_FOUND');
    expectError(await flow.get(id, who.drafter), 404, 'NOT_FOUND');
    await flow.ok(id, who.secretary, { ...lawful.accept, undertakingUnit: 'water-bureau' });
    expect((await flow.get(id, waterDrafter)).status).toBe(200);
    expect(ids(await list(waterDrafter))).toContain(id);
    await flow.ok(id, waterDrafter, lawful.draft('水库调度方案（草案）'));
    // still invisible to a unit that is not involved
    expectError(await flow.get(id, who.drafter), 404, 'NOT_FOUND');
    expect(ids(await list(who.drafter))).not.toContain(id);
  });

  // Regression: materials were once served by jurisdiction alone, whatever the citing decision's confidentiality.
  it("does not serve a confidential decision's material to a unit that may not see the decision", async () => {
    const asColleague = await t.http.get(`/api/materials/${draftMaterial}`).set('Authorization', bearer(colleague));
    expect(asColleague.status).toBe(200);
    expectError(await t.http.get(`/api/materials/${draftMaterial}`).set('Authorization', bearer(outsider)), 404, 'NOT_FOUND');
  });

  describe('auditors', () => {
    it('read everything: decision, history, replay, dossier, lists, deadlines, verification', async () => {
      for (const path of [`/api/decisions/${confidential}`, `/api/decisions/${confidential}/history`, `/api/decisions/${confidential}/replay`, `/api/decisions/${confidential}/dossier`, '/api/decisions', '/api/deadlines', '/api/audit/verify']) {
        const res = await t.http.get(path).set('Authorization', bearer(who.auditor));
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
      const view = await flow.get(confidential, who.auditor);
      expect(view.body.allowedEvents).toEqual([]);
    });

    it('are refused every event type with 403 FORBIDDEN_ROLE, and nothing is recorded', async () => {
      expect(Object.keys(VALID_EVENT_BODIES).sort()).toEqual(Object.keys(EVENT_DTOS).sort());
      const before = await markOf(t, confidential, who.auditor);
      for (const [type, body] of Object.entries(VALID_EVENT_BODIES)) {
        for (const target of [confidential, open]) {
          const res = await flow.send(target, who.auditor, { type, ...body });
          expect({ type, status: res.status, code: res.body.code }).toEqual({ type, status: 403, code: 'FORBIDDEN_ROLE' });
          expectError(res, 403, 'FORBIDDEN_ROLE');
        }
      }
      expect(await markOf(t, confidential, who.auditor)).toEqual(before);
      expect(await markOf(t, open, who.auditor)).toMatchObject({ version: 1, events: 1 });
    });

    it('cannot register decisions or upload materials', async () => {
      const create = await t.http.post('/api/decisions').set('Authorization', bearer(who.auditor)).send({ title: '审计登记', category: 'OTHER_MAJOR' });
      expectError(create, 403, 'FORBIDDEN_ROLE');
      const upload = await t.http.post('/api/materials').set('Authorization', bearer(who.auditor)).attach('file', Buffer.from('x'), 'x.txt');
      expectError(upload, 403, 'FORBIDDEN_ROLE');
    });

    it('of another jurisdiction see nothing of it', async () => {
      const foreign = people('county-vis-other').auditor;
      expectError(await t.http.get(`/api/decisions/${confidential}`).set('Authorization', bearer(foreign)), 404, 'NOT_FOUND');
      expect(ids(await list(foreign))).toEqual([]);
    });
  });
});
