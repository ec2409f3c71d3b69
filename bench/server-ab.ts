/**
 * A/B of server configurations by server CPU per committed transition (npm run bench:ab):
 * the built server started once per variant (environment differences only, e.g. LOG_LEVEL)
 * plus the bare node:http + pg reference server, on one fresh database,
 * REVISE_DRAFT only, closed loop at a fixed concurrency, variants interleaved round by round.
 * CPU time of the server process per committed transition is far less disturbed by other
 * people's load on this shared machine than throughput is; each figure is the best (least
 * disturbed) round, with the median beside it and the throughput for reference.
 *
 * With --profile, every variant (the bare server too) is then run once more under
 * `node --cpu-prof` (same load, separate processes, warm-up excluded) and the profiles summarised
 * side by side: where the app's CPU per transition goes beyond the limit of Node itself.
 *
 * With --base <dir>[,<dir>…], saved builds (copies of dist/, e.g. of the commit before a change)
 * run as more variants beside the current build, so a code change is measured interleaved too;
 * --only-info leaves out the LOG_LEVEL=warn variant.
 *
 *   npm run bench:ab [-- --rounds 5 --duration 5 --connections 8 --no-build --profile --base bench/results/dist-base --only-info]
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tokensOf } from './lib/actors';
import { processCpuSplitMs } from './lib/cpu';
import { summarizeCpuProfile } from './lib/cpuprofile';
import { bareServerOptions, REVISE_ONLY } from './lib/bare';
import { build, freshEnvironment } from './lib/harness';
import { closeIdleSockets } from './lib/http';
import { runLevel } from './lib/load';
import { Mix } from './lib/mix';
import { BENCH_REDIS_URL } from './lib/pg';
import { REPO_ROOT, type ServerOptions, type ServerProcess } from './lib/server';
import { log, median, parseFlags, prng, round, sleep } from './lib/util';
import { prepareDecisions } from './lib/workload';

const flags = parseFlags(process.argv.slice(2));
const rounds = Number(flags.rounds ?? 5);
const durationSec = Number(flags.duration ?? 5);
const connections = Number(flags.connections ?? 8);

/** The variants: name → server options (the first is the baseline). */
const VARIANTS: Record<string, Partial<ServerOptions>> = {
  'app LOG_LEVEL=info (as deployed)': { logLevel: 'info' },
  ...Object.fromEntries(
    (typeof flags.base === 'string' ? flags.base.split(',') : []).map((dir) => [`build ${dir} LOG_LEVEL=info`, { logLevel: 'info', entry: resolve(REPO_ROOT, dir, 'apps/server/src/main.js') }]),
  ),
  ...(flags['only-info'] === true ? {} : { 'app LOG_LEVEL=warn (no request lines)': { logLevel: 'warn' } }),
  'bare node:http + pg': bareServerOptions(),
};

