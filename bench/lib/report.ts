import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NodeLimit } from './bare';
import type { ProfileSummary } from './cpuprofile';
import type { LevelResult } from './load';
import type { MachineFacts } from './machine';
import type { PgbenchResult } from './pgbench';
import { REPO_ROOT } from './server';
import { round } from './util';

export const RESULTS_FILE = join(REPO_ROOT, 'bench', 'results', 'latest.json');
export const BENCHMARKS_MD = join(REPO_ROOT, 'BENCHMARKS.md');

export interface Target {
  name: string;
  target: string;
  actual: string;
  pass: boolean;
  /** false when the machine was busy with other processes before or during the measurement: the figure says nothing */
  valid?: boolean;
  why?: string;
}

export interface BenchResults {
  kind: 'mde-bench';
  version: 1;
  startedAt: string;
  finishedAt: string;
  durationS: number;
  command: string;
  quick: boolean;
  machine: MachineFacts;
  config: Record<string, unknown>;
  transitions: {
    preparedDecisions: number;
    levels: LevelResult[];
    peak: { connections: number; tps: number };
    halfPeak: { targetRate: number; achievedRate: number; p50Ms: number; p99Ms: number; dropped: number; statusCounts: Record<string, number>; maxBySecond?: number[]; coresBusy?: Record<string, number> } | null;
    /** the half-peak run again with the pg pools keeping idle connections (diagnostic preload) */
    halfPeakAgain?: BenchResults['transitions']['halfPeak'];
    logLevelWarn?: { connections: number; tps: number; p50Ms: number; p99Ms: number } | null;
  };
  pgbench: { decisions: number; levels: PgbenchResult[]; peak: { clients: number; tps: number }; lockFirst?: { levels: PgbenchResult[]; script: string }; extended?: { clients: number; tps: number; p50Ms: number }; atHalfPeakRate?: { rate: number; tps: number; p50Ms: number; p99Ms: number }; script: string };
  ratio: { peak: number; byLevel: { connections: number; app: number; pgbench: number; ratio: number }[] };
  /** the limit of any Node service: the app vs a bare node:http + pg server, REVISE_DRAFT only */
  nodeLimit?: NodeLimit;
  /** per measurement: whether the machine was quiet before and during it */
  validity?: Record<string, { valid: boolean; why?: string }>;
  history: { short: HistoryPoint; long: HistoryPoint; ratio: number } | null;
  replay: { events: number; runsMs: number[]; medianMs: number; eventsPerSec: number; verified: boolean } | null;
  verify: { events: number; decisions: number; seedMs: number; seedEventsPerSec: number; vacuumMs: number; runsMs: number[]; bestMs: number; eventsPerSec: number; ok: boolean } | null;
  profiles: Record<string, ProfileSummary & { file: string; note: string }>;
  micro?: Record<string, number>;
  /** how busy the machine was (other processes) right before each measurement */
  quiet?: { what: string; waitedMs: number; busyCores: number; quiet: boolean }[];
  targets: Target[];
}

export interface HistoryPoint {
  priorEvents: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
}

/** The issue's targets, judged on the results; a figure measured on a loaded machine is marked invalid, not judged. */
export function judgeTargets(r: Omit<BenchResults, 'targets'>): Target[] {
  const t: Target[] = [];
  const v = (key: string) => r.validity?.[key] ?? { valid: true };
  const nl = r.nodeLimit;
  if (nl) {
    t.push({ name: `ratio to bare node (REVISE_DRAFT, app peak ${Math.round(nl.appPeak.tps)}/s vs bare node:http + pg ${Math.round(nl.barePeak.tps)}/s)`, target: '≥ 0.6', actual: `${nl.ratio.toFixed(2)} (ratio to pgbench: ${r.ratio.peak.toFixed(2)})`, pass: nl.ratio >= 0.6, valid: nl.valid, why: nl.why });
  }
  // The least CPU per transition over the levels: the cost at the concurrency where the server batches best, the one
  // that bounds its peak (on a loaded machine the level of the highest throughput is a matter of luck).
  const least = (levels: LevelResult[]) => Math.min(...levels.map((l) => l.cpuPerTransitionMs.server).filter(Number.isFinite));
  if (r.transitions.levels.length) {
    const cpu = least(r.transitions.levels);
    const revise = nl ? `; REVISE_DRAFT only: ${least(nl.levels.map((l) => l.app))} ms, bare node ${least(nl.levels.map((l) => l.bare))} ms` : '';
    t.push({ name: 'server CPU per committed transition (mix, least over the levels)', target: '≤ 0.6 ms', actual: `${cpu} ms${revise}`, pass: cpu <= 0.6 });
  }
  if (r.transitions.halfPeak) {
    const h = r.transitions.halfPeak;
    t.push({ name: `p99 at half the peak throughput (${Math.round(h.targetRate)}/s offered)`, target: '≤ 25 ms', actual: `${h.p99Ms.toFixed(1)} ms`, pass: h.p99Ms <= 25 && h.dropped === 0, ...v('half peak') });
  }
  if (r.history) t.push({ name: `transition p50, ${r.history.long.priorEvents} vs ${r.history.short.priorEvents} prior events`, target: '≤ 1.2×', actual: `${r.history.ratio.toFixed(2)}×`, pass: r.history.ratio <= 1.2 });
  if (r.replay) t.push({ name: `replay+verify, ${r.replay.events}-event decision`, target: '≥ 60,000 events/s', actual: `${r.replay.eventsPerSec.toLocaleString('en-US')} events/s`, pass: r.replay.eventsPerSec >= 60_000 && r.replay.verified, ...v('replay') });
  if (r.verify) t.push({ name: `whole-jurisdiction verify, ${r.verify.events.toLocaleString('en-US')} events`, target: '≤ 8 s', actual: `${(r.verify.bestMs / 1000).toFixed(1)} s`, pass: r.verify.bestMs <= 8_000 && r.verify.ok, ...v('verify') });
  return t;
}

