import { ALL_IDS } from '@app/persistence';
import { verifyJurisdictionTrail } from '../../libs/archive/src/parallel-verification';
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
