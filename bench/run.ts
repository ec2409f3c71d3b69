/**
 * npm run bench [-- --keep] [--no-build] [--quick] [--levels 1,4,16,64] [--duration 10]
 *               [--seed-decisions 1000 --seed-events 1000] [--no-profile] [--no-md]
 *               [--server-node-args=--trace-gc] [--log-level info] [--db-pool-size 20]
 *
 * Builds, creates a fresh database mde_bench_<ts> on the local PostgreSQL,
 * starts the built server against it and the local Redis, and measures:
 * committed transitions/s and latency over a realistic mix at several
 * concurrency levels; pgbench on the same SQL shape at the same client counts
 * (the physical limit: the app's one-statement shape, and the lock-first
 * transaction it replaced as a reference) and the ratio; the limit of any Node service (a bare
 * node:http + pg server committing REVISE_DRAFT with the app's statement) against the app on the
 * same requests, level by level, and server CPU per committed transition; transition p50 at 10 vs 10,000 prior
 * events; replay of a 10,000-event decision; whole-jurisdiction verify of
 * 1,000,000 seeded events; CPU profiles of each phase. Writes
 * bench/results/latest.json and the generated section of BENCHMARKS.md, then
 * drops the database (unless --keep). See bench/README.md.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tokensOf } from './lib/actors';
import { bareServerOptions, nodeLimitOf, REVISE_ONLY, validity, type NodeLimitLevel } from './lib/bare';
import { CpuMeter, waitForQuiet } from './lib/cpu';
import { summarizeCpuProfile } from './lib/cpuprofile';
import { build, freshEnvironment, type Environment } from './lib/harness';
import { closeIdleSockets, expectStatus } from './lib/http';
import { runLevel, type LevelResult } from './lib/load';
import { machineFacts } from './lib/machine';
import { microBenchmarks } from './lib/micro';
import { historyCost, pacedLevel, replayRate, verifyRate } from './lib/measure';
import { DEFAULT_MIX, Mix } from './lib/mix';
import { BENCH_REDIS_URL, withClient } from './lib/pg';
import { createPgbenchTables, dropPgbenchTables, pgbenchScript, runPgbench, sampleTransition, type PgbenchResult } from './lib/pgbench';
import { judgeTargets, renderBench, updateSection, writeResults, type BenchResults } from './lib/report';
import { REPO_ROOT, type ServerProcess } from './lib/server';
import { log, parseFlags, prng, round, sleep } from './lib/util';
import { prepareDecisions } from './lib/workload';
import { seedTrail } from './seed-trail';

const flags = parseFlags(process.argv.slice(2));
const quick = flags.quick === true;
const num = (name: string, full: number, small: number) => Number(flags[name] ?? (quick ? small : full));
const cfg = {
  levels: String(flags.levels ?? (quick ? '1,4' : '1,4,16,64')).split(',').map(Number),
  durationSec: num('duration', 10, 3),
  warmupSec: num('warmup', 2, 1),
  halfPeakSec: num('half-peak-duration', 20, 3),
  decisions: num('decisions', 1000, 100),
  seedDecisions: num('seed-decisions', 1000, 20),
  seedEventsPerDecision: num('seed-events', 1000, 500),
  longHistory: num('long-history', 10_000, 2_000),
  shortHistory: 10,
  historySamples: num('history-samples', 300, 40),
  replayRuns: num('replay-runs', 3, 2),
  verifyRuns: num('verify-runs', 2, 1),
  profile: flags.profile !== false,
  logLevel: String(flags['log-level'] ?? 'info'),
  dbPoolSize: String(flags['db-pool-size'] ?? '20'),
  keep: flags.keep === true,
  quietWaitMs: num('quiet-wait', 20_000, 3_000),
  /** extra node flags of the measured server, e.g. --server-node-args=--trace-gc */
  serverNodeArgs: flags['server-node-args'] ? String(flags['server-node-args']).split(' ') : [],
  build: flags.build !== false,
  md: flags.md !== false,
};
const JURISDICTIONS = { load: 'county-load', history: 'county-history', verify: 'county-verify' };
const PROFILE_WATCH = [
  'apply', 'once', 'restore', 'allowedEvents', 'presentDecision', 'context', 'hashEvent', 'canonicalJson', 'parseEventBody', 'validateSync',
  'enrichPayload', 'applyOnLastKnown', 'recordTransition', 'deadlinesOf', 'verifyActorToken', 'verifyJurisdiction', 'verifyJurisdictionTrail', 'feed',
  'parseRow', 'handleDataRow', 'query', 'write', 'serialize', 'readTrail', 'verifyChains', 'hashInput', 'recordRegistration',
];

