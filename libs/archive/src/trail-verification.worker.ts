// Worker thread of parallel verification: verifies one id range on its own connection.
import { parentPort, workerData } from 'node:worker_threads';
// The file, not the @app/persistence barrel: a worker thread should not load TypeORM, Nest and the migrations.
// eslint-disable-next-line architecture/boundaries -- the verification threads load only the reader, not the persistence barrel (TypeORM and every entity)
import { openSqlSession } from '../../persistence/src/sql/sql-session';
// eslint-disable-next-line architecture/boundaries -- the verification threads load only the reader, not the persistence barrel (TypeORM and every entity)
import type { IdRange } from '../../persistence/src/repositories/trail.reader';
import { verifyChains } from './trail-verification';

export interface VerifyRangeJob {
  connectionString: string;
  jurisdiction: string;
  range: IdRange;
}

async function run({ connectionString, jurisdiction, range }: VerifyRangeJob): Promise<void> {
  const session = await openSqlSession(connectionString);
  try {
    parentPort!.postMessage({ report: await verifyChains(session, jurisdiction, range) });
  } finally {
    await session.end();
  }
}

run(workerData as VerifyRangeJob).catch((error: Error) => parentPort!.postMessage({ error: { message: error.message, code: (error as { code?: string }).code } }));
