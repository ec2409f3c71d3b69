import { performance } from 'node:perf_hooks';
import { CpuMeter } from './cpu';
import type { Done, Mix } from './mix';
import { percentile, round } from './util';

// autocannon ships no type declarations: the part of its programmatic API used here.
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest, context: Record<string, any>) => AutocannonRequest;
  onResponse?: (status: number, body: string, context: Record<string, any>) => void;
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
  latency: { p50: number; p99: number; average: number };
}
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

export interface LevelResult {
  connections: number;
  durationS: number;
  /** committed transitions (2xx answers) per second */
  tps: number;
  committed: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  /** refused requests by kind and status, with the first answer of each */
  rejected: Record<string, { status: number; count: number; example: string }>;
  byKind: Record<string, { count: number; p50Ms: number; p99Ms: number }>;
  completedPaths: number;
  /** CPU ms per committed transition, by process */
  cpuPerTransitionMs: { server: number; postgres: number; loadGenerator: number };
  /** share of the machine's cores busy during the level (1 = one full core) */
  coresBusy: { server: number; postgres: number; loadGenerator: number; other: number };
}

export interface LevelOptions {
  baseUrl: string;
  mix: Mix;
  connections: number;
  durationSec: number;
  warmupSec?: number;
  serverPid?: () => number | undefined;
}

/**
 * One closed-loop level with autocannon: `connections` keep-alive connections,
 * one request in flight each, for `durationSec`. Each request is drawn from the
 * mix; latency is measured per request (µs resolution) from setup to answer.
 */
export async function runLevel(o: LevelOptions): Promise<LevelResult> {
  if (o.warmupSec) await fire(o, o.warmupSec, null);
  const cpu = new CpuMeter(o.serverPid ?? (() => undefined));
  const samples: Sample[] = [];
  const pathsBefore = o.mix.completedPaths.length;
  cpu.begin();
  const result = await fire(o, o.durationSec, samples);
  const used = cpu.end();
  const ok = samples.filter((s) => s.status >= 200 && s.status < 300);
  const lat = ok.map((s) => s.ms);
  const byKind: LevelResult['byKind'] = {};
  for (const kind of [...new Set(ok.map((s) => s.kind))].sort()) {
    const l = ok.filter((s) => s.kind === kind).map((s) => s.ms);
    byKind[kind] = { count: l.length, p50Ms: round(percentile(l, 50)), p99Ms: round(percentile(l, 99)) };
  }
  const statusCounts: Record<string, number> = {};
  const rejected: LevelResult['rejected'] = {};
  for (const s of samples) {
    statusCounts[s.status] = (statusCounts[s.status] ?? 0) + 1;
    if (s.status >= 200 && s.status < 300) continue;
    const key = `${s.kind} ${s.status}`;
    rejected[key] ??= { status: s.status, count: 0, example: (s.body ?? '').slice(0, 300) };
    rejected[key].count++;
  }
  const durationS = result.duration;
  const committed = ok.length;
  const per = (ms: number) => (committed ? round(ms / committed, 3) : NaN);
  const busy = (ms: number) => round(ms / used.wallMs, 2);
  return {
    connections: o.connections,
    durationS,
    tps: round(committed / durationS, 1),
    committed,
    p50Ms: round(percentile(lat, 50)),
    p90Ms: round(percentile(lat, 90)),
    p99Ms: round(percentile(lat, 99)),
    maxMs: round(percentile(lat, 100)),
    non2xx: samples.length - committed,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCounts,
    rejected,
    byKind,
    completedPaths: o.mix.completedPaths.length - pathsBefore,
    cpuPerTransitionMs: { server: per(used.serverMs), postgres: per(used.postgresMs), loadGenerator: per(used.benchMs) },
    coresBusy: { server: busy(used.serverMs), postgres: busy(used.postgresMs), loadGenerator: busy(used.benchMs), other: busy(used.otherMs) },
  };
}

interface Sample {
  kind: string;
  ms: number;
  status: number;
  body?: string;
}

function fire(o: LevelOptions, durationSec: number, samples: Sample[] | null): Promise<AutocannonResult> {
  const request: AutocannonRequest = {
    method: 'POST',
    path: '/api/decisions',
    setupRequest: (req, ctx) => {
      const { job, done } = o.mix.next();
      ctx.done = done;
      ctx.kind = job.kind;
      ctx.t0 = performance.now();
      return {
        ...req,
        method: job.method ?? 'POST',
        path: job.path,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
        body: JSON.stringify(job.body),
      };
    },
    onResponse: (status, body, ctx) => {
      const ms = performance.now() - (ctx.t0 as number);
      samples?.push({ kind: ctx.kind as string, ms, status, body: status >= 300 ? body : undefined });
      (ctx.done as Done)(status, body);
    },
  };
  return autocannon({ url: o.baseUrl, connections: o.connections, pipelining: 1, duration: durationSec, timeout: 30, requests: [request] });
}
