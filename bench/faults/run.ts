/**
 * npm run bench:faults [-- --keep] [--no-build] [--only fuzz,kill,redis,outage,pg] [--render-only]
 *
 * Fault drills against the built server on a fresh database mde_faults_<ts>
 * and the local Redis (queue prefix of the same name): bad-input fuzz, kill -9
 * of the API under load, the Redis queue wiped under load, Redis stopped for
 * 60 s under load (a redis-server of the drill's own), PostgreSQL restarted
 * under load (last; PostgreSQL is checked to be up afterwards).
 * Writes bench/results/faults.json and the fault section of BENCHMARKS.md
 * (a run of some drills replaces only their rows and paragraphs there).
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
import { redisOutageDrill } from './redis-outage';

const flags = parseFlags(process.argv.slice(2));
const ALL = ['fuzz', 'kill', 'redis', 'outage', 'pg'];
const only = new Set(String(flags.only ?? ALL.join(',')).split(','));
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
    // MODE=all: API and worker in one process, as `npm start` runs it; the reconciler every 5 s bounds the Redis drills
    const shared = ['fuzz', 'kill', 'redis', 'pg'].some((k) => only.has(k));
    const server = shared ? await env.server({ name: 'faults', env: { RECONCILE_EVERY_MS } }) : null!;
    const run = async (key: string, drill: () => Promise<DrillResult>) => {
      if (!only.has(key)) return;
      log(`drill: ${key}`);
      const r = await drill().catch((e: Error): DrillResult => ({ name: key, pass: false, checks: [`FAIL: drill threw ${e.stack ?? e.message}`], figures: {} }));
      results.push(r);
      for (const c of r.checks) log(`  ${c}`);
      // a failed drill may leave the server down: bring it back for the next one
      if (shared && !server.child) await server.start(90_000).catch(() => undefined);
    };
    await run('fuzz', () => fuzzDrill(env, server));
    await run('kill', () => killApiDrill(env, server));
    await run('redis', () => redisFlushDrill(env, server));
    await run('outage', () => redisOutageDrill(env)); // its own server, on its own redis-server
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
  if (flags.md !== false && ALL.every((k) => only.has(k))) updateSection('faults', renderFaults(report));
  else if (flags.md !== false) updateSection('faults', mergeDrills(currentSection('faults'), report));
  const pass = results.every((r) => r.pass);
  log(`fault drills: ${results.filter((r) => r.pass).length}/${results.length} passed`);
  return pass;
}

/** The body of a BENCHMARKS.md section as it is now. */
function currentSection(name: string): string {
  const text = readFileSync(join(REPO_ROOT, 'BENCHMARKS.md'), 'utf8');
  const begin = `<!-- ${name}:begin -->`;
  const start = text.indexOf(begin);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  return start >= 0 && end > start ? text.slice(start + begin.length, end).trim() : '';
}

/** A run of some drills: their table rows and paragraphs replace (or join) those of the last full run, dated. */
function mergeDrills(section: string, r: { finishedAt: string; results: DrillResult[] }): string {
  let lines = section.split('\n');
  for (const d of r.results) {
    const row = `| ${d.name} | ${d.pass ? 'pass' : '**FAIL**'} |`;
    const rowAt = lines.findIndex((l) => l.startsWith(`| ${d.name} |`));
    if (rowAt >= 0) lines[rowAt] = row;
    else {
      let last = lines.findIndex((l) => l.startsWith('|---'));
      while (last >= 0 && lines[last + 1]?.startsWith('| ')) last++;
      lines.splice(last + 1, 0, row);
    }
    const block = renderDrill(d, `(run ${r.finishedAt.slice(0, 16).replace('T', ' ')} UTC on its own: \`npm run bench:faults -- --only ${[...only].join(',')}\`)`);
    const head = lines.findIndex((l) => l.startsWith(`**${d.name}**`));
    if (head >= 0) {
      let next = head + 1;
      while (next < lines.length && !lines[next].startsWith('**') && !lines[next].startsWith('Redis: ')) next++;
      lines.splice(head, next - head, ...block, '');
    } else {
      const note = lines.findIndex((l) => l.startsWith('Redis: '));
      lines.splice(note >= 0 ? note : lines.length, 0, ...block, '');
    }
  }
  lines = lines.join('\n').replace(/\n{3,}/g, '\n\n').split('\n');
  return lines.join('\n');
}

function renderDrill(d: DrillResult, when = ''): string[] {
  const lines = [`**${d.name}** — ${d.pass ? 'pass' : 'FAIL'}${when ? ` ${when}` : ''}`, ''];
  for (const c of d.checks) lines.push(`- ${c}`);
  const answers = (d.figures.byStatus ?? d.figures.statuses) as Record<string, number> | undefined;
  if (answers) lines.push(`- answers during the drill (status: count; "error" = no answer, the connection failed): ${Object.entries(answers).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  return lines;
}

function renderFaults(r: { finishedAt: string; queuePrefix: string; reconcileEveryMs: number; pgCluster: string; results: DrillResult[] }): string {
  const lines = [
    `Run ${r.finishedAt.slice(0, 16).replace('T', ' ')} UTC by \`npm run bench:faults\` against the built server (\`MODE=all\`, \`RECONCILE_EVERY_MS=${r.reconcileEveryMs}\`) on a fresh database; raw results in \`bench/results/faults.json\`. Write load during the drills: closed-loop REVISE_DRAFT on 20-40 decisions, every 2xx answer recorded as (decision, seq, hash).`,
    '',
    '| drill | result |',
    '|---|---|',
    ...r.results.map((d) => `| ${d.name} | ${d.pass ? 'pass' : '**FAIL**'} |`),
  ];
  for (const d of r.results) lines.push('', ...renderDrill(d));
  lines.push(
    '',
    `Redis: the drill deletes every key of the run's own \`QUEUE_PREFIX\` (\`${r.queuePrefix}\`, SCAN + UNLINK) instead of FLUSHALL, because the Redis on this machine is shared with other people's test runs; for this app it is the same loss (all its queues, delayed jobs and the reconciler's job scheduler). Redis outage: a redis-server of the drill's own on a spare port, stopped with \`redis-cli shutdown nosave\` and started again empty; the server under test (\`MODE=all\`) uses only that one. PostgreSQL: \`pg_ctlcluster --skip-systemctl-redirect ${r.pgCluster} restart\` (fast shutdown: every session is cut).`,
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
