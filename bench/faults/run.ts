/**
 * npm run bench:faults [-- --keep] [--no-build] [--only fuzz,kill,redis,pg] [--render-only]
 *
 * Fault drills against the built server on a fresh database mde_faults_<ts>
 * and the local Redis (queue prefix of the same name): bad-input fuzz, kill -9
 * of the API under load, the Redis queue wiped under load, PostgreSQL
 * restarted under load (last; PostgreSQL is checked to be up afterwards).
 * Writes bench/results/faults.json and the fault section of BENCHMARKS.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, freshEnvironment } from '../lib/harness';
import { closeIdleSockets } from '../lib/http';
import { BENCH_REDIS_URL } from '../lib/pg';
import { updateSection } from '../lib/report';
import { REPO_ROOT } from '../lib/server';
import { log, parseFlags } from '../lib/util';
import type { DrillResult } from './common';
import { fuzzDrill } from './fuzz';
import { killApiDrill } from './kill-api';
import { ensurePostgresUp, pgRestartDrill, PG_CLUSTER } from './pg-restart';
import { redisFlushDrill } from './redis-flush';

const flags = parseFlags(process.argv.slice(2));
const only = new Set(String(flags.only ?? 'fuzz,kill,redis,pg').split(','));
const RECONCILE_EVERY_MS = '5000';

async function main(): Promise<boolean> {
  if (flags['render-only']) {
    // re-render the BENCHMARKS.md section from the last results, without running anything
    updateSection('faults', renderFaults(JSON.parse(readFileSync(join(REPO_ROOT, 'bench', 'results', 'faults.json'), 'utf8'))));
    return true;
  }
  const startedAt = new Date();
  if (flags.build !== false) build();
  const env = await freshEnvironment('mde_faults', BENCH_REDIS_URL);
  const results: DrillResult[] = [];
  try {
    // MODE=all: API and worker in one process, as `npm start` runs it; the reconciler every 5 s bounds the Redis drill
    const server = await env.server({ name: 'faults', env: { RECONCILE_EVERY_MS } });
    const run = async (key: string, drill: () => Promise<DrillResult>) => {
      if (!only.has(key)) return;
      log(`drill: ${key}`);
      const r = await drill().catch((e: Error): DrillResult => ({ name: key, pass: false, checks: [`FAIL: drill threw ${e.stack ?? e.message}`], figures: {} }));
      results.push(r);
      for (const c of r.checks) log(`  ${c}`);
      // a failed drill may leave the server down: bring it back for the next one
      if (!server.child) await server.start(90_000).catch(() => undefined);
    };
    await run('fuzz', () => fuzzDrill(env, server));
    await run('kill', () => killApiDrill(env, server));
    await run('redis', () => redisFlushDrill(env, server));
    await run('pg', () => pgRestartDrill(env, server)); // last: it disturbs every user of this PostgreSQL
  } finally {
    const up = await ensurePostgresUp();
    log(`PostgreSQL up after the drills: ${up}`);
    await env.cleanup(flags.keep === true);
    closeIdleSockets();
  }
  const finishedAt = new Date();
  const report = { kind: 'mde-faults', startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), queuePrefix: env.queuePrefix, reconcileEveryMs: Number(RECONCILE_EVERY_MS), pgCluster: PG_CLUSTER.join(' '), results };
  mkdirSync(join(REPO_ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'bench', 'results', 'faults.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (flags.md !== false && only.size === 4) updateSection('faults', renderFaults(report));
  const pass = results.every((r) => r.pass);
  log(`fault drills: ${results.filter((r) => r.pass).length}/${results.length} passed`);
  return pass;
}

function renderFaults(r: { finishedAt: string; queuePrefix: string; reconcileEveryMs: number; pgCluster: string; results: DrillResult[] }): string {
  const lines = [
    `Run ${r.finishedAt.slice(0, 16).replace('T', ' ')} UTC by \`npm run bench:faults\` against the built server (\`MODE=all\`, \`RECONCILE_EVERY_MS=${r.reconcileEveryMs}\`) on a fresh database; raw results in \`bench/results/faults.json\`. Write load during the drills: closed-loop REVISE_DRAFT on 20-40 decisions, every 2xx answer recorded as (decision, seq, hash).`,
    '',
    '| drill | result |',
    '|---|---|',
    ...r.results.map((d) => `| ${d.name} | ${d.pass ? 'pass' : '**FAIL**'} |`),
  ];
  for (const d of r.results) {
    lines.push('', `**${d.name}** — ${d.pass ? 'pass' : 'FAIL'}`, '');
    for (const c of d.checks) lines.push(`- ${c}`);
    const answers = (d.figures.byStatus ?? d.figures.statuses) as Record<string, number> | undefined;
    if (answers) lines.push(`- answers during the drill (status: count; "error" = no answer, the connection failed): ${Object.entries(answers).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  }
  lines.push(
    '',
    `Redis: the drill deletes every key of the run's own \`QUEUE_PREFIX\` (\`${r.queuePrefix}\`, SCAN + UNLINK) instead of FLUSHALL, because the Redis on this machine is shared with other people's test runs; for this app it is the same loss (all its queues, delayed jobs and the reconciler's job scheduler). PostgreSQL: \`pg_ctlcluster --skip-systemctl-redirect ${r.pgCluster} restart\` (fast shutdown: every session is cut).`,
  );
  return lines.join('\n');
}

main().then(
  (pass) => process.exit(pass ? 0 : 1),
  (error) => {
    process.stderr.write(`fault drills failed: ${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);
