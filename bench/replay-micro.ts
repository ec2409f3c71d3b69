/**
 * Replay of one long decision, measured fast and repeatably (issue 15: ≥ 60,000 events/s):
 *
 *   npm run bench:replay -- [--events 10000] [--runs 7]
 *     [--variant before=bench/results/baseline/dist/apps/server/src/main.js] [--profile] [--no-http] [--no-in-process] [--keep]
 *
 * A fresh database (`freshEnvironment`), one decision of `events` events seeded with `seed-trail.ts`, then:
 *
 * - over HTTP: GET /api/decisions/:id/replay on the built server (dist/) and on every `--variant name=entry`
 *   (e.g. a copy of an earlier dist/), all started on the same database, after two warm-up replays each, the
 *   variants interleaved round by round (order alternating): wall ms and the server's CPU ms (/proc) per replay;
 *   every variant must verify and answer the same body as the first (byte for byte);
 * - in process (this source tree, no HTTP, no Nest): the trail read with `readTrail` (timed on its own), then
 *   replayed from memory by `TrailReplayer` over `procedureReplayEngine` (the machine and the hashes), and the
 *   machine alone and the chain alone, for the split;
 * - `--profile`: one more server (dist/) under `node --cpu-prof`, `runs` replays after one warm-up, summarised
 *   for every thread together and for each (the main thread, the chain-check thread).
 *
 * Prints JSON (events/s by wall clock, by the server's CPU time and by its main thread's, medians) and the
 * machine's load average. On a shared machine the CPU figures are the steady ones: a replay's thread beside
 * the main one only shortens the wall time when a core is free for it.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ChainVerifier, TrailReplayer } from '../libs/audit/src';
import { procedureReplayEngine } from '../libs/archive/src/procedure-replay';
import { createWorkingDayCalendar } from '../libs/calendar/src/build-calendar';
import { openSqlSession, readTrail, type TrailEntry } from '../libs/persistence/src';
import { ProcedureEngine } from '../libs/procedure/src';
import { tokensOf } from './lib/actors';
import { processCpuMs } from './lib/cpu';
import { summarizeCpuProfile } from './lib/cpuprofile';
import { freshEnvironment } from './lib/harness';
import { expectStatus, request } from './lib/http';
import { BENCH_REDIS_URL, withClient } from './lib/pg';
import { REPO_ROOT, type ServerProcess } from './lib/server';
import { log, median, parseFlags, round, sleep } from './lib/util';
import { seedTrail } from './seed-trail';

const flags = parseFlags(process.argv.slice(2));
const EVENTS = Number(flags.events ?? 10_000);
const RUNS = Number(flags.runs ?? 7);
const JURISDICTION = 'county-replay';
const WATCH = ['feed', 'apply', 'hashEvent', 'hashInput', 'canonicalJson', 'readTrail', 'handleDataRow', 'replayWith', 'viewAt', 'decide', 'send', 'sameJson', 'use'];

// every --variant name=entry (parseFlags would keep only the last)
const variants: { name: string; entry?: string }[] = [{ name: 'current' }];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i].startsWith('--variant=') ? argv[i].slice(10) : argv[i] === '--variant' ? argv[++i] : null;
  if (!a) continue;
  const eq = a.indexOf('=');
  variants.push({ name: a.slice(0, eq), entry: resolve(REPO_ROOT, a.slice(eq + 1)) });
}

/** CPU ms (user+system) of a process's main thread (/proc/<pid>/task/<pid>/stat), the replay's critical path when other threads help. */
const mainThreadCpuMs = (pid: number) => processCpuMs(pid, `/proc/${pid}/task/${pid}/stat`);
const loadavg = () => os.loadavg().map((l) => round(l, 2));
const rate = (events: number, ms: number) => (ms > 0 ? Math.round(events / (ms / 1000)) : null);

