import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { runClosedLoop, type Outcome } from '../lib/driver';
import { freePort, type Environment } from '../lib/harness';
import { request } from '../lib/http';
import { withClient } from '../lib/pg';
import type { ServerProcess } from '../lib/server';
import { log, nowMs, sleep, waitFor } from '../lib/util';
import { revise } from '../lib/workload';
import { lawful } from '../../test/utils/decision-flow';
import { AckLog, check, checkIntegrity, draftingDecisions, drillTokens, type DrillResult } from './common';

/** A redis-server of the drill's own on a spare port (nothing saved to disk), so stopping it disturbs nobody. */
class DedicatedRedis {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await waitFor(`redis-server on ${this.port}`, async () => spawnSync('redis-cli', ['-p', String(this.port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG', 10_000, 100);
  }

  /** `redis-cli shutdown nosave`: the server goes away with everything it held. */
  async shutdown(): Promise<void> {
    spawnSync('redis-cli', ['-p', String(this.port), 'shutdown', 'nosave'], { encoding: 'utf8', timeout: 5_000 });
    await Promise.race([this.exited, sleep(5_000)]);
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
    await this.exited;
    this.child = null;
  }
}

const HUNG_MS = 10_000;

/**
 * Redis stopped for `outageMs` under write load, then started again (empty: `shutdown nosave`), with the
 * built server (MODE=all) on a redis-server of the drill's own. Every request must be answered within
 * HUNG_MS (none hung); events that open deadlines keep being accepted during the outage; every deadline,
 * opened before or during the outage, fires once Redis is back; health reads degraded (503) while it is
 * down and recovers by itself; the trail is intact.
 */
export async function redisOutageDrill(env: Environment, o = { outageMs: 60_000, before: 10, during: 20, concurrency: 8, maxWaitMs: 180_000, reconcileEveryMs: '5000' }): Promise<DrillResult> {
  const checks: string[] = [];
  const tokens = drillTokens(env);
  const redis = new DedicatedRedis(await freePort());
  await redis.start();
  const server: ServerProcess = await env.server({ name: 'redis-outage', redisUrl: redis.url, env: { RECONCILE_EVERY_MS: o.reconcileEveryMs } });
  try {
    const ids = await draftingDecisions(server.url, tokens, o.before + o.during + 20);
    const timed = ids.slice(0, o.before + o.during);
    const busy = ids.slice(o.before + o.during);
    const acks = new AckLog();
    const outcomes: { o: Outcome; phase: string }[] = [];
    let phase = 'before';
    let stopped = false;
    let n = 0;
    const targets = new Map<object, string>();
    const load = runClosedLoop({
      baseUrl: server.url,
      concurrency: o.concurrency,
      durationMs: o.outageMs + o.maxWaitMs + 120_000,
      maxRequests: 1_000_000,
      timeoutMs: HUNG_MS,
      errorBackoffMs: 50,
      next: () => {
        if (stopped) return null;
        const id = busy[n++ % busy.length];
        const job = { method: 'POST', path: `/api/decisions/${id}/events`, token: tokens.drafter, body: revise(n) };
        targets.set(job, id);
        return job;
      },
      onResult: (out) => {
        acks.record(out, targets.get(out.job)!);
        targets.delete(out.job);
        outcomes.push({ o: out, phase });
      },
    });

    // a timed event: an urgent comment period ending at `endsAt` (its PUBLIC_COMMENT_END deadline fires PUBLIC_COMMENT_ELAPSED)
    const dueAt = new Map<string, number>();
    const opened: { id: string; status: number; ms: number; phase: string }[] = [];
    const open = async (id: string, endsAt: number) => {
      dueAt.set(id, endsAt);
      const t0 = nowMs();
      const res = await request(server.url, { method: 'POST', path: `/api/decisions/${id}/events`, token: tokens.drafter, body: lawful.urgentComment(endsAt), timeoutMs: HUNG_MS }).catch(() => ({ status: 0, body: null }));
      opened.push({ id, status: res.status, ms: nowMs() - t0, phase });
      acks.record({ job: {} as never, status: res.status, ms: 0, body: res.body, sentAt: 0 }, id);
    };

    await sleep(2_000);
    const downAt = Date.now();
    // opened before the outage, due while Redis is down
    for (const [i, id] of timed.slice(0, o.before).entries()) await open(id, downAt + 10_000 + Math.round((i * (o.outageMs - 20_000)) / Math.max(1, o.before - 1)));
    phase = 'outage';
    await redis.shutdown();
    const stoppedAt = nowMs();
    log(`redis-server on ${redis.port} shut down (nosave); load continues`);
    const health: { t: number; status: number; body: unknown }[] = [];
    const during = timed.slice(o.before);
    const every = o.outageMs / (during.length + 1);
    for (const [i, id] of during.entries()) {
      // opened while Redis is down, due during the outage or after it
      await open(id, Date.now() + 5_000 + Math.round((i * o.outageMs) / during.length));
      const h = await request(server.url, { path: '/api/health', timeoutMs: HUNG_MS }).catch(() => ({ status: 0, body: null }));
      health.push({ t: Math.round(nowMs() - stoppedAt), status: h.status, body: h.body });
      const next = stoppedAt + (i + 1) * every;
      if (next > nowMs()) await sleep(next - nowMs());
    }
    if (nowMs() - stoppedAt < o.outageMs) await sleep(o.outageMs - (nowMs() - stoppedAt));
    const outageMs = Math.round(nowMs() - stoppedAt);
    await redis.start();
    phase = 'after';
    const restartedAt = nowMs();
    const backAt = Date.now();
    log(`redis-server on ${redis.port} started again after ${outageMs} ms (empty)`);
    const healthyAgainMs = await waitFor('health 200 after the outage', async () => ((await request(server.url, { path: '/api/health', timeoutMs: HUNG_MS })).status === 200 ? Math.round(nowMs() - restartedAt) : null), 60_000, 250).catch(() => null);

    const fired = await waitFor(
      'every deadline fired',
      async () => {
        const { rows } = await withClient(env.databaseUrl, (c) => c.query(`SELECT decision_id, fired_at FROM deadlines WHERE decision_id = ANY($1::uuid[]) AND kind = 'PUBLIC_COMMENT_END' AND fired_at IS NOT NULL`, [timed]));
        return rows.length === timed.length ? rows : null;
      },
      o.maxWaitMs,
      500,
    ).catch(() => null);
    const allFiredMs = Math.round(nowMs() - restartedAt);
    await sleep(2_000);
    stopped = true;
    const stats = await load;

    const { rows: elapsed } = await withClient(env.databaseUrl, (c) =>
      c.query(`SELECT decision_id, occurred_at FROM decision_events WHERE decision_id = ANY($1::uuid[]) AND type = 'PUBLIC_COMMENT_ELAPSED'`, [timed]),
    );
    const all = [...outcomes.map((x) => ({ status: x.o.status, ms: x.o.ms, phase: x.phase })), ...opened];
    const hung = all.filter((x) => x.status === 0);
    const inOutage = all.filter((x) => x.phase === 'outage');
    const maxMs = Math.round(Math.max(0, ...all.map((x) => x.ms)));
    const maxOutageMs = Math.round(Math.max(0, ...inOutage.map((x) => x.ms)));
    const openedOk = opened.filter((x) => x.status === 200);
    const degraded = health.filter((h) => h.status === 503);
    check(checks, outageMs >= o.outageMs, `redis-server stopped (\`redis-cli shutdown nosave\`) for ${outageMs} ms under load, then started again empty`);
    check(checks, hung.length === 0, `${all.length} requests (${inOutage.length} during the outage): ${hung.length} without an answer within ${HUNG_MS} ms; slowest answer ${maxMs} ms (${maxOutageMs} ms during the outage)`);
    check(checks, openedOk.length === timed.length, `${openedOk.length}/${timed.length} events opening a deadline answered 200 (${o.before} before the outage, ${opened.filter((x) => x.phase === 'outage' && x.status === 200).length}/${o.during} during it, slowest ${Math.round(Math.max(0, ...opened.map((x) => x.ms)))} ms)`);
    check(checks, degraded.length === health.length && health.length > 0, `/api/health during the outage: ${degraded.length}/${health.length} answered 503 (${JSON.stringify((degraded[0]?.body as { error?: unknown })?.error ?? null)}); 200 again ${healthyAgainMs ?? 'never'} ms after Redis was back`);
    check(checks, !!fired && elapsed.length === timed.length, `${fired ? fired.length : 0}/${timed.length} deadlines fired and ${elapsed.length}/${timed.length} decisions got their PUBLIC_COMMENT_ELAPSED, the last ${allFiredMs} ms after Redis was back`);
    const late = elapsed.map((r: { decision_id: string; occurred_at: Date }) => r.occurred_at.getTime() - dueAt.get(r.decision_id)!);
    // how long after it could fire each did: its due time, or Redis back for those due while it was down
    const afterPossible = elapsed.map((r: { decision_id: string; occurred_at: Date }) => r.occurred_at.getTime() - Math.max(dueAt.get(r.decision_id)!, backAt));
    const dueInOutage = [...dueAt.values()].filter((t) => t < backAt).length;
    check(
      checks,
      late.every((ms: number) => ms >= 0),
      `no deadline fired early; ${dueInOutage} were due while Redis was down, ${timed.length - dueInOutage} after: each fired at most ${Math.max(0, ...afterPossible)} ms after it could (its due time, or Redis back)`,
    );
    const integrity = await checkIntegrity(env, server, tokens, acks, checks);
    return {
      name: `Redis stopped for ${Math.round(o.outageMs / 1000)} s under load, then started again`,
      pass: checks.every((c) => c.startsWith('ok')),
      checks,
      figures: {
        ...integrity.figures,
        requests: all.length,
        requestsDuringOutage: inOutage.length,
        hung: hung.length,
        maxLatencyMs: maxMs,
        maxLatencyDuringOutageMs: maxOutageMs,
        deadlinesExpected: timed.length,
        deadlinesFired: fired ? fired.length : 0,
        allFiredAfterRecoveryMs: allFiredMs,
        maxFiredAfterPossibleMs: Math.max(0, ...afterPossible),
        dueDuringOutage: dueInOutage,
        healthyAgainMs,
        byStatus: stats.byStatus,
      },
    };
  } finally {
    await server.stop().catch(() => undefined);
    await redis.shutdown().catch(() => undefined);
  }
}
