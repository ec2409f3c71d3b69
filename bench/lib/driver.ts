import { request, type HttpResponse } from './http';
import { nowMs, sleep } from './util';

/** One HTTP call a driver makes. */
export interface Job {
  method?: string;
  path: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** label for per-kind statistics */
  kind?: string;
}

export interface Outcome {
  job: Job;
  status: number; // 0 = network error
  ms: number;
  body: any;
  error?: string;
  /** ms since the driver started, when the request was sent */
  sentAt: number;
}

export interface DriverStats {
  sent: number;
  byStatus: Record<string, number>;
  /** latencies (ms) of 2xx answers */
  okLatencies: number[];
  elapsedMs: number;
}

function tally(stats: DriverStats, o: Outcome) {
  stats.sent++;
  const key = o.status === 0 ? 'error' : String(o.status);
  stats.byStatus[key] = (stats.byStatus[key] ?? 0) + 1;
  if (o.status >= 200 && o.status < 300) stats.okLatencies.push(o.ms);
}

async function execute(baseUrl: string, job: Job, t0: number, timeoutMs: number): Promise<Outcome> {
  const sentAt = nowMs() - t0;
  try {
    const res: HttpResponse = await request(baseUrl, { method: job.method, path: job.path, token: job.token, body: job.body, headers: job.headers, timeoutMs });
    return { job, status: res.status, ms: res.ms, body: res.body, sentAt };
  } catch (error) {
    return { job, status: 0, ms: nowMs() - t0 - sentAt, body: null, error: (error as Error).message, sentAt };
  }
}

export interface ClosedLoopOptions {
  baseUrl: string;
  concurrency: number;
  /** hard bound on time */
  durationMs: number;
  /** hard bound on requests */
  maxRequests: number;
  /** the next job of worker `w` (awaited), or null when that worker is done */
  next: (worker: number) => Job | null | Promise<Job | null>;
  onResult?: (outcome: Outcome, worker: number) => void | Promise<void>;
  timeoutMs?: number;
  /** pause after a network error (e.g. while the server restarts) */
  errorBackoffMs?: number;
}

/** `concurrency` workers, each sending its next job as soon as the previous one answered; bounded in count and time. */
export async function runClosedLoop(o: ClosedLoopOptions): Promise<DriverStats> {
  const stats: DriverStats = { sent: 0, byStatus: {}, okLatencies: [], elapsedMs: 0 };
  const t0 = nowMs();
  let budget = o.maxRequests;
  const worker = async (w: number) => {
    while (budget > 0 && nowMs() - t0 < o.durationMs) {
      const job = await o.next(w);
      if (!job) return;
      budget--;
      const outcome = await execute(o.baseUrl, job, t0, o.timeoutMs ?? 30_000);
      tally(stats, outcome);
      await o.onResult?.(outcome, w);
      if (outcome.status === 0 && o.errorBackoffMs) await sleep(o.errorBackoffMs);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, (_, w) => worker(w)));
  stats.elapsedMs = nowMs() - t0;
  return stats;
}

export interface PacedOptions {
  baseUrl: string;
  /** arrivals per second, evenly spaced (open loop) */
  ratePerSec: number;
  durationMs: number;
  /** in-flight cap; arrivals beyond it are counted as dropped */
  maxInFlight: number;
  next: () => Job;
  onResult?: (outcome: Outcome) => void;
  timeoutMs?: number;
}

/**
 * Open-loop load at a fixed arrival rate: a request is sent at every 1/rate
 * interval whether or not earlier ones answered (no coordinated omission).
 * Latency is measured from each request's scheduled time.
 */
export async function runPaced(o: PacedOptions): Promise<DriverStats & { dropped: number; achievedRate: number }> {
  const stats: DriverStats = { sent: 0, byStatus: {}, okLatencies: [], elapsedMs: 0 };
  const t0 = nowMs();
  const interval = 1000 / o.ratePerSec;
  const total = Math.floor((o.durationMs / 1000) * o.ratePerSec);
  let scheduled = 0;
  let inFlight = 0;
  let dropped = 0;
  const pending: Promise<void>[] = [];
  while (scheduled < total && nowMs() - t0 < o.durationMs + 1000) {
    const due = t0 + scheduled * interval;
    const wait = due - nowMs();
    if (wait > 1) await sleep(Math.floor(wait));
    else if (wait > 0) await new Promise<void>((r) => setImmediate(r));
    if (nowMs() < due) continue;
    scheduled++;
    if (inFlight >= o.maxInFlight) {
      dropped++;
      continue;
    }
    inFlight++;
    const job = o.next();
    pending.push(
      execute(o.baseUrl, job, t0, o.timeoutMs ?? 30_000).then((outcome) => {
        inFlight--;
        // from the scheduled time: a late send counts against the server's queue, not in its favour
        outcome.ms += Math.max(0, outcome.sentAt - (due - t0));
        tally(stats, outcome);
        o.onResult?.(outcome);
      }),
    );
  }
  await Promise.all(pending);
  stats.elapsedMs = nowMs() - t0;
  return { ...stats, dropped, achievedRate: (stats.okLatencies.length / stats.elapsedMs) * 1000 };
}
