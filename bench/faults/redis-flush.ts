import type { Environment } from '../lib/harness';
import { countQueueKeys, deleteQueueKeys } from '../lib/harness';
import { expectStatus } from '../lib/http';
import { withClient } from '../lib/pg';
import type { ServerProcess } from '../lib/server';
import { log, sleep, waitFor } from '../lib/util';
import { lawful } from '../../test/utils/decision-flow';
import { AckLog, backgroundLoad, check, checkIntegrity, draftingDecisions, drillTokens, type DrillResult } from './common';


/**
 * The timer queue is lost under load: deadlines due in 8-20 s are scheduled in
 * Redis, then every key of this run's QUEUE_PREFIX is deleted (the equivalent
 * of FLUSHALL for this app without disturbing anybody else's keys on a shared
 * Redis). Every deadline must still fire (the reconciler re-creates the jobs
 * from PostgreSQL) and the trail stays intact.
 */
export async function redisFlushDrill(env: Environment, server: ServerProcess, o = { deadlines: 20, concurrency: 8, maxWaitMs: 120_000 }): Promise<DrillResult> {
  const checks: string[] = [];
  const tokens = drillTokens(env);
  const ids = await draftingDecisions(server.url, tokens, o.deadlines + 20);
  const timed = ids.slice(0, o.deadlines);
  const busy = ids.slice(o.deadlines);
  const acks = new AckLog();
  const load = backgroundLoad(() => server, tokens, busy, acks, o.concurrency);
  // urgent comment periods opened now that end 8…20 s from now: PUBLIC_COMMENT_END deadlines fire PUBLIC_COMMENT_ELAPSED
  const openedAt = Date.now();
  const dueAt: number[] = [];
  for (const [i, id] of timed.entries()) {
    const endsAt = openedAt + 8_000 + Math.round((i * 12_000) / Math.max(1, timed.length - 1));
    dueAt.push(endsAt);
    await expectStatus(server.url, {
      method: 'POST',
      path: `/api/decisions/${id}/events`,
      token: tokens.drafter,
      body: lawful.urgentComment(endsAt),
    }, 200);
  }
  const keysBefore = await countQueueKeys(env.redisUrl, env.queuePrefix);
  const jobKeysBefore = await countQueueKeys(env.redisUrl, env.queuePrefix, 'deadlines:*');
  await sleep(1000);
  const deleted = await deleteQueueKeys(env.redisUrl, env.queuePrefix);
  const flushedAt = Date.now();
  const keysAfter = await countQueueKeys(env.redisUrl, env.queuePrefix);
  log(`deleted ${deleted} keys of prefix ${env.queuePrefix} (${keysBefore} before, ${keysAfter} right after)`);
  check(checks, jobKeysBefore > 0 && deleted > 0, `${jobKeysBefore} deadline-queue keys were in Redis; all ${deleted} keys of prefix ${env.queuePrefix} deleted under load (${flushedAt - openedAt} ms after the first deadline was scheduled)`);
  const fired = await waitFor(
    'every deadline fired',
    async () => {
      const rows = await withClient(env.databaseUrl, (c) =>
        c.query(`SELECT decision_id, status, fired_at FROM deadlines WHERE decision_id = ANY($1::uuid[]) AND kind = 'PUBLIC_COMMENT_END'`, [timed]),
      );
      // fired_at is set by the firing; status may already read 'closed' (the elapsed event closed the deadline it fired)
      return rows.rows.length === timed.length && rows.rows.every((r: { fired_at: Date | null }) => r.fired_at !== null) ? rows.rows : null;
    },
    o.maxWaitMs,
    500,
  ).catch(() => null);
  const stats = await load.stop();
  const elapsed = await withClient(env.databaseUrl, (c) =>
    c.query(`SELECT decision_id, occurred_at FROM decision_events WHERE decision_id = ANY($1::uuid[]) AND type = 'PUBLIC_COMMENT_ELAPSED'`, [timed]),
  );
  const lateness = elapsed.rows.map((r: { decision_id: string; occurred_at: Date }) => r.occurred_at.getTime() - dueAt[timed.indexOf(r.decision_id)]);
  check(checks, !!fired, `${fired ? fired.length : 0}/${timed.length} PUBLIC_COMMENT_END deadlines fired (fired_at set in PostgreSQL)`);
  check(checks, elapsed.rows.length === timed.length, `${elapsed.rows.length}/${timed.length} decisions got their PUBLIC_COMMENT_ELAPSED event, at most ${Math.max(0, ...lateness)} ms after the due time`);
  const keysNow = await countQueueKeys(env.redisUrl, env.queuePrefix);
  check(checks, keysNow > 0, `the queue re-created itself in Redis (${keysNow} keys of the prefix now)`);
  const integrity = await checkIntegrity(env, server, tokens, acks, checks);
  return {
    name: 'Redis queue wiped under load (every key of the app\'s QUEUE_PREFIX)',
    pass: checks.every((c) => c.startsWith('ok')),
    checks,
    figures: { ...integrity.figures, deadlines: timed.length, keysDeleted: deleted, maxLatenessMs: Math.max(0, ...lateness), requests: stats.sent, byStatus: stats.byStatus },
  };
}
