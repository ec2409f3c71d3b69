import { ALL_IDS, decisionSizes, type SqlSession } from '@app/persistence';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { mergeReports, splitByEvents, verifyChains, type VerifyReport } from './trail-verification';
import type { VerifyRangeJob } from './trail-verification.worker';

export interface ParallelVerifyOptions {
  /** most worker threads to use (default: the cores available, at most 4) */
  threads?: number;
  /** below this many events per thread, verify on the calling thread (a thread costs ~0.2 s to start) */
  minEventsPerThread?: number;
}

/**
 * Whole-jurisdiction verification, split into id ranges of about equal event
 * counts verified side by side in worker threads (chains are independent, and
 * hashing is CPU-bound), each on its own connection; the result is what one
 * pass in (decision id, seq) order reports. Small trails stay on `session`.
 */
export async function verifyJurisdictionTrail(session: SqlSession, connectionString: string, jurisdiction: string, opts: ParallelVerifyOptions = {}): Promise<VerifyReport> {
  const threads = opts.threads ?? Math.min(4, availableParallelism());
  const rows = await decisionSizes(session, jurisdiction);
  const events = rows.reduce((sum, d) => sum + d.version, 0);
  const parts = Math.min(threads, Math.floor(events / (opts.minEventsPerThread ?? 100_000)));
  if (parts < 2) return verifyChains(session, jurisdiction, ALL_IDS);
  const ranges = splitByEvents(rows, parts);
  return mergeReports(await Promise.all(ranges.map((range) => inWorker({ connectionString, jurisdiction, range }))));
}

function inWorker(job: VerifyRangeJob): Promise<VerifyReport> {
  // Under jest the sources run as TypeScript: the worker needs a loader for them. Otherwise it
  // inherits the process's node flags (--cpu-prof profiles the worker threads too).
  const ts = extname(__filename) === '.ts';
  const worker = new Worker(join(__dirname, `trail-verification.worker${extname(__filename)}`), {
    workerData: job,
    execArgv: ts ? [...process.execArgv, '-r', '@swc-node/register'] : undefined,
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.once('message', (msg: { report?: VerifyReport; error?: { message: string; code?: string } }) => {
      settled = true;
      if (msg.report) resolve(msg.report);
      else reject(Object.assign(new Error(msg.error?.message ?? 'verification worker failed'), { code: msg.error?.code }));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`verification worker exited with ${code} before answering`));
    });
  });
}
