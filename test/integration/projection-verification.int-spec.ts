import { createWorkingDayCalendar } from '../../libs/calendar/src/build-calendar';
import { ProcedureEngine } from '@app/procedure';
import { PROJECTION_REASONS, verifyProjections } from '../../libs/archive/src/projection-verification';
import { seededTrail, type SeededTrail } from '../support/seeded-trail';

jest.setTimeout(60_000);

// Each tampering runs in a transaction rolled back afterwards, as a superuser who can skip the
// triggers and the foreign key (session_replication_role = replica); verification reads on the
// same session, so it sees the tampered rows.
describe(verifyProjections.name, () => {
  const jurisdiction = 'county-projection-verify';
  const engine = new ProcedureEngine({ calendar: createWorkingDayCalendar() });
  const EVENTS = 12;
  let session: SeededTrail['session'];
  let ids: string[];

  beforeAll(async () => {
    ({ session, ids } = await seededTrail(jurisdiction, 6, EVENTS));
  });
  afterAll(() => session?.end());

  async function tampered(...statements: [string, unknown[]?][]) {
    await session.query('BEGIN');
    try {
      await session.query('SET LOCAL session_replication_role = replica');
      for (const [sql, params] of statements) await session.query(sql, params);
      return await verifyProjections(session, engine, jurisdiction);
    } finally {
      await session.query('ROLLBACK');
    }
  }

  it('replays every decision to the projection the writer stored', async () => {
    expect(await verifyProjections(session, engine, jurisdiction)).toEqual({ ok: true, checkedProjections: 6 });
  });

  it('finds a projection whose events are gone, first in id order', async () => {
    const report = await tampered([`DELETE FROM decision_events WHERE decision_id = ANY($1::uuid[])`, [[ids[2], ids[4]]]]);
    expect(report).toEqual({ ok: false, checkedProjections: 2, firstBroken: { decisionId: ids[2], seq: 1, reason: PROJECTION_REASONS.WITHOUT_TRAIL } });
  });

  it('finds the last projection without events', async () => {
    const report = await tampered([`DELETE FROM decision_events WHERE decision_id = $1`, [ids[5]]]);
    expect(report).toEqual({ ok: false, checkedProjections: 5, firstBroken: { decisionId: ids[5], seq: 1, reason: PROJECTION_REASONS.WITHOUT_TRAIL } });
  });

  it('finds events whose projection is missing', async () => {
    const report = await tampered([`DELETE FROM decisions WHERE id = $1`, [ids[3]]]);
    expect(report).toEqual({ ok: false, checkedProjections: 4, firstBroken: { decisionId: ids[3], seq: 1, reason: PROJECTION_REASONS.MISSING } });
  });

  it('finds events whose projection moved to another jurisdiction', async () => {
    const report = await tampered([`UPDATE decisions SET jurisdiction = 'elsewhere' WHERE id = $1`, [ids[0]]]);
    expect(report.firstBroken).toEqual({ decisionId: ids[0], seq: 1, reason: PROJECTION_REASONS.MISSING });
  });

  it.each([
    ['involved units', `UPDATE decisions SET involved_units = '{}' WHERE id = $1`, 'involved_units'],
    ['the summary', `UPDATE decisions SET summary = NULL WHERE id = $1`, 'summary'],
    ['the category', `UPDATE decisions SET category = 'OTHER' WHERE id = $1`, 'category'],
    ['the catalogue item', `UPDATE decisions SET catalogue_item_id = gen_random_uuid() WHERE id = $1`, 'catalogue_item_id'],
    ['the status', `UPDATE decisions SET status = 'published' WHERE id = $1`, 'status'],
    ['the profile', `UPDATE decisions SET profile_version = profile_version + 1 WHERE id = $1`, 'profile_version'],
    ['the machine', `UPDATE decisions SET machine_version = machine_version + 1 WHERE id = $1`, 'machine_version'],
    ['the stored context', `UPDATE decisions SET snapshot = jsonb_set(snapshot, '{context,facts,title}', '"另一个标题"') WHERE id = $1`, 'snapshot.context'],
    ['the view', `UPDATE decisions SET view = jsonb_set(view, '{status}', '"published"') WHERE id = $1`, 'view'],
  ])('finds an edit of %s, at the last event', async (_what, sql, field) => {
    const report = await tampered([sql, [ids[1]]]);
    expect(report).toEqual({ ok: false, checkedProjections: 2, firstBroken: { decisionId: ids[1], seq: EVENTS, reason: `${PROJECTION_REASONS.MISMATCH} ${field}` } });
  });

  it('finds a tail truncated with version and last hash rolled back: the state is still the lost tail\'s', async () => {
    const report = await tampered(
      [`DELETE FROM decision_events WHERE decision_id = $1 AND seq > 2`, [ids[1]]],
      [`UPDATE decisions d SET version = 2, last_hash = e.hash FROM decision_events e WHERE d.id = $1 AND e.decision_id = d.id AND e.seq = 2`, [ids[1]]],
    );
    expect(report).toMatchObject({ ok: false, firstBroken: { decisionId: ids[1], seq: 2, reason: expect.stringMatching(/^PROJECTION_MISMATCH: .*snapshot\.context/) } });
  });
});
