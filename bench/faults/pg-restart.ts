import { execFile } from 'node:child_process';
import type { Environment } from '../lib/harness';
import { request } from '../lib/http';
import type { ServerProcess } from '../lib/server';
import { log, nowMs, sleep, waitFor } from '../lib/util';
import { AckLog, backgroundLoad, check, checkIntegrity, draftingDecisions, drillTokens, type DrillResult } from './common';

/** "15 main" on this machine; BENCH_PG_CLUSTER overrides. */
export const PG_CLUSTER = (process.env.BENCH_PG_CLUSTER ?? '15 main').split(' ');

function pgCtl(action: 'restart' | 'start' | 'status'): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('pg_ctlcluster', ['--skip-systemctl-redirect', ...PG_CLUSTER, action], { timeout: 120_000 }, (err, stdout, stderr) =>
      err && action !== 'status' ? reject(new Error(`pg_ctlcluster ${action}: ${err.message} ${stderr}`)) : resolve(`${stdout}${stderr}`),
    ),
  );
}

const pgReady = () =>
  new Promise<boolean>((resolve) => execFile('pg_isready', ['-h', '127.0.0.1', '-p', '5432'], { timeout: 5000 }, (err) => resolve(!err)));

/** Makes sure PostgreSQL is up (starts the cluster if it is not), bounded. */
export async function ensurePostgresUp(): Promise<boolean> {
  if (await pgReady()) return true;
  log('PostgreSQL is down: pg_ctlcluster start');
  await pgCtl('start').catch((e) => log(e.message));
  return waitFor('PostgreSQL ready', async () => pgReady(), 60_000, 500).catch(() => false);
}

/**
 * PostgreSQL restarts under write load: /api/health must go 503 and back to
 * 200, the app must reconnect by itself (no restart of the app), and no
 * acknowledged transition may be lost.
 */
export async function pgRestartDrill(env: Environment, server: ServerProcess, o = { loadMs: 3000, afterMs: 4000, concurrency: 8 }): Promise<DrillResult> {
  const checks: string[] = [];
  const tokens = drillTokens(env);
  const ids = await draftingDecisions(server.url, tokens, 40);
  const acks = new AckLog();
  const health: { t: number; status: number }[] = [];
  let polling = true;
  const t0 = nowMs();
  const poller = (async () => {
    for (let i = 0; polling && i < 5000; i++) {
      const r = await request(server.url, { path: '/api/health', timeoutMs: 3000 }).catch(() => ({ status: 0 }));
      if (health.length === 0 || health[health.length - 1].status !== r.status) health.push({ t: Math.round(nowMs() - t0), status: r.status });
      await sleep(100);
    }
  })();
  const load = backgroundLoad(() => server, tokens, ids, acks, o.concurrency);
  await sleep(o.loadMs);
  const pid = server.pid;
  const before = acks.acks.length;
  const restartAt = nowMs();
  log(`restarting PostgreSQL (${PG_CLUSTER.join(' ')}) after ${before} acknowledged transitions`);
  let restartError: string | null = null;
  await pgCtl('restart').catch((e) => (restartError = e.message));
  const restartMs = Math.round(nowMs() - restartAt);
  const up = await ensurePostgresUp();
  const green = await waitFor('health 200 after the restart', async () => (await request(server.url, { path: '/api/health', timeoutMs: 3000 })).status === 200, 60_000, 200).then(() => true, () => false);
  const greenMs = Math.round(nowMs() - restartAt);
  const ackAfter = await waitFor('an acknowledged transition after the restart', async () => acks.acks.length > before + 10, 60_000, 200).then(() => true, () => false);
  await sleep(o.afterMs);
  const stats = await load.stop();
  polling = false;
  await poller;
  check(checks, !restartError && up, `pg_ctlcluster restart ${restartError ?? `took ${restartMs} ms`}; PostgreSQL ready afterwards: ${up}`);
  const sequence = health.map((h) => h.status);
  const redAt = sequence.findIndex((s) => s === 503);
  check(checks, redAt >= 0 && sequence.slice(redAt).includes(200), `/api/health went ${sequence.join(' → ')} (503 first at +${redAt >= 0 ? health[redAt].t : '–'} ms, 200 again ${greenMs} ms after the restart began)`);
  check(checks, green && ackAfter && server.pid === pid, `the same server process (pid ${pid}) reconnected by itself and acknowledged ${acks.acks.length - before} more transitions`);
  const integrity = await checkIntegrity(env, server, tokens, acks, checks);
  return {
    name: 'PostgreSQL restart under load',
    pass: checks.every((c) => c.startsWith('ok')),
    checks,
    figures: { ...integrity.figures, restartMs, greenAfterMs: greenMs, health, requests: stats.sent, byStatus: stats.byStatus },
  };
}
