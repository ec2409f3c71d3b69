/**
 * Where the half-peak tail comes from (npm run bench is too long to iterate on): the built server with extra node
 * flags, 1,000 prepared decisions, the default mix paced at --rate for --duration seconds after a warm-up.
 *   node -r @swc-node/register bench/paced-probe.ts -- --rate 1300 --duration 20 [--preload-sec 60] [--server-node-args="--trace-gc"]
 *     [--server-env=CHECKPOINT_INTERVAL_MS=3600000]
 */
import { tokensOf } from './lib/actors';
import { freshEnvironment } from './lib/harness';
import { closeIdleSockets } from './lib/http';
import { runLevel } from './lib/load';
import { pacedLevel } from './lib/measure';
import { DEFAULT_MIX, Mix } from './lib/mix';
import { BENCH_REDIS_URL } from './lib/pg';
import { log, parseFlags, prng } from './lib/util';
import { prepareDecisions } from './lib/workload';

const flags = parseFlags(process.argv.slice(2));
const rate = Number(flags.rate ?? 1300);
const duration = Number(flags.duration ?? 20);
const preloadSec = Number(flags['preload-sec'] ?? 0);
const nodeArgs = flags['server-node-args'] ? String(flags['server-node-args']).split(' ') : [];
const serverEnv = Object.fromEntries(String(flags['server-env'] ?? '').split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));

async function main(): Promise<void> {
  const env = await freshEnvironment('mde_probe', BENCH_REDIS_URL);
  try {
    const server = await env.server({ logLevel: 'info', env: { DB_POOL_SIZE: '20', ...serverEnv }, nodeArgs, name: 'probe' });
    log(`server pid ${server.pid}, log ${server.options.logFile}`);
    const tokens = tokensOf('county-probe', env.jwtSecret);
    const ids = await prepareDecisions(server.url, tokens, 1000, 8);
    const mix = new Mix(ids, tokens, prng(20241124), DEFAULT_MIX, 2);
    if (preloadSec) {
      // as in npm run bench, where the closed-loop levels come first: a trail (and a checkpoint backlog) of that size
      const pre = await runLevel({ baseUrl: server.url, mix, connections: 16, durationSec: preloadSec });
      log(`preload: ${pre.tps}/s for ${preloadSec} s`);
    }
    await pacedLevel(server.url, mix, rate, 3, 64);
    log(`measuring from ${new Date().toISOString()}`);
    const r = await pacedLevel(server.url, mix, rate, duration, 64, () => server.pid);
    log(JSON.stringify(r));
    await server.stop();
  } finally {
    await env.cleanup(false);
    closeIdleSockets();
  }
}

main().then(() => process.exit(0), (e) => { process.stderr.write(`${e instanceof Error ? e.stack : e}\n`); process.exit(1); });