/** Times `fn` `runs` times after one warm-up: median wall and CPU ms of this process. */
function inProcess(runs: number, fn: () => number) {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  let n = 0;
  for (let r = 0; r < runs; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    n = fn();
    wall.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  const w = median(wall);
  const c = median(cpu);
  return { events: n, wallMs: round(w, 1), cpuMs: round(c, 1), eventsPerSec: rate(n, w), eventsPerCpuSec: rate(n, c) };
}

async function inProcessPhase(databaseUrl: string, id: string) {
  const session = await openSqlSession(databaseUrl);
  try {
    const read = async () => {
      const entries: TrailEntry[] = [];
      for await (const batch of readTrail(session, { decisionId: id })) entries.push(...batch);
      return entries;
    };
    await read();
    const readWall: number[] = [];
    const readCpu: number[] = [];
    let entries: TrailEntry[] = [];
    for (let r = 0; r < RUNS; r++) {
      const c = process.cpuUsage();
      const t = performance.now();
      entries = await read();
      readWall.push(performance.now() - t);
      const u = process.cpuUsage(c);
      readCpu.push((u.user + u.system) / 1000);
    }
    const engine = new ProcedureEngine({ calendar: createWorkingDayCalendar() });
    const replay = () => {
      const r = new TrailReplayer(procedureReplayEngine(engine));
      for (const e of entries) r.feed(e);
      const report = r.report();
      if (!report.verified) throw new Error(`in-process replay did not verify: ${JSON.stringify(report.mismatches.slice(0, 3))}`);
      return report.appliedEvents;
    };
    const machineOnly = () => {
      const m = procedureReplayEngine(engine);
      let s = m.start(entries[0]);
      for (let i = 1; i < entries.length; i++) {
        const out = m.apply(s, entries[i]);
        if (!out.accepted) throw new Error(`refused seq ${entries[i].seq}`);
        s = out.state;
      }
      return entries.length;
    };
    const chainOnly = () => {
      const v = new ChainVerifier(id);
      for (const e of entries) if (v.feed(e)) throw new Error(`chain broken at ${e.seq}`);
      return entries.length;
    };
    const w = median(readWall);
    const c = median(readCpu);
    return {
      readTrail: { events: entries.length, wallMs: round(w, 1), cpuMs: round(c, 1), eventsPerSec: rate(entries.length, w), eventsPerCpuSec: rate(entries.length, c) },
      replayFromMemory: inProcess(RUNS, replay),
      machineOnly: inProcess(RUNS, machineOnly),
      chainOnly: inProcess(RUNS, chainOnly),
    };
  } finally {
    await session.end();
  }
}

async function httpPhase(servers: { name: string; server: ServerProcess }[], token: string, id: string) {
  const path = `/api/decisions/${id}/replay`;
  const once = async (s: ServerProcess) => {
    const cpu0 = processCpuMs(s.pid!);
    const main0 = mainThreadCpuMs(s.pid!);
    const t = performance.now();
    const res = await request(s.url, { path, token, timeoutMs: 600_000 });
    const ms = performance.now() - t;
    const cpu = processCpuMs(s.pid!) - cpu0;
    const main = mainThreadCpuMs(s.pid!) - main0;
    if (res.status !== 200) throw new Error(`replay answered ${res.status}`);
    if (!res.body.verified) throw new Error(`replay did not verify: ${JSON.stringify(res.body.mismatches?.slice(0, 3))}`);
    return { ms, cpu, main, body: res.body };
  };
  for (const { server } of servers) for (let i = 0; i < 2; i++) await once(server);
  const times = new Map(servers.map((s) => [s.name, { wall: [] as number[], cpu: [] as number[], main: [] as number[] }]));
  let reference: string | null = null;
  for (let r = 0; r < RUNS; r++) {
    const order = r % 2 ? [...servers].reverse() : servers;
    for (const { name, server } of order) {
      const { ms, cpu, main, body } = await once(server);
      const text = JSON.stringify(body);
      if (reference === null) reference = text;
      else if (text !== reference) throw new Error(`variant ${name} answers a different replay body`);
      times.get(name)!.wall.push(round(ms, 1));
      times.get(name)!.cpu.push(cpu);
      times.get(name)!.main.push(main);
    }
  }
  const applied = JSON.parse(reference!).appliedEvents as number;
  return Object.fromEntries(
    [...times].map(([name, t]) => {
      const w = median(t.wall);
      const cpuTotal = t.cpu.reduce((a, b) => a + b, 0);
      const mainTotal = t.main.reduce((a, b) => a + b, 0);
      return [name, {
        wallMs: t.wall, medianMs: w, eventsPerSec: rate(applied, w),
        // all threads of the server, and its main thread alone (10 ms ticks: averaged over the runs)
        cpuMsPerReplay: round(cpuTotal / t.cpu.length, 1), eventsPerCpuSec: rate(applied * t.cpu.length, cpuTotal),
        mainThreadCpuMsPerReplay: round(mainTotal / t.main.length, 1), eventsPerMainThreadCpuSec: rate(applied * t.main.length, mainTotal),
      }];
    }),
  );
}

async function profilePhase(env: Awaited<ReturnType<typeof freshEnvironment>>, token: string, id: string) {
  const dir = join(REPO_ROOT, 'bench', 'results', 'profiles', 'replay-micro');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const s = await env.server({ name: 'replay-prof', logLevel: 'warn', nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  const path = `/api/decisions/${id}/replay`;
  await expectStatus(s.url, { path, token, timeoutMs: 600_000 }, 200);
  const hrUs = () => Number(process.hrtime.bigint() / 1000n);
  const window = { fromUs: hrUs(), toUs: 0 };
  for (let i = 0; i < RUNS; i++) await expectStatus(s.url, { path, token, timeoutMs: 600_000 }, 200);
  window.toUs = hrUs();
  await s.stop();
  await sleep(200);
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
  // every thread summed, then each thread (the main thread's file first: node numbers them in start order)
  return { ...summarizeCpuProfile(files, WATCH, 20, window), files, byThread: files.sort().map((f) => ({ file: f, ...summarizeCpuProfile(f, WATCH, 20, window) })) };
}

async function main() {
  const env = await freshEnvironment('mde_replay', BENCH_REDIS_URL);
  const keep = flags.keep === true;
  try {
    const servers: { name: string; server: ServerProcess }[] = [];
    for (const v of variants) servers.push({ name: v.name, server: await env.server({ name: `replay-${v.name}`, logLevel: 'warn', ...(v.entry ? { entry: v.entry } : {}) }) });
    log(`servers: ${variants.map((v) => `${v.name} (${v.entry ?? 'dist'})`).join(', ')}`);
    const seeded = await seedTrail({ databaseUrl: env.databaseUrl, jurisdiction: JURISDICTION, decisions: 1, eventsPerDecision: EVENTS, check: 50 });
    const id = seeded.decisionIds[0];
    await withClient(env.databaseUrl, (c) => c.query('ANALYZE decision_events; ANALYZE decisions'));
    log(`seeded ${seeded.events} events in ${seeded.ms} ms`);
    const token = tokensOf(JURISDICTION, env.jwtSecret).auditor;
    const result: Record<string, unknown> = { events: EVENTS, runs: RUNS, loadBefore: loadavg() };
    if (flags.http !== false) {
      result.http = await httpPhase(servers, token, id);
      log(`http: ${JSON.stringify(result.http)}`);
    }
    for (const { server } of servers) await server.stop();
    if (flags['in-process'] !== false) {
      result.inProcess = await inProcessPhase(env.databaseUrl, id);
      log(`in process: ${JSON.stringify(result.inProcess)}`);
    }
    if (flags.profile === true) result.profile = await profilePhase(env, token, id);
    result.loadAfter = loadavg();
    process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
  } finally {
    await env.cleanup(keep);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
