import type { Environment } from '../lib/harness';
import type { ServerProcess } from '../lib/server';
import { log, nowMs, sleep } from '../lib/util';
import { AckLog, backgroundLoad, check, checkIntegrity, draftingDecisions, drillTokens, type DrillResult } from './common';

/**
 * kill -9 of the API (MODE=all) under write load, then a restart: the trail
 * verifies, no transition is half-applied, every acknowledged event is there.
 */
export async function killApiDrill(env: Environment, server: ServerProcess, o = { loadMs: 3000, afterMs: 3000, concurrency: 16 }): Promise<DrillResult> {
  const checks: string[] = [];
  const tokens = drillTokens(env);
  const ids = await draftingDecisions(server.url, tokens, 40);
  const acks = new AckLog();
  const load = backgroundLoad(() => server, tokens, ids, acks, o.concurrency);
  await sleep(o.loadMs);
  const before = acks.acks.length;
  const killedAt = nowMs();
  await server.kill9();
  log(`kill -9 after ${before} acknowledged transitions; restarting`);
  await server.start(90_000);
  const downMs = Math.round(nowMs() - killedAt);
  await sleep(o.afterMs);
  const stats = await load.stop();
  const afterRestart = acks.acks.length - before;
  check(checks, afterRestart > 0, `the restarted server acknowledged ${afterRestart} more transitions (down ${downMs} ms, kill → healthy)`);
  const integrity = await checkIntegrity(env, server, tokens, acks, checks);
  const pass = checks.every((c) => c.startsWith('ok'));
  return {
    name: 'kill -9 of the API under load, then restart',
    pass,
    checks,
    figures: { ...integrity.figures, downMs, requests: stats.sent, byStatus: stats.byStatus, concurrency: o.concurrency },
  };
}
