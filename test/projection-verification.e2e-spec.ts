import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';
import { registerUnits } from './utils/units';

// Issue #14: an owner who edits a projection (the decisions row) without its trail, or truncates a
// trail and rolls the projection's version and last hash back, is found by GET /api/audit/verify.
// Each scenario tampers in a jurisdiction of its own, as a superuser.

interface PgClient {
  connect(): Promise<void>;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
  end(): Promise<void>;
}
 
const { Client } = require('pg') as { Client: new (config: { connectionString: string }) => PgClient };

describe('GET /api/audit/verify checks every projection against its trail', () => {
  let t: TestApp;
  let db: PgClient;

  beforeAll(async () => {
    t = await createTestApp();
    db = new Client({ connectionString: process.env.DATABASE_URL! });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  /** A jurisdiction with two decisions (the second confidential) through `events` of the main path; their ids, by id. */
  async function scene(jurisdiction: string) {
    const who = people(jurisdiction);
    const flow = new DecisionFlow(t, who);
    const open = await flow.create();
    const secret = await flow.create({ confidential: true, title: '涉密的决策事项' });
    for (const id of [open, secret]) {
      await flow.ok(id, who.secretary, lawful.accept);
      await flow.ok(id, who.drafter, lawful.draft());
      await flow.ok(id, who.drafter, lawful.draft('关于推进高标准农田建设的实施意见（修改稿）'));
    }
    const verify = async () => (await t.http.get('/api/audit/verify').set('Authorization', bearer(who.auditor)).expect(200)).body;
    expect(await verify()).toEqual({ ok: true, checkedEvents: 8, checkedDecisions: 2, checkedProjections: 2, checkedCatalogues: 0, tree: null });
    return { who, flow, open, secret, verify };
  }

  it('UPDATE decisions SET confidential = false on a confidential decision: reported at its last event', async () => {
    const { secret, verify, flow, who } = await scene('county-projection-confidential');
    await db.query(`UPDATE decisions SET confidential = false WHERE id = $1`, [secret]);
    // The edit exposes the decision (the public page lists it): verify is what says so.
    expect((await flow.get(secret, who.drafter)).body.confidential).toBe(false);
    expect(await verify()).toMatchObject({ ok: false, checkedEvents: 8, firstBroken: { decisionId: secret, seq: 4, reason: 'PROJECTION_MISMATCH: 决策投影与审计链重放结果不一致，字段 confidential' } });
  });

  it('a title edited in the projection: reported with the decision and its last seq', async () => {
    const { open, verify } = await scene('county-projection-title');
    await db.query(`UPDATE decisions SET title = '改过的标题' WHERE id = $1`, [open]);
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { decisionId: open, seq: 4, reason: 'PROJECTION_MISMATCH: 决策投影与审计链重放结果不一致，字段 title' } });
  });

  it('the last events deleted and version/last_hash rolled back: the chain holds, the projection does not', async () => {
    const { secret, verify } = await scene('county-projection-truncated');
    await db.query('BEGIN');
    try {
      await db.query('SET LOCAL session_replication_role = replica');
      await db.query(`DELETE FROM decision_events WHERE decision_id = $1 AND seq > 2`, [secret]);
      await db.query(`UPDATE decisions d SET version = 2, last_hash = e.hash FROM decision_events e WHERE d.id = $1 AND e.decision_id = d.id AND e.seq = 2`, [secret]);
      await db.query('COMMIT');
    } catch (error) {
      await db.query('ROLLBACK');
      throw error;
    }
    const report = await verify();
    expect(report).toMatchObject({ ok: false, checkedEvents: 6, firstBroken: { decisionId: secret, seq: 2 } });
    // What the projection still holds is the lost tail's: the two drafts.
    expect(report.firstBroken.reason).toMatch(/^PROJECTION_MISMATCH: .*snapshot\.context/);
  });

  it('a decision row whose trail was deleted is reported (by the chain check, which runs first)', async () => {
    const { open, verify } = await scene('county-projection-no-trail');
    await db.query('BEGIN');
    await db.query('SET LOCAL session_replication_role = replica');
    await db.query(`DELETE FROM decision_events WHERE decision_id = $1`, [open]);
    await db.query('COMMIT');
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { decisionId: open, seq: 1 } });
  });

  describe('the catalogue projection too', () => {
    async function catalogue(jurisdiction: string) {
      const who = people(jurisdiction);
      await registerUnits(t, jurisdiction, ['agri-bureau', 'water-bureau']);
      await t.http
        .post('/api/catalogues')
        .set('Authorization', bearer(who.secretary))
        .send({ year: 2030, items: [{ title: '高标准农田建设实施意见', category: 'PUBLIC_POLICY', undertakingUnit: 'agri-bureau', plannedQuarter: 2 }, { title: '县城供水管网改造工程', category: 'CONSTRUCTION_PROJECT', undertakingUnit: 'water-bureau' }] })
        .expect(201);
      await t.http.post('/api/catalogues/2030/consent').set('Authorization', bearer(who.secretary)).send({ consentedAt: new Date().toISOString(), reference: '县委常委会纪要〔2030〕1号' }).expect(200);
      const verify = async () => (await t.http.get('/api/audit/verify').set('Authorization', bearer(who.auditor)).expect(200)).body;
      expect(await verify()).toEqual({ ok: true, checkedEvents: 0, checkedDecisions: 0, checkedProjections: 0, checkedCatalogues: 1, tree: null });
      const { rows } = await db.query<{ id: string }>(`SELECT id FROM catalogues WHERE jurisdiction = $1`, [jurisdiction]);
      return { id: rows[0].id, verify };
    }

    it('an item row edited (the undertaking unit decisions are checked against): reported with the catalogue and its last seq', async () => {
      const { id, verify } = await catalogue('county-projection-catalogue-item');
      await db.query(`UPDATE catalogue_items SET undertaking_unit = 'other-bureau' WHERE catalogue_id = $1 AND position = 1`, [id]);
      expect(await verify()).toMatchObject({ ok: false, firstBroken: { decisionId: id, catalogueId: id, seq: 2, reason: 'CATALOGUE_PROJECTION_MISMATCH: 目录投影与审计链重放结果不一致，字段 items' } });
    });

    it('the status and version rolled back after deleting the last event: reported at the last event left', async () => {
      const { id, verify } = await catalogue('county-projection-catalogue-tail');
      await db.query('BEGIN');
      await db.query('SET LOCAL session_replication_role = replica');
      await db.query(`DELETE FROM catalogue_events WHERE catalogue_id = $1 AND seq = 2`, [id]);
      await db.query(`UPDATE catalogues c SET version = 1, status = 'draft', last_hash = e.hash FROM catalogue_events e WHERE c.id = $1 AND e.catalogue_id = c.id AND e.seq = 1`, [id]);
      await db.query('COMMIT');
      expect(await verify()).toMatchObject({ ok: false, firstBroken: { catalogueId: id, seq: 1, reason: 'CATALOGUE_PROJECTION_MISMATCH: 目录投影与审计链重放结果不一致，字段 state' } });
    });
  });
});
