// Worker thread of parallel verification: verifies one id range on its own connection.
import { parentPort, workerData } from 'node:worker_threads';
import type { PgClient } from '@app/persistence';
import type { IdRange } from './decision-trail.reader';
import { verifyChains } from './trail-verification';

// node-pg ships no type declarations (and @types/pg is not a dependency): the part used here.
const { Client } = require('pg') as { Client: new (config: { connectionString: string }) => PgClient & { connect(): Promise<void>; end(): Promise<void> } };

export interface VerifyRangeJob {
  connectionString: string;
  jurisdiction: string;
  range: IdRange;
}

async function run({ connectionString, jurisdiction, range }: VerifyRangeJob): Promise<void> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    parentPort!.postMessage({ report: await verifyChains(client, jurisdiction, range) });
  } finally {
    await client.end();
  }
}

run(workerData as VerifyRangeJob).catch((error: Error) => parentPort!.postMessage({ error: { message: error.message, code: (error as { code?: string }).code } }));