const verdict = (t: Target) => (t.valid === false ? `**invalid**: machine loaded (${t.why})` : t.pass ? 'pass' : '**miss**');

export function writeResults(results: BenchResults, file = RESULTS_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 2 : 1) : '–');
const n = (v: number) => Math.round(v).toLocaleString('en-US');

/** The generated section of BENCHMARKS.md. */
export function renderBench(r: BenchResults): string {
  const m = r.machine;
  const lines: string[] = [];
  lines.push(`Measured ${r.finishedAt.slice(0, 16).replace('T', ' ')} UTC by \`${r.command}\` (${Math.round(r.durationS)} s${r.quick ? ', QUICK run: numbers not representative' : ''}); raw results in \`bench/results/latest.json\`.`);
  lines.push('');
  lines.push(`**Machine:** ${m.nproc} cores (${m.cpuModel}), ${m.memoryGiB} GiB RAM, ${m.kernel}; Node ${m.node}; PostgreSQL ${m.postgres} (${Object.entries(m.postgresSettings).map(([k, v]) => `${k}=${v}`).join(', ')}); Redis ${m.redis}; pgbench ${m.pgbench}; autocannon ${m.autocannon}; commit ${m.gitCommit}${m.gitUncommittedFiles ? ` + ${m.gitUncommittedFiles} uncommitted files` : ''}. Server, PostgreSQL and the load generator share the same ${m.nproc} cores (loopback only).`);
  lines.push('');
  lines.push(r.nodeLimit ? `ratio to bare node: ${r.nodeLimit.ratio.toFixed(2)} · ratio to pgbench: ${r.ratio.peak.toFixed(2)}` : `ratio to pgbench: ${r.ratio.peak.toFixed(2)}`);
  lines.push('');
  lines.push('### Targets');
  lines.push('');
  lines.push('| target | goal | measured | |');
  lines.push('|---|---|---|---|');
  for (const t of r.targets) lines.push(`| ${t.name} | ${t.target} | ${t.actual} | ${verdict(t)} |`);
  lines.push('');
  if (r.nodeLimit) {
    const nl = r.nodeLimit;
    lines.push('### The limit of any Node service: the app vs. a bare node:http + pg server (REVISE_DRAFT only)');
    lines.push('');
    lines.push(`\`bench/bare-server.ts\`: \`node:http\` and a pg Pool (${r.config.dbPoolSize} connections), HS256 signature check, JSON body parsed and checked by hand, the trail entry built by the app's \`trailEvent\` (canonical JSON + SHA-256) and committed with the app's \`RECORD_TRANSITION\` (imported from libs/persistence) as a named prepared statement, on the projection row it last committed; no framework, no XState, no logging. Same REVISE_DRAFT requests on the same prepared decisions, levels interleaved (app, then bare, at each concurrency), ${r.config.durationSec} s each after ${r.config.warmupSec} s warm-up. CPU: user+system of the server process (/proc) over the level, per committed transition.`);
    lines.push('');
    lines.push('| concurrency | app/s | app p50 / p99 ms | app server CPU ms/transition | bare/s | bare p50 / p99 ms | bare server CPU ms/transition | ratio | other load (cores: app / bare level) |');
    lines.push('|---|---|---|---|---|---|---|---|---|');
    for (const l of nl.levels) {
      lines.push(`| ${l.connections} | ${n(l.app.tps)} | ${ms(l.app.p50Ms)} / ${ms(l.app.p99Ms)} | ${l.app.cpuPerTransitionMs.server} | ${n(l.bare.tps)} | ${ms(l.bare.p50Ms)} / ${ms(l.bare.p99Ms)} | ${l.bare.cpuPerTransitionMs.server} | ${(l.app.tps / l.bare.tps).toFixed(2)} | ${l.app.coresBusy.other} / ${l.bare.coresBusy.other}${l.valid ? '' : ' **invalid**'} |`);
    }
    lines.push('');
    lines.push(`Peaks: app ${n(nl.appPeak.tps)}/s at ${nl.appPeak.connections}, bare node ${n(nl.barePeak.tps)}/s at ${nl.barePeak.connections} → **ratio to bare node: ${nl.ratio.toFixed(2)}**${nl.valid ? '' : ` (invalid: ${nl.why})`}; pgbench peak on the same statement shape ${n(r.pgbench.peak.tps)} tps → bare node / pgbench ${(nl.barePeak.tps / r.pgbench.peak.tps).toFixed(2)}, app (mix) / pgbench ${r.ratio.peak.toFixed(2)}.`);
    lines.push('');
  }
  lines.push('### Committed transitions over HTTP vs. pgbench (same SQL shape)');
  lines.push('');
  lines.push(`App: \`MODE=all\`, \`LOG_LEVEL=${r.config.logLevel}\`, pool ${r.config.dbPoolSize}, ${n(r.transitions.preparedDecisions)} prepared decisions; closed loop with autocannon, ${r.config.durationSec} s per level after ${r.config.warmupSec} s warm-up. Mix: ${r.config.mixText}. pgbench: \`-M prepared\`, same client counts, ${n(r.pgbench.decisions)} decision rows, script below.`);
  lines.push('');
  lines.push('| concurrency | app transitions/s | app p50 ms | app p99 ms | non-2xx | pgbench tps | pgbench p50 ms | pgbench p99 ms | ratio | app CPU ms/transition (server / PostgreSQL / load gen) | cores busy: other processes during the app level / pgbench client + PostgreSQL during pgbench |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const l of r.transitions.levels) {
    const p = r.pgbench.levels.find((x) => x.clients === l.connections);
    const ratio = r.ratio.byLevel.find((x) => x.connections === l.connections);
    lines.push(`| ${l.connections} | ${n(l.tps)} | ${ms(l.p50Ms)} | ${ms(l.p99Ms)} | ${l.non2xx} | ${p ? n(p.tps) : '–'} | ${p ? ms(p.p50Ms) : '–'} | ${p ? ms(p.p99Ms) : '–'} | ${ratio ? ratio.ratio.toFixed(2) : '–'} | ${l.cpuPerTransitionMs.server} / ${l.cpuPerTransitionMs.postgres} / ${l.cpuPerTransitionMs.loadGenerator} | ${l.coresBusy.other} / ${p?.coresBusy ? `${p.coresBusy.pgbench} + ${p.coresBusy.postgresAndOther}` : '–'} |`);
  }
  lines.push('');
  lines.push(`Peak: app ${n(r.transitions.peak.tps)}/s at ${r.transitions.peak.connections} connections; pgbench ${n(r.pgbench.peak.tps)} tps at ${r.pgbench.peak.clients} clients${r.pgbench.extended ? ` (with \`-M extended\`, a parse and plan per statement as node-pg's unnamed statements get: ${n(r.pgbench.extended.tps)} tps)` : ''}. Full lawful paths completed during the levels: ${r.transitions.levels.reduce((s, l) => s + l.completedPaths, 0)} (23 transitions each).`);
  if (r.pgbench.lockFirst) {
    const lf = r.pgbench.lockFirst.levels;
    lines.push('');
    lines.push(`pgbench on the lock-first transaction the app used before this shape (BEGIN, lock and read the whole row, INSERT, UPDATE, COMMIT: five round trips; script in latest.json): ${lf.map((p) => `${n(p.tps)} tps at ${p.clients} (p99 ${ms(p.p99Ms)} ms)`).join(', ')}; the app against that reference: ${(r.transitions.peak.tps / Math.max(...lf.map((p) => p.tps))).toFixed(2)}.`);
  }
  const peakLevel = r.transitions.levels.find((l) => l.connections === r.transitions.peak.connections);
  if (peakLevel) {
    lines.push('');
    lines.push(`Per event type at the peak level: ${Object.entries(peakLevel.byKind).map(([k, v]) => `${k} ${v.count} (p50 ${ms(v.p50Ms)} ms, p99 ${ms(v.p99Ms)} ms)`).join('; ')}. Cores busy at the peak: server ${peakLevel.coresBusy.server}, PostgreSQL ${peakLevel.coresBusy.postgres}, load generator ${peakLevel.coresBusy.loadGenerator}.`);
  }
  if (r.transitions.halfPeak) {
    const h = r.transitions.halfPeak;
    lines.push('');
    lines.push(`Half the peak, open loop: ${n(h.targetRate)} arrivals/s offered evenly spaced (latency from the scheduled send time, no coordinated omission) → ${n(h.achievedRate)}/s committed, p50 ${ms(h.p50Ms)} ms, p99 ${ms(h.p99Ms)} ms, ${h.dropped} dropped at the in-flight cap${h.maxBySecond ? `; slowest answer per second of the run (ms): ${h.maxBySecond.join(', ')}` : ''}${h.coresBusy ? `; cores busy: server ${h.coresBusy.server}, PostgreSQL ${h.coresBusy.postgres}, other ${h.coresBusy.other}` : ''}.`);
  }
  if (r.pgbench.atHalfPeakRate) {
    const g = r.pgbench.atHalfPeakRate;
    lines.push('');
    lines.push(`Physical reference: pgbench at the same fixed rate (\`-R ${g.rate}\`, 4 clients, latency from the scheduled start): p50 ${ms(g.p50Ms)} ms, p99 ${ms(g.p99Ms)} ms.`);
  }
  if (r.transitions.halfPeakAgain) {
    const k = r.transitions.halfPeakAgain;
    lines.push('');
    lines.push(`Same offered rate again, later on the same server (after the replay and verify runs): ${n(k.achievedRate)}/s, p50 ${ms(k.p50Ms)} ms, **p99 ${ms(k.p99Ms)} ms**, ${k.dropped} dropped${k.maxBySecond ? `; slowest answer per second (ms): ${k.maxBySecond.join(', ')}` : ''}.`);
  }
  if (r.transitions.logLevelWarn) {
    const w = r.transitions.logLevelWarn;
    lines.push('');
    lines.push(`Same mix at ${w.connections} connections with \`LOG_LEVEL=warn\` (no per-request log line): ${n(w.tps)}/s, p50 ${ms(w.p50Ms)} ms, p99 ${ms(w.p99Ms)} ms.`);
  }
  if (r.history) {
    const h = r.history;
    lines.push('');
    lines.push('### Cost vs. history length');
    lines.push('');
    lines.push(`REVISE_DRAFT, one at a time, alternating between a decision with ${n(h.short.priorEvents)} prior events and one with ${n(h.long.priorEvents)} (both seeded with \`bench/seed-trail.ts\`): p50 ${ms(h.short.p50Ms)} ms vs ${ms(h.long.p50Ms)} ms (p99 ${ms(h.short.p99Ms)} vs ${ms(h.long.p99Ms)}), ${h.short.samples} samples each → **${h.ratio.toFixed(2)}×**.`);
  }
  if (r.replay || r.verify) {
    lines.push('');
    lines.push('### Replay and verification');
    lines.push('');
  }
  if (r.replay) {
    lines.push(`- \`GET /api/decisions/:id/replay\` of a ${n(r.replay.events)}-event decision: median ${n(r.replay.medianMs)} ms over ${r.replay.runsMs.length} runs after one warm-up replay (${r.replay.runsMs.map(n).join(', ')} ms) → **${n(r.replay.eventsPerSec)} events/s**, verified: ${r.replay.verified}.`);
  }
  if (r.verify) {
    const v = r.verify;
    lines.push(`- \`GET /api/audit/verify\` over ${n(v.events)} events in ${n(v.decisions)} decisions of one jurisdiction: best ${(v.bestMs / 1000).toFixed(1)} s of ${v.runsMs.length} runs (${v.runsMs.map((x) => (x / 1000).toFixed(1)).join(', ')} s) → **${n(v.eventsPerSec)} events/s**, ok: ${v.ok}. Seeded by \`bench/seed-trail.ts\` in ${(v.seedMs / 1000).toFixed(1)} s (${n(v.seedEventsPerSec)} events/s, COPY), then \`VACUUM (ANALYZE) decision_events\` (${(v.vacuumMs / 1000).toFixed(1)} s) as autovacuum would.`);
  }
  const profiles = Object.entries(r.profiles);
  if (profiles.length) {
    lines.push('');
    lines.push('### CPU profiles of the server (`node --cpu-prof`, separate runs)');
    for (const [phase, p] of profiles) {
      lines.push('');
      lines.push(`**${phase}** (${p.note}; ${n(p.totalMs)} ms of CPU sampled)`);
      lines.push('');
      lines.push(`- by code: ${p.byCategory.slice(0, 8).map((c) => `${c.category} ${c.pct}%`).join(', ')}`);
      lines.push(`- inclusive: ${p.inclusive.filter((i) => i.ms > 0).map((i) => `\`${i.fn}\` ${i.pct}%`).join(', ')}`);
      lines.push(`- top self: ${p.topSelf.slice(0, 6).map((f) => `\`${f.fn}\` ${f.pct}%`).join(', ')}`);
    }
  }
  if (r.micro) {
    const m = r.micro;
    lines.push('');
    lines.push('### Micro-measurements (in the bench process)');
    lines.push('');
    lines.push(`- HS256 JWT verification with the secret passed to jsonwebtoken as a string (it first tries \`createPublicKey\` on it, which throws; \`verifyActorToken\` before commit 13cac0a): ${m.jwtVerifyStringSecretUs} µs; with a \`KeyObject\` made once: ${m.jwtVerifyKeyObjectUs} µs; \`verifyActorToken\` now: ${m.verifyActorTokenUs} µs.`);
    lines.push(`- One REVISE_DRAFT trail entry: \`canonicalJson\` ${m.canonicalJsonEntryUs} µs, \`hashEvent\` (canonical JSON + SHA-256) ${m.hashEventUs} µs; \`canonicalJson\` of a state value ${m.canonicalJsonStateValueUs} µs. At 100,000 events/s the whole budget is 10 µs per event.`);
  }
  if (r.quiet?.length) {
    const busy = r.quiet.filter((q) => !q.quiet);
    lines.push('');
    lines.push(`Background: this machine is shared with other people's test runs. Before each measurement the bench waited up to ${Math.round((r.config.quietWaitMs as number) / 1000)} s for < 0.25 cores of other activity; ${busy.length ? `it was still busy before ${busy.map((q) => `${q.what} (${q.busyCores} cores)`).join(', ')}` : 'it was quiet before every measurement'}.`);
  }
  lines.push('');
  lines.push('<details><summary>pgbench script, the one-statement shape of the app (JSON documents in pgb_sample: a REVISE_DRAFT and its projection as the app recorded them in this run)</summary>');
  lines.push('');
  lines.push('```sql');
  lines.push(r.pgbench.script.length > 1600 ? `${r.pgbench.script.slice(0, 1600)}\n… (${r.pgbench.script.length} characters in all; the full text is in latest.json)` : r.pgbench.script);
  lines.push('```');
  lines.push('');
  lines.push('</details>');
  return lines.join('\n');
}

