import { ALL_IDS } from '@app/persistence';
import { ProcedureEngine } from '@app/procedure';
import { createWorkingDayCalendar } from '../../libs/calendar/src/build-calendar';
import { verifyJurisdictionRanges, verifyJurisdictionTrail } from '../../libs/archive/src/parallel-verification';
import { PROJECTION_REASONS, verifyProjections } from '../../libs/archive/src/projection-verification';
import { verifyChains } from '../../libs/archive/src/trail-verification';

import { seededTrail, type SeededTrail } from '../support/seeded-trail';

jest.setTimeout(60_000);

describe(verifyJurisdictionTrail.name, () => {
  const url = process.env.DATABASE_URL!;
  const jurisdiction = 'county-parallel-verify';
  let session: SeededTrail['session'];
  let ids: string[];

  beforeAll(async () => {
    ({ session, ids } = await seededTrail(jurisdiction, 6, 25));
  });
  afterAll(() => session?.end());

  const inThreads = () => verifyJurisdictionTrail(session, url, jurisdiction, { threads: 3, minEventsPerThread: 1 });

  it('verifies id ranges in worker threads with the same answer as one pass', async () => {
    const report = await inThreads();
    expect(report).toEqual({ ok: true, checkedEvents: 150, checkedDecisions: 6 });
    expect(report).toEqual(await verifyChains(session, jurisdiction, ALL_IDS));
    expect(await verifyJurisdictionTrail(session, url, jurisdiction)).toEqual(report); // too small for threads: one pass
  });

  it('finds an event altered in a later range where one pass finds it, with the same counts', async () => {
    await session.query('ALTER TABLE decision_events DISABLE TRIGGER decision_events_no_update_delete');
    try {
      await session.query(`UPDATE decision_events SET payload = payload || '{"changeSummary":"事后改写"}' WHERE decision_id = $1 AND seq = 7`, [ids[4]]);
    } finally {
      await session.query('ALTER TABLE decision_events ENABLE TRIGGER decision_events_no_update_delete');
    }
    const report = await inThreads();
    expect(report).toEqual({ ok: false, checkedEvents: 4 * 25 + 7, checkedDecisions: 4, firstBroken: { decisionId: ids[4], seq: 7, reason: expect.stringContaining('hash mismatch') } });
    expect(report).toEqual(await verifyChains(session, jurisdiction, ALL_IDS));
  });
});

describe(verifyJurisdictionRanges.name, () => {
  const url = process.env.DATABASE_URL!;
  const jurisdiction = 'county-range-verify';
  const calendar = createWorkingDayCalendar();
  const engine = new ProcedureEngine({ calendar });
  const replay = { engine, use: async () => undefined, setup: { calendar: { data: calendar.data(), version: calendar.version }, units: [] } };
  let session: SeededTrail['session'];
  let ids: string[];

  beforeAll(async () => {
    ({ session, ids } = await seededTrail(jurisdiction, 6, 25));
  });
  afterAll(() => session?.end());

  const inThreads = () => verifyJurisdictionRanges(session, url, jurisdiction, replay, { threads: 3, minEventsPerThread: 1 });
  // What the two passes on the calling thread give (the reference).
  const onePass = async () => ({ chains: await verifyChains(session, jurisdiction, ALL_IDS), projections: await verifyProjections(session, engine, jurisdiction) });

  // Committed (the threads read on connections of their own), then undone.
  async function tampered<T>(sql: string, params: unknown[], check: () => Promise<T>): Promise<T> {
    const [table] = /decision_events|decisions/.exec(sql)!;
    const trigger = table === 'decisions' ? null : 'decision_events_no_update_delete';
    const before = table === 'decisions' ? await session.query(`SELECT * FROM decisions WHERE id = $1`, [params[0]]) : null;
    if (trigger) await session.query(`ALTER TABLE decision_events DISABLE TRIGGER ${trigger}`);
    try {
      await session.query(sql, params);
      return await check();
    } finally {
      if (before) await session.query(`UPDATE decisions SET view = $2, version = $3 WHERE id = $1`, [params[0], before[0].view, before[0].version]);
      if (trigger) await session.query(`ALTER TABLE decision_events ENABLE TRIGGER ${trigger}`);
    }
  }

  it('hashes and replays id ranges in worker threads with the answers of the passes on one thread', async () => {
    const report = await inThreads();
    expect(report).toEqual({ chains: { ok: true, checkedEvents: 150, checkedDecisions: 6 }, projections: { ok: true, checkedProjections: 6 } });
    expect(report).toEqual(await onePass());
    // too small for threads: one pass on the calling thread
    expect(await verifyJurisdictionRanges(session, url, jurisdiction, replay)).toEqual(report);
  });

  it('finds a projection edited in a later range where one pass finds it, with the same counts', async () => {
    const report = await tampered(`UPDATE decisions SET view = jsonb_set(view, '{status}', '"published"') WHERE id = $1`, [ids[4]], inThreads);
    expect(report.chains).toEqual({ ok: true, checkedEvents: 150, checkedDecisions: 6 });
    expect(report.projections).toEqual({ ok: false, checkedProjections: 5, firstBroken: { decisionId: ids[4], seq: 25, reason: `${PROJECTION_REASONS.MISMATCH} view` } });
  });

  it('reports a broken chain before any projection', async () => {
    const report = await tampered(`UPDATE decision_events SET payload = payload || '{"changeSummary":"事后改写"}' WHERE decision_id = $1 AND seq = 7`, [ids[2]], inThreads);
    expect(report.chains).toEqual({ ok: false, checkedEvents: 2 * 25 + 7, checkedDecisions: 2, firstBroken: { decisionId: ids[2], seq: 7, reason: expect.stringContaining('hash mismatch') } });
  });
});
