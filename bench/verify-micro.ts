/**
 * Whole-jurisdiction verify (GET /api/audit/verify) of a large seeded trail, repeatably: the trail
 * is seeded once (bench/seed-trail.ts, ~1 min for 1,000,000 events) into a database that is kept
 * (`--database`, default mde_verify_micro) with every event signed into a checkpoint, so each run
 * measures chains, projections and the tree. Then built servers (MODE=api, no scheduler) answer
 * the verify, interleaved run by run when several are given: wall ms, CPU ms of the server (every
 * thread) and of PostgreSQL, and the machine's other activity (`uptime` too).
 *
 *   node -r @swc-node/register bench/verify-micro.ts [--runs 3] [--entry name=path/to/main.js ...]
 *     [--decisions 1000 --events 1000] [--profile] [--reseed]
 *
 * `--entry` (repeatable, comma-separated): servers to compare (default: this worktree's dist/).
 * `--profile`: one verify per entry under `node --cpu-prof`, every thread summed (bench/lib/cpuprofile.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tokensOf } from './lib/actors';
import { CpuMeter, processCpuMs } from './lib/cpu';
import { summarizeCpuProfile } from './lib/cpuprofile';
import { freePort } from './lib/harness';
import { expectStatus } from './lib/http';
import { ADMIN_DATABASE_URL, BENCH_REDIS_URL, createDatabase, databaseUrl, withClient } from './lib/pg';
import { REPO_ROOT, SERVER_ENTRY, ServerProcess } from './lib/server';
import { log, parseFlags, sleep, waitFor } from './lib/util';
import { seedTrail } from './seed-trail';

const flags = parseFlags(process.argv.slice(2));
const DB = String(flags.database ?? 'mde_verify_micro');
const JURISDICTION = 'county-verify';
const WARM = 'county-verify-warm';
// Fixed across runs: the seeded trail's tokens and the tree's signing key must stay valid.
const JWT_SECRET = 'verify-micro-bench-secret-0123456789abcdef';
const SIGNING_KEY = '5'.repeat(64);
const url = databaseUrl(DB);

function serverOf(name: string, entry: string, mode: 'api' | 'all', nodeArgs: string[] = [], extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  return freePort().then(async (port) => {
    const s = new ServerProcess({
      port, databaseUrl: url, redisUrl: BENCH_REDIS_URL, jwtSecret: JWT_SECRET, queuePrefix: DB, logLevel: 'warn', mode, entry, nodeArgs,
      logFile: join(REPO_ROOT, 'bench', 'results', 'logs', `${DB}-${name}.log`),
      env: { CHECKPOINT_SIGNING_KEY: SIGNING_KEY, CHECKPOINT_INTERVAL_MS: '1000', DATA_DIR: join(REPO_ROOT, 'bench', 'results', `${DB}-data`), ...extraEnv },
    });
    await s.start(120_000);
    return s;
  });
}

async function exists(): Promise<boolean> {
  const rows = await withClient(ADMIN_DATABASE_URL, (c) => c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB]));
  if (!rows.rows.length) return false;
  return withClient(url, async (c) => (await c.query(`SELECT 1 FROM pg_tables WHERE tablename = 'verify_micro_ready'`)).rows.length > 0);
}

/** Seeds the kept database once: migrations, the trail, VACUUM (ANALYZE), every event signed into a checkpoint. */
async function prepare(entry: string, decisions: number, events: number): Promise<void> {
  if (flags.reseed) await withClient(ADMIN_DATABASE_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${DB}"`));
  if (await exists()) return;
  if (!(await withClient(ADMIN_DATABASE_URL, (c) => c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB]))).rows.length) await createDatabase(DB);
  log(`preparing ${DB}: migrations`);
  const migrate = await serverOf('migrate', entry, 'api');
  await migrate.stop();
  log(`seeding ${decisions} × ${events} events`);
  let last = Date.now();
  await seedTrail({ databaseUrl: url, jurisdiction: WARM, decisions: 20, eventsPerDecision: 100 });
  const seeded = await seedTrail({
    databaseUrl: url, jurisdiction: JURISDICTION, decisions, eventsPerDecision: events, check: 100,
    onProgress: (n) => Date.now() - last > 15_000 && ((last = Date.now()), log(`  … ${n} events`)),
  });
  log(`seeded ${seeded.events} events in ${seeded.ms} ms; VACUUM (ANALYZE)`);
  await withClient(url, async (c) => {
    await c.query('VACUUM (ANALYZE) decision_events');
    await c.query('VACUUM (ANALYZE) decisions');
  });
  log('signing checkpoints (MODE=all: the scheduler, every second, until every event is a leaf)');
  const worker = await serverOf('checkpoints', entry, 'all');
  try {
    await waitFor('every event in a signed checkpoint', async () => {
      const { rows } = await withClient(url, (c) => c.query(`SELECT coalesce(max(tree_size), 0)::int AS n FROM checkpoints WHERE jurisdiction = $1`, [JURISDICTION]));
      return rows[0].n >= seeded.events;
    }, 1_800_000, 2000);
  } finally {
    await worker.stop();
  }
  await withClient(url, async (c) => {
    await c.query('VACUUM (ANALYZE) merkle_leaves');
    await c.query('CREATE TABLE verify_micro_ready (at timestamptz)');
  });
  log('prepared');
}

const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim().replace(/^.*load average/, 'load average');

