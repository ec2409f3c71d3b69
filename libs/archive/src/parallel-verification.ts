import { ALL_IDS, decisionSizes, type SqlSession } from '@app/persistence';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ProcedureEngine } from '@app/procedure';
import { mergeProjectionReports, verifyRange, type RangeReport } from './range-verification';
import { threadScript } from './thread-script';
import { mergeReports, splitByEvents, verifyChains, type VerifyReport } from './trail-verification';
import type { ReplaySetup, VerifyRangeJob } from './trail-verification.worker';

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
  const ranges = await rangesOf(session, jurisdiction, opts);
  if (!ranges) return verifyChains(session, jurisdiction, ALL_IDS);
  return mergeReports(await Promise.all(ranges.map((range) => inWorker<VerifyReport>({ connectionString, jurisdiction, range }, 'report'))));
}

/** The engine the calling thread replays with (see ProcedureEngines.replayEngine), and what a worker thread needs to build the same. */
export interface ReplayHost {
  engine: ProcedureEngine;
  use(version: string | undefined): Promise<void>;
  setup: ReplaySetup;
}

/**
 * Every chain and every projection of a jurisdiction (verifyChains and verifyProjections) in one
 * read of its trail, split into id ranges verified side by side in worker threads like
 * verifyJurisdictionTrail, each thread replaying with an engine built as `replay.setup` says.
 * The reports are what one pass in (decision id, seq) order gives. Small trails stay on `session`.
 */
export async function verifyJurisdictionRanges(session: SqlSession, connectionString: string, jurisdiction: string, replay: ReplayHost, opts: ParallelVerifyOptions = {}): Promise<RangeReport> {
  const ranges = await rangesOf(session, jurisdiction, opts);
  if (!ranges) return verifyRange(session, jurisdiction, ALL_IDS, replay.engine, replay.use);
  const reports = await Promise.all(ranges.map((range) => inWorker<RangeReport>({ connectionString, jurisdiction, range, replay: replay.setup }, 'range')));
  return { chains: mergeReports(reports.map((r) => r.chains)), projections: mergeProjectionReports(reports.map((r) => r.projections)) };
}

/** Id ranges of about equal event counts, one per thread; undefined when the trail is too small for threads. */
async function rangesOf(session: SqlSession, jurisdiction: string, opts: ParallelVerifyOptions) {
  const threads = opts.threads ?? Math.min(4, availableParallelism());
  const rows = await decisionSizes(session, jurisdiction);
  const events = rows.reduce((sum, d) => sum + d.version, 0);
  const parts = Math.min(threads, Math.floor(events / (opts.minEventsPerThread ?? 100_000)));
  return parts < 2 ? undefined : splitByEvents(rows, parts);
}

function inWorker<R>(job: VerifyRangeJob, answer: 'report' | 'range'): Promise<R> {
  const script = threadScript('trail-verification.worker');
  const worker = new Worker(script.file, { workerData: job, execArgv: script.execArgv });
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.once('message', (msg: { report?: R; range?: R; error?: { message: string; code?: string } }) => {
      settled = true;
      if (msg[answer]) resolve(msg[answer]);
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
