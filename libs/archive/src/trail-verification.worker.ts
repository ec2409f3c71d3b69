// Worker thread of parallel verification: verifies one id range on its own connection, its chains
// and, when asked, its projections against a replay of their trail (one read of the trail).
import { parentPort, workerData } from 'node:worker_threads';
// The files, not the @app/persistence and @app/units barrels: a worker thread should not load TypeORM, Nest and the migrations.
// eslint-disable-next-line architecture/boundaries -- the verification threads load only the reader, not the persistence barrel (TypeORM and every entity)
import { openSqlSession } from '../../persistence/src/sql/sql-session';
// eslint-disable-next-line architecture/boundaries -- the verification threads load only the reader, not the persistence barrel (TypeORM and every entity)
import type { IdRange } from '../../persistence/src/repositories/trail.reader';
import { verifyRange } from './range-verification';
import { threadReplayEngine, type ReplaySetup } from './thread-replay-engine';
import { verifyChains } from './trail-verification';

export type { ReplaySetup };

export interface VerifyRangeJob {
  connectionString: string;
  jurisdiction: string;
  range: IdRange;
  /** replay the projections too (else chains only) */
  replay?: ReplaySetup;
}

async function run({ connectionString, jurisdiction, range, replay }: VerifyRangeJob): Promise<void> {
  const session = await openSqlSession(connectionString);
  try {
    if (!replay) {
      parentPort!.postMessage({ report: await verifyChains(session, jurisdiction, range) });
      return;
    }
    const { engine, use } = threadReplayEngine(session, replay);
    parentPort!.postMessage({ range: await verifyRange(session, jurisdiction, range, engine, use) });
  } finally {
    await session.end();
  }
}

run(workerData as VerifyRangeJob).catch((error: Error) => parentPort!.postMessage({ error: { message: error.message, code: (error as { code?: string }).code } }));