/** CPU ms of the PostgreSQL backends serving this database (their command line names it) and of their parallel workers, by pid. */
function backendsCpu(): Map<number, number> {
  const out = new Map<number, number>();
  const helpers = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const leader = /parallel worker for PID (\d+)/.exec(cmdline);
      if (leader) helpers.set(Number(entry), Number(leader[1]));
      else if (cmdline.includes(` ${DB} `)) out.set(Number(entry), processCpuMs(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  for (const [pid, leader] of helpers) if (out.has(leader)) out.set(pid, processCpuMs(pid));
  return out;
}

/**
 * One verify: wall ms, CPU ms of the server and of this database's backends (sampled every 100 ms:
 * a worker thread's connection ends with its range and a parallel worker with its query, so their
 * last ≤ 100 ms may be missed).
 */
async function verifyOnce(s: ServerProcess, jurisdiction: string): Promise<{ ms: number; body: any; cpu: ReturnType<CpuMeter['end']>; backendsMs: number }> {
  const before = backendsCpu();
  const last = new Map(before);
  const sampler = setInterval(() => backendsCpu().forEach((ms, pid) => last.set(pid, ms)), 100);
  const meter = new CpuMeter(() => s.pid);
  meter.begin();
  const started = Date.now();
  try {
    const res = await expectStatus(s.url, { path: '/api/audit/verify', token: tokensOf(jurisdiction, JWT_SECRET).auditor, timeoutMs: 900_000 }, 200);
    const ms = Date.now() - started;
    const cpu = meter.end();
    backendsCpu().forEach((v, pid) => last.set(pid, v));
    let backendsMs = 0;
    for (const [pid, v] of last) backendsMs += v - (before.get(pid) ?? 0);
    return { ms, body: res.body, cpu, backendsMs };
  } finally {
    clearInterval(sampler);
  }
}

async function main() {
  const runs = Number(flags.runs ?? 3);
  // name=path[+VAR=value…]: a server and the environment it runs with
  const entries = String(flags.entry ?? `dist=${SERVER_ENTRY}`).split(',').map((e) => {
    const [spec, ...vars] = e.split('+');
    const [name, path] = spec.includes('=') ? spec.split('=') : [spec, spec];
    return { name, path, env: Object.fromEntries(vars.map((v) => v.split('='))) as Record<string, string> };
  });
  await prepare(entries[0].path, Number(flags.decisions ?? 1000), Number(flags.events ?? 1000));
  log(`before: ${uptime()}`);
  if (flags.profile) {
    for (const { name, path, env } of entries) {
      const dir = join(REPO_ROOT, 'bench', 'results', 'profiles', `verify-micro-${name}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const s = await serverOf(`prof-${name}`, path, 'api', ['--cpu-prof', `--cpu-prof-dir=${dir}`], env);
      await verifyOnce(s, WARM);
      const hrUs = () => Number(process.hrtime.bigint() / 1000n);
      const window = { fromUs: hrUs(), toUs: 0 };
      const r = await verifyOnce(s, JURISDICTION);
      window.toUs = hrUs();
      await s.stop();
      await sleep(300);
      const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
      const p = summarizeCpuProfile(files, ['verifyJurisdiction', 'verifyChains', 'verifyProjections', 'verifyTree', 'readTrail', 'hashEvent', 'feed', 'apply', 'handleDataRow', 'parse'], 25, window);
      log(`profile ${name}: ${r.ms} ms wall, server CPU ${r.cpu.serverMs} ms, backends ${r.backendsMs} ms, ok ${r.body.ok}, ${files.length} threads, ${p.totalMs} ms sampled; ${uptime()}`);
      process.stdout.write(`${JSON.stringify({ entry: name, ...p }, null, 1)}\n`);
    }
    return;
  }
  const servers = [];
  for (const { name, path, env } of entries) servers.push({ name, s: await serverOf(name, path, 'api', [], env) });
  try {
    for (const { s } of servers) await verifyOnce(s, WARM);
    const results: Record<string, { ms: number; serverMs: number; backendsMs: number; otherMs: number }[]> = {};
    for (let run = 0; run < runs; run++) {
      for (const { name, s } of servers) {
        const r = await verifyOnce(s, JURISDICTION);
        if (!r.body.ok || r.body.checkedEvents < 1) throw new Error(`${name}: verify not ok: ${JSON.stringify(r.body).slice(0, 500)}`);
        (results[name] ??= []).push({ ms: r.ms, serverMs: r.cpu.serverMs, backendsMs: r.backendsMs, otherMs: r.cpu.otherMs });
        log(`${name} run ${run + 1}: ${r.ms} ms wall, server CPU ${r.cpu.serverMs} ms, its PostgreSQL backends ${r.backendsMs} ms, other activity ${Math.round(r.cpu.machineMs - r.cpu.serverMs - r.backendsMs - r.cpu.benchMs)} ms; ` +
          `events ${r.body.checkedEvents}, projections ${r.body.checkedProjections}, leaves ${r.body.tree?.checkedLeaves}; ${uptime()}`);
      }
    }
    const best = (xs: number[]) => Math.min(...xs);
    for (const [name, rs] of Object.entries(results)) {
      log(`${name}: best wall ${best(rs.map((r) => r.ms))} ms, best server CPU ${best(rs.map((r) => r.serverMs))} ms, best backends CPU ${best(rs.map((r) => r.backendsMs))} ms`);
    }
  } finally {
    for (const { s } of servers) await s.stop().catch(() => undefined);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
