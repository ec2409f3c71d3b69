import type { RoleName } from './actors';
import { CpuMeter } from './cpu';
import { runPaced } from './driver';
import { expectStatus } from './http';
import type { Mix } from './mix';
import type { HistoryPoint } from './report';
import { median, percentile, round } from './util';
import { revise } from './workload';

/**
 * REVISE_DRAFT one at a time, alternating between two decisions (the order
 * flips every round so neither always goes first): p50/p99 of each.
 */
export async function historyCost(
  baseUrl: string,
  tokens: Record<RoleName, string>,
  short: { id: string; priorEvents: number },
  long: { id: string; priorEvents: number },
  samples: number,
  warmup = 30,
): Promise<{ short: HistoryPoint; long: HistoryPoint; ratio: number }> {
  const lat: Record<'short' | 'long', number[]> = { short: [], long: [] };
  const send = async (which: 'short' | 'long', n: number, record: boolean) => {
    const id = which === 'short' ? short.id : long.id;
    const res = await expectStatus(baseUrl, { method: 'POST', path: `/api/decisions/${id}/events`, token: tokens.drafter, body: revise(n) }, 200);
    if (record) lat[which].push(res.ms);
  };
  for (let i = 0; i < warmup + samples; i++) {
    const order: ('short' | 'long')[] = i % 2 ? ['short', 'long'] : ['long', 'short'];
    for (const which of order) await send(which, 5_000_000 + i, i >= warmup);
  }
  const point = (which: 'short' | 'long', priorEvents: number): HistoryPoint => ({
    priorEvents,
    samples: lat[which].length,
    p50Ms: round(percentile(lat[which], 50), 3),
    p99Ms: round(percentile(lat[which], 99), 3),
  });
  const s = point('short', short.priorEvents);
  const l = point('long', long.priorEvents);
  return { short: s, long: l, ratio: round(l.p50Ms / s.p50Ms, 3) };
}

/** GET /replay `runs` times after `warmup` discarded runs (the replay path JIT-compiled, as the levels warm up): median time and events/s; the replay must verify. */
export async function replayRate(baseUrl: string, token: string, id: string, runs: number, warmup = 1) {
  const times: number[] = [];
  let events = 0;
  let verified = true;
  for (let i = 0; i < warmup + runs; i++) {
    const res = await expectStatus(baseUrl, { path: `/api/decisions/${id}/replay`, token, timeoutMs: 600_000 }, 200);
    if (i < warmup) continue;
    times.push(round(res.ms, 1));
    events = res.body.appliedEvents;
    verified &&= res.body.verified === true;
    if (!res.body.verified) throw new Error(`replay did not verify: ${JSON.stringify(res.body.mismatches?.slice(0, 3))}`);
  }
  const medianMs = median(times);
  return { events, runsMs: times, medianMs, eventsPerSec: Math.round(events / (medianMs / 1000)), verified };
}

/** GET /api/audit/verify `runs` times (bounded by `maxTotalMs`): times, events, ok. */
export async function verifyRate(baseUrl: string, token: string, runs: number, maxTotalMs = 240_000) {
  const times: number[] = [];
  let body: { ok: boolean; checkedEvents: number; checkedDecisions: number; firstBroken?: unknown } | null = null;
  const started = Date.now();
  for (let i = 0; i < runs && (i === 0 || Date.now() - started + times[times.length - 1] < maxTotalMs); i++) {
    const res = await expectStatus(baseUrl, { path: '/api/audit/verify', token, timeoutMs: 900_000 }, 200);
    times.push(round(res.ms, 0));
    body = res.body;
    if (!res.body.ok) throw new Error(`verify failed: ${JSON.stringify(res.body.firstBroken)}`);
  }
  const bestMs = Math.min(...times);
  return { runsMs: times, bestMs, events: body!.checkedEvents, decisions: body!.checkedDecisions, ok: body!.ok, eventsPerSec: Math.round(body!.checkedEvents / (bestMs / 1000)) };
}

/** The mix at a fixed, evenly spaced arrival rate (open loop). */
export async function pacedLevel(baseUrl: string, mix: Mix, ratePerSec: number, durationSec: number, maxInFlight = 64, serverPid?: () => number | undefined) {
  const dones = new Map<object, (status: number, body: unknown) => void>();
  const perSecond = new Map<number, number[]>();
  const meter = new CpuMeter(serverPid ?? (() => undefined));
  meter.begin();
  const stats = await runPaced({
    baseUrl,
    ratePerSec,
    durationMs: durationSec * 1000,
    maxInFlight,
    next: () => {
      const { job, done } = mix.next();
      dones.set(job, done);
      return job;
    },
    onResult: (o) => {
      dones.get(o.job)?.(o.status, o.body);
      dones.delete(o.job);
      const second = Math.floor(o.sentAt / 1000);
      if (!perSecond.has(second)) perSecond.set(second, []);
      perSecond.get(second)!.push(o.ms);
    },
  });
  const used = meter.end();
  return {
    targetRate: round(ratePerSec, 1),
    achievedRate: round(stats.achievedRate, 1),
    p50Ms: round(percentile(stats.okLatencies, 50), 2),
    p99Ms: round(percentile(stats.okLatencies, 99), 2),
    dropped: stats.dropped,
    statusCounts: stats.byStatus,
    /** max latency (ms) of the requests sent in each second: where a stall happened */
    maxBySecond: [...perSecond.entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => round(Math.max(...l), 0)),
    coresBusy: { server: round(used.serverMs / used.wallMs, 2), postgres: round(used.postgresMs / used.wallMs, 2), other: round(used.otherMs / used.wallMs, 2) },
  };
}