const SKELETON = `# Benchmarks

How fast and how robust the engine is, in a form anyone can rerun on their own machine:

\`\`\`bash
npm run bench           # ~8 min: builds, creates mde_bench_<ts>, measures, drops it (--keep keeps it)
npm run bench:faults    # ~1.5 min: kill -9, Redis queue wipe, PostgreSQL restart, bad-input fuzz
\`\`\`

Both need the local PostgreSQL (127.0.0.1:5432, user postgres), Redis (127.0.0.1:6379) and
\`pgbench\`; see \`bench/README.md\`. The sections between the markers are rewritten by the runs.

## Latest figures

<!-- bench:begin -->
<!-- bench:end -->

## Fault drills

<!-- faults:begin -->
<!-- faults:end -->
`;

/** Replaces the text between `<!-- name:begin -->` and `<!-- name:end -->` in BENCHMARKS.md (created if missing). */
export function updateSection(name: 'bench' | 'faults' | 'memory', body: string, file = BENCHMARKS_MD): void {
  let text = existsSync(file) ? readFileSync(file, 'utf8') : SKELETON;
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  if (!text.includes(begin) || !text.includes(end)) text = `${text.trimEnd()}\n\n${begin}\n${end}\n`;
  const before = text.slice(0, text.indexOf(begin) + begin.length);
  const after = text.slice(text.indexOf(end));
  writeFileSync(file, `${before}\n${body.trim()}\n${after}`);
}

export { round };