async function main(): Promise<void> {
  if (flags.build !== false) build();
  const env = await freshEnvironment('mde_ab', BENCH_REDIS_URL);
  try {
    const servers: [string, ServerProcess][] = [];
    for (const [name, options] of Object.entries(VARIANTS)) servers.push([name, await env.server({ ...options, name: name.replace(/\W+/g, '-') })]);
    const tokens = tokensOf('county-ab', env.jwtSecret);
    // decisions of its own per variant: no server decides on a row another one moved on; 16 per
    // connection at least, so that at 64 connections writers rarely race for one decision (the
    // bare server gives up with 409 after 10 lost races)
    const perVariant = Math.max(100, 16 * connections);
    const mixes = new Map<string, Mix>();
    for (const [i, [name]] of servers.entries()) {
      const ids = await prepareDecisions(servers[0][1].url, tokens, perVariant, 8, i * perVariant);
      mixes.set(name, new Mix(ids, tokens, prng(7 + i), REVISE_ONLY, 0, 4_000_000));
    }
    const cpu: Record<string, number[]> = {};
    const tps: Record<string, number[]> = {};
    for (const [name, s] of servers) await runLevel({ baseUrl: s.url, mix: mixes.get(name)!, connections, durationSec: 2 }); // warm-up, discarded
    for (let r = 0; r < rounds; r++) {
      // rotate the order each round, so no variant always runs first
      for (let i = 0; i < servers.length; i++) {
        const [name, s] = servers[(i + r) % servers.length];
        const before = processCpuSplitMs(s.pid!);
        const level = await runLevel({ baseUrl: s.url, mix: mixes.get(name)!, connections, durationSec, serverPid: () => s.pid });
        const after = processCpuSplitMs(s.pid!);
        if (level.non2xx) throw new Error(`${name}: ${level.non2xx} refused: ${JSON.stringify(level.rejected)}`);
        (cpu[name] ??= []).push(level.cpuPerTransitionMs.server);
        (tps[name] ??= []).push(level.tps);
        // user time alone is what the process's own code costs; system time (socket writes on loopback) moves more with others' load
        const user = round((after.user - before.user) / Math.max(1, level.committed), 3);
        const system = round((after.system - before.system) / Math.max(1, level.committed), 3);
        log(`round ${r + 1} ${name}: ${level.cpuPerTransitionMs.server} ms/transition (user ${user}, system ${system}), ${level.tps}/s (other load ${level.coresBusy.other} cores)`);
      }
    }
    const base = Math.min(...cpu[servers[0][0]]);
    log(`server CPU per committed REVISE_DRAFT, c=${connections}, ${rounds} rounds of ${durationSec} s:`);
    for (const [name] of servers) {
      const best = Math.min(...cpu[name]);
      log(`  ${name}: best ${best} ms (median ${round(median(cpu[name]), 3)}), ${round((best / base) * 100, 0)}% of the baseline; transitions/s median ${round(median(tps[name]), 0)}`);
    }
    if (flags.profile === true) {
      for (const [, s] of servers) await s.stop();
      const dir = join(REPO_ROOT, 'bench', 'results', 'profiles', 'ab');
      rmSync(dir, { recursive: true, force: true });
      // every variant but the LOG_LEVEL=warn one: the baseline, the saved builds and the bare server
      for (const name of Object.keys(VARIANTS).filter((n) => !n.includes('LOG_LEVEL=warn'))) {
        const phaseDir = join(dir, name.replace(/\W+/g, '-'));
        mkdirSync(phaseDir, { recursive: true });
        const options = VARIANTS[name];
        const s = await env.server({ ...options, name: `prof-${name.replace(/\W+/g, '-')}`, nodeArgs: [...(options.nodeArgs ?? []), '--cpu-prof', `--cpu-prof-dir=${phaseDir}`] });
        const mix = mixes.get(name)!;
        await runLevel({ baseUrl: s.url, mix, connections, durationSec: 3 });
        const hrUs = () => Number(process.hrtime.bigint() / 1000n);
        const window = { fromUs: hrUs(), toUs: 0 };
        const level = await runLevel({ baseUrl: s.url, mix, connections, durationSec: durationSec * 2 });
        window.toUs = hrUs();
        await s.stop();
        await sleep(200);
        const files = readdirSync(phaseDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(phaseDir, f));
        const p = summarizeCpuProfile(files, ['parseEventBody', 'validateSync', 'apply', 'recordTransition', 'presentDecision', 'hashEvent', 'query', 'write', 'handle', 'revise'], 15, window);
        // every category and the 200 costliest functions, for comparisons the log lines are too short for
        const all = summarizeCpuProfile(files, [], 200, window);
        writeFileSync(join(phaseDir, 'summary.json'), `${JSON.stringify({ variant: name, transitions: level.committed, ...all }, null, 1)}\n`);
        log(`profile ${name} (${level.committed} transitions, ${p.totalMs} ms sampled = ${round(p.totalMs / level.committed, 3)} ms/transition):`);
        log(`  by code: ${p.byCategory.slice(0, 14).map((c) => `${c.category} ${c.pct}%`).join(', ')}`);
        log(`  inclusive: ${p.inclusive.filter((i) => i.ms > 0).map((i) => `${i.fn} ${i.pct}%`).join(', ')}`);
        log(`  top self: ${p.topSelf.slice(0, 12).map((f) => `${f.fn} ${f.pct}%`).join(', ')}`);
      }
    }
  } finally {
    await env.cleanup(false);
    closeIdleSockets();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench:ab failed: ${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);