async function main(): Promise<void> {
  const startedAt = new Date();
  if (cfg.build) build();
  const env = await freshEnvironment('mde_bench', BENCH_REDIS_URL);
  let failure: unknown = null;
  try {
    const results = await measure(env, startedAt);
    writeResults(results);
    log(`wrote ${join('bench', 'results', 'latest.json')}`);
    if (cfg.md) {
      updateSection('bench', renderBench(results));
      log('updated BENCHMARKS.md');
    }
    for (const t of results.targets) log(`${t.valid === false ? 'INVALID' : t.pass ? 'pass' : 'MISS'}  ${t.name}: ${t.actual} (target ${t.target})${t.why ? `: ${t.why}` : ''}`);
    log(`ratio to bare node: ${results.nodeLimit!.ratio.toFixed(2)}   ratio to pgbench: ${results.ratio.peak.toFixed(2)}`);
  } catch (error) {
    failure = error;
  } finally {
    await env.cleanup(cfg.keep);
    closeIdleSockets();
  }
  if (failure) throw failure;
}

async function measure(env: Environment, startedAt: Date): Promise<BenchResults> {
  const serverOpts = { logLevel: cfg.logLevel, env: { DB_POOL_SIZE: cfg.dbPoolSize }, nodeArgs: cfg.serverNodeArgs };
  let server: ServerProcess = await env.server({ ...serverOpts, name: 'main' });
  log(`server up on ${server.url} (pid ${server.pid})`);
  const machine = await machineFacts(env.databaseUrl, env.redisUrl);
  const tokens = {
    load: tokensOf(JURISDICTIONS.load, env.jwtSecret),
    history: tokensOf(JURISDICTIONS.history, env.jwtSecret),
    verify: tokensOf(JURISDICTIONS.verify, env.jwtSecret),
  };
  const rnd = prng(20241124);
  // Other people's test runs share this 2-core machine: wait (bounded) for a quiet moment before each measurement, and say how busy it was.
  const quietLog: BenchResults['quiet'] = [];
  const quiet = async (what: string) => {
    const q = await waitForQuiet(cfg.quietWaitMs);
    quietLog.push({ what, ...q, busyCores: round(q.busyCores, 2) });
    if (!q.quiet) log(`  machine not quiet before ${what}: ${round(q.busyCores, 2)} cores busy after ${q.waitedMs} ms: its figure is marked invalid`);
    return q;
  };
  const valid: BenchResults['validity'] = {};

  // 1. transitions over HTTP at each concurrency level
  log(`preparing ${cfg.decisions} decisions through the API (create, accept, draft, experts)`);
  const ids = await prepareDecisions(server.url, tokens.load, cfg.decisions, 8);
  const mix = new Mix(ids, tokens.load, rnd, DEFAULT_MIX, 2);
  const levels: LevelResult[] = [];
  for (const connections of cfg.levels) {
    const q = await quiet(`app c=${connections}`);
    const level = await runLevel({ baseUrl: server.url, mix, connections, durationSec: cfg.durationSec, warmupSec: cfg.warmupSec, serverPid: () => server.pid });
    levels.push(level);
    valid[`app c=${connections}`] = validity(q, level.coresBusy.other);
    log(`c=${connections}: ${level.tps} transitions/s, p50 ${level.p50Ms} ms, p99 ${level.p99Ms} ms, non-2xx ${level.non2xx} ${JSON.stringify(level.statusCounts)}; CPU ms/transition ${JSON.stringify(level.cpuPerTransitionMs)}; cores busy ${JSON.stringify(level.coresBusy)}`);
    if (level.non2xx) log(`  refused: ${JSON.stringify(level.rejected)}`);
  }
  const peakLevel = levels.reduce((a, b) => (b.tps > a.tps ? b : a));
  log(`half the peak (${peakLevel.tps / 2}/s), open loop`);
  const qHalf = await quiet('half peak');
  await pacedLevel(server.url, mix, peakLevel.tps / 2, cfg.warmupSec, 64); // warm-up at the same rate, discarded
  const halfPeak = await pacedLevel(server.url, mix, peakLevel.tps / 2, cfg.halfPeakSec, 64, () => server.pid);
  valid['half peak'] = validity(qHalf, halfPeak.coresBusy.other);
  log(`half peak: ${halfPeak.achievedRate}/s, p50 ${halfPeak.p50Ms} ms, p99 ${halfPeak.p99Ms} ms, dropped ${halfPeak.dropped}; max ms by second ${halfPeak.maxBySecond.join(' ')}; cores ${JSON.stringify(halfPeak.coresBusy)}`);

  // 1b. the limit of any Node service on this machine: REVISE_DRAFT only, the app and the bare node:http + pg server
  // (bench/bare-server.ts, the app's RECORD_TRANSITION), level by level interleaved so both see the same machine
  const reviseOnly = new Mix(ids, tokens.load, rnd, REVISE_ONLY, 0, 3_000_000);
  const bare = await env.server({ ...bareServerOptions(), env: { DB_POOL_SIZE: cfg.dbPoolSize }, name: 'bare' });
  log(`bare node:http + pg server up on ${bare.url} (pid ${bare.pid})`);
  const limitLevels: NodeLimitLevel[] = [];
  for (const connections of cfg.levels) {
    const qa = await quiet(`app REVISE_DRAFT c=${connections}`);
    const app = await runLevel({ baseUrl: server.url, mix: reviseOnly, connections, durationSec: cfg.durationSec, warmupSec: cfg.warmupSec, serverPid: () => server.pid });
    const qb = await quiet(`bare c=${connections}`);
    const b = await runLevel({ baseUrl: bare.url, mix: reviseOnly, connections, durationSec: cfg.durationSec, warmupSec: cfg.warmupSec, serverPid: () => bare.pid });
    const va = validity(qa, app.coresBusy.other);
    const vb = validity(qb, b.coresBusy.other);
    limitLevels.push({ connections, app, bare: b, valid: va.valid && vb.valid, ...(va.why || vb.why ? { why: [va.why && `app: ${va.why}`, vb.why && `bare: ${vb.why}`].filter(Boolean).join('; ') } : {}) });
    log(`REVISE_DRAFT c=${connections}: app ${app.tps}/s (server CPU ${app.cpuPerTransitionMs.server} ms/transition, p99 ${app.p99Ms} ms, non-2xx ${app.non2xx}), bare ${b.tps}/s (${b.cpuPerTransitionMs.server} ms, p99 ${b.p99Ms} ms, non-2xx ${b.non2xx})${va.valid && vb.valid ? '' : ' INVALID: machine loaded'}`);
    if (b.non2xx) log(`  bare refused: ${JSON.stringify(b.rejected)}`);
  }
  await bare.stop();
  const nodeLimit = nodeLimitOf(limitLevels);
  log(`ratio to bare node: ${nodeLimit.ratio.toFixed(2)}${nodeLimit.valid ? '' : ` (INVALID: ${nodeLimit.why})`}`);

  // 2. pgbench on the same SQL shape, same client counts
  const sample = await sampleTransition(env.databaseUrl);
  await createPgbenchTables(env.databaseUrl, sample, cfg.decisions);
  const script = pgbenchScript(sample, cfg.decisions);
  const pg: PgbenchResult[] = [];
  for (const clients of cfg.levels) {
    await quiet(`pgbench c=${clients}`);
    const meter = new CpuMeter(() => undefined);
    meter.begin();
    const r = await runPgbench(env.databaseUrl, script, clients, cfg.durationSec);
    const used = meter.end();
    // pgbench's backends exit with it, so PostgreSQL's share is the machine minus pgbench (a reaped child) and this process
    r.coresBusy = { pgbench: round(used.childrenMs / used.wallMs, 2), postgresAndOther: round((used.machineMs - used.childrenMs - used.benchMs) / used.wallMs, 2) };
    pg.push(r);
    log(`pgbench c=${clients}: ${r.tps} tps, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, failed ${r.failed}; cores busy ${JSON.stringify(r.coresBusy)}`);
  }
  const pgPeak = pg.reduce((a, b) => (b.tps > a.tps ? b : a));
  // reference: the lock-first transaction the app used before (BEGIN, lock and read the row, INSERT, UPDATE, COMMIT), same client counts
  const lockFirstScript = pgbenchScript(sample, cfg.decisions, 'transaction');
  const lockFirst: PgbenchResult[] = [];
  for (const clients of cfg.levels) {
    await quiet(`pgbench lock-first c=${clients}`);
    const r = await runPgbench(env.databaseUrl, lockFirstScript, clients, cfg.durationSec);
    lockFirst.push(r);
    log(`pgbench lock-first transaction c=${clients}: ${r.tps} tps, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms`);
  }
  // diagnostic: the same script with a parse and plan per statement (-M extended, unnamed statements, as node-pg sends them)
  await quiet('pgbench extended');
  const pgExtended = await runPgbench(env.databaseUrl, script, pgPeak.clients, cfg.durationSec, 2, 'extended');
  log(`pgbench -M extended c=${pgPeak.clients}: ${pgExtended.tps} tps`);
  // reference for the half-peak p99: pgbench at the same fixed arrival rate (latency from the scheduled start)
  await quiet('pgbench at the half-peak rate');
  const pgHalf = await runPgbench(env.databaseUrl, script, 4, cfg.halfPeakSec, 2, 'prepared', Math.round(peakLevel.tps / 2));
  log(`pgbench -R ${Math.round(peakLevel.tps / 2)}: p50 ${pgHalf.p50Ms} ms, p99 ${pgHalf.p99Ms} ms; max by second ${pgHalf.maxBySecond?.join(' ')}`);
  const ratio = {
    peak: round(peakLevel.tps / pgPeak.tps, 3),
    byLevel: levels.map((l) => {
      const p = pg.find((x) => x.clients === l.connections)!;
      return { connections: l.connections, app: l.tps, pgbench: p.tps, ratio: round(l.tps / p.tps, 3) };
    }),
  };
  await dropPgbenchTables(env.databaseUrl);

  // 3. history length: 10 vs 10,000 prior events; replay of the long one
  log(`seeding decisions with ${cfg.shortHistory} and ${cfg.longHistory} events`);
  const [shortId] = (await seedTrail({ databaseUrl: env.databaseUrl, jurisdiction: JURISDICTIONS.history, decisions: 1, eventsPerDecision: cfg.shortHistory })).decisionIds;
  const [longId] = (await seedTrail({ databaseUrl: env.databaseUrl, jurisdiction: JURISDICTIONS.history, decisions: 1, eventsPerDecision: cfg.longHistory, check: 200 })).decisionIds;
  await withClient(env.databaseUrl, (c) => c.query('ANALYZE decision_events; ANALYZE decisions'));
  log(`replay of the ${cfg.longHistory}-event decision`);
  const qReplay = await quiet('replay');
  const replayMeter = new CpuMeter(() => server.pid);
  replayMeter.begin();
  const replay = await replayRate(server.url, tokens.history.auditor, longId, cfg.replayRuns);
  const replayCpu = replayMeter.end();
  valid.replay = validity(qReplay, replayCpu.otherMs / replayCpu.wallMs);
  log(`replay: ${replay.eventsPerSec} events/s (${replay.runsMs.join(', ')} ms), verified ${replay.verified}`);
  await quiet('history');
  const history = await historyCost(server.url, tokens.history, { id: shortId, priorEvents: cfg.shortHistory }, { id: longId, priorEvents: cfg.longHistory }, cfg.historySamples);
  log(`history: p50 ${history.short.p50Ms} ms (${cfg.shortHistory}) vs ${history.long.p50Ms} ms (${cfg.longHistory}) → ${history.ratio}×`);

  // 4. whole-jurisdiction verify of seedDecisions × seedEventsPerDecision events
  const total = cfg.seedDecisions * cfg.seedEventsPerDecision;
  log(`seeding ${total} events (${cfg.seedDecisions} decisions × ${cfg.seedEventsPerDecision}) with bench/seed-trail.ts`);
  let lastLog = Date.now();
  const seeded = await seedTrail({
    databaseUrl: env.databaseUrl,
    jurisdiction: JURISDICTIONS.verify,
    decisions: cfg.seedDecisions,
    eventsPerDecision: cfg.seedEventsPerDecision,
    check: 100,
    onProgress: (events) => {
      if (Date.now() - lastLog > 15_000) {
        lastLog = Date.now();
        log(`  … ${events} events`);
      }
    },
  });
  log(`seeded ${seeded.events} events in ${seeded.ms} ms (${seeded.eventsPerSec}/s); VACUUM (ANALYZE)`);
  const vacuumStart = Date.now();
  await withClient(env.databaseUrl, async (c) => {
    await c.query('VACUUM (ANALYZE) decision_events');
    await c.query('VACUUM (ANALYZE) decisions');
  });
  const vacuumMs = Date.now() - vacuumStart;
  const qVerify = await quiet('verify');
  const verifyMeter = new CpuMeter(() => server.pid);
  verifyMeter.begin();
  const verifyRuns = await verifyRate(server.url, tokens.verify.auditor, cfg.verifyRuns);
  const verifyCpu = verifyMeter.end();
  valid.verify = validity(qVerify, verifyCpu.otherMs / verifyCpu.wallMs);
  log(`verify: ${verifyRuns.events} events in ${verifyRuns.runsMs.join(', ')} ms, ok ${verifyRuns.ok}`);
  const verify = { ...verifyRuns, seedMs: seeded.ms, seedEventsPerSec: seeded.eventsPerSec, vacuumMs };

  // 5. diagnostics: (a) the half-peak run again, later on the same server (stalls come and go: a second 20 s
  // window shows how much one window says); (b) the peak level without per-request log lines
  await quiet('half peak, again');
  await pacedLevel(server.url, mix, peakLevel.tps / 2, cfg.warmupSec, 64); // warm-up at the same rate, discarded
  const halfPeakAgain = await pacedLevel(server.url, mix, peakLevel.tps / 2, cfg.halfPeakSec, 64, () => server.pid);
  log(`half peak again: ${halfPeakAgain.achievedRate}/s, p50 ${halfPeakAgain.p50Ms} ms, p99 ${halfPeakAgain.p99Ms} ms, dropped ${halfPeakAgain.dropped}; max ms by second ${halfPeakAgain.maxBySecond.join(' ')}`);
  await server.stop();
  server = await env.server({ ...serverOpts, logLevel: 'warn', name: 'log-warn' });
  await quiet('LOG_LEVEL=warn level');
  const warn = await runLevel({ baseUrl: server.url, mix, connections: peakLevel.connections, durationSec: cfg.durationSec, warmupSec: cfg.warmupSec, serverPid: () => server.pid });
  log(`LOG_LEVEL=warn c=${peakLevel.connections}: ${warn.tps}/s`);
  await server.stop();

  // 6. CPU profiles of each phase (separate server runs, so the figures above are unprofiled)
  const profiles: BenchResults['profiles'] = {};
  if (cfg.profile) {
    const dir = join(REPO_ROOT, 'bench', 'results', 'profiles');
    rmSync(dir, { recursive: true, force: true });
    const hrUs = () => Number(process.hrtime.bigint() / 1000n);
    // 16 connections (or the most the run uses): the peak level of a loaded run is a matter of luck
    const conns = Math.min(16, Math.max(...cfg.levels));
    const phases: { phase: string; note: string; warm?: (s: ServerProcess) => Promise<unknown>; work: (s: ServerProcess) => Promise<unknown> }[] = [
      {
        phase: 'transitions',
        note: `mix at ${conns} connections for ${cfg.durationSec} s, LOG_LEVEL=${cfg.logLevel}; startup and warm-up excluded`,
        warm: (s) => runLevel({ baseUrl: s.url, mix, connections: conns, durationSec: cfg.warmupSec + 1 }),
        work: (s) => runLevel({ baseUrl: s.url, mix, connections: conns, durationSec: cfg.durationSec }),
      },
      {
        phase: 'replay',
        note: `${cfg.replayRuns} replays of the ${cfg.longHistory}-event decision after one warm-up replay`,
        warm: (s) => expectStatus(s.url, { path: `/api/decisions/${longId}/replay`, token: tokens.history.auditor, timeoutMs: 600_000 }, 200),
        work: async (s) => {
          for (let i = 0; i < cfg.replayRuns; i++) await expectStatus(s.url, { path: `/api/decisions/${longId}/replay`, token: tokens.history.auditor, timeoutMs: 600_000 }, 200);
        },
      },
      {
        phase: 'verify',
        note: `one whole-jurisdiction verify of ${total} events`,
        warm: (s) => expectStatus(s.url, { path: '/api/audit/verify', token: tokens.history.auditor, timeoutMs: 60_000 }, 200),
        work: (s) => expectStatus(s.url, { path: '/api/audit/verify', token: tokens.verify.auditor, timeoutMs: 900_000 }, 200),
      },
    ];
    for (const { phase, note, warm, work } of phases) {
      const phaseDir = join(dir, phase);
      mkdirSync(phaseDir, { recursive: true });
      const s = await env.server({ ...serverOpts, name: `prof-${phase}`, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${phaseDir}`] });
      await warm?.(s);
      const window = { fromUs: hrUs(), toUs: 0 };
      await work(s);
      window.toUs = hrUs();
      await s.stop();
      await sleep(200);
      // One file per thread: the main thread's and, for verify, its worker threads'.
      const files = readdirSync(phaseDir).filter((f) => f.endsWith('.cpuprofile')).sort();
      if (!files.length) {
        log(`no profile written for ${phase}`);
        continue;
      }
      const threads = files.length > 1 ? ` (${files.length} threads of the server, summed)` : '';
      profiles[phase] = {
        ...summarizeCpuProfile(files.map((f) => join(phaseDir, f)), PROFILE_WATCH, 15, window),
        file: files.map((f) => join('bench', 'results', 'profiles', phase, f)).join(', '),
        note: note + threads,
      };
      log(`profile ${phase}: ${profiles[phase].totalMs} ms in window; ${profiles[phase].byCategory.slice(0, 6).map((c) => `${c.category} ${c.pct}%`).join(', ')}`);
    }
  }

  log('micro-benchmarks');
  const micro = microBenchmarks();
  log(`micro: ${JSON.stringify(micro)}`);

  const finishedAt = new Date();
  const partial: Omit<BenchResults, 'targets'> = {
    kind: 'mde-bench',
    version: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationS: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    quick,
    machine,
    config: {
      ...cfg,
      mix: DEFAULT_MIX,
      mixText: 'REVISE_DRAFT 75%, RECORD_EXPERT_OPINION 12%, APPOINT_EXPERTS 4%, new decisions 4%, and 5% of requests advancing up to 2 concurrent full lawful paths (register → published)',
    },
    transitions: {
      preparedDecisions: ids.length,
      levels,
      peak: { connections: peakLevel.connections, tps: peakLevel.tps },
      halfPeak,
      halfPeakAgain,
      logLevelWarn: { connections: warn.connections, tps: warn.tps, p50Ms: warn.p50Ms, p99Ms: warn.p99Ms },
    },
    pgbench: { decisions: cfg.decisions, levels: pg, peak: { clients: pgPeak.clients, tps: pgPeak.tps }, lockFirst: { levels: lockFirst, script: lockFirstScript }, extended: { clients: pgExtended.clients, tps: pgExtended.tps, p50Ms: pgExtended.p50Ms }, atHalfPeakRate: { rate: Math.round(peakLevel.tps / 2), tps: pgHalf.tps, p50Ms: pgHalf.p50Ms, p99Ms: pgHalf.p99Ms }, script },
    ratio,
    nodeLimit,
    validity: valid,
    history,
    replay,
    verify,
    profiles,
    micro,
    quiet: quietLog,
  };
  return { ...partial, targets: judgeTargets(partial) };
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);
