import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';
import { createDatabase, dropDatabase } from './pg';
import { REPO_ROOT, ServerProcess, type ServerOptions } from './server';
import { log } from './util';

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** `npm run build` (the server runs from dist/). */
export function build(): void {
  log('npm run build');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 });
}

/** Deletes the keys of one BullMQ prefix (SCAN + UNLINK), touching nothing else in Redis. Returns how many. */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<number> {
  if (!/^[A-Za-z0-9_-]+$/.test(prefix)) throw new Error(`unsafe queue prefix ${prefix}`);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    for (let i = 0; i < 100_000; i++) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) deleted += await redis.unlink(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Counts the keys of one BullMQ prefix. */
export async function countQueueKeys(redisUrl: string, prefix: string, pattern = '*'): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  let count = 0;
  try {
    await redis.connect();
    let cursor = '0';
    for (let i = 0; i < 100_000; i++) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:${pattern}`, 'COUNT', 1000);
      count += keys.length;
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    redis.disconnect();
  }
  return count;
}

export interface Environment {
  stamp: string;
  databaseName: string;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  jwtSecret: string;
  logDir: string;
  servers: ServerProcess[];
  server(overrides?: Partial<ServerOptions> & { name?: string }): Promise<ServerProcess>;
  cleanup(keep: boolean): Promise<void>;
}

/**
 * A fresh database `<prefix>_<ts>` on the local server, a queue prefix of the
 * same name in Redis, and a JWT secret; servers started from it are stopped and
 * the database and queue keys removed by `cleanup` (unless kept).
 */
export async function freshEnvironment(prefix: string, redisUrl: string): Promise<Environment> {
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const databaseName = `${prefix}_${stamp}_${process.pid}`;
  const databaseUrl = await createDatabase(databaseName);
  log(`created database ${databaseName}`);
  const logDir = join(REPO_ROOT, 'bench', 'results', 'logs');
  const env: Environment = {
    stamp,
    databaseName,
    databaseUrl,
    redisUrl,
    queuePrefix: databaseName,
    jwtSecret: randomBytes(24).toString('hex'),
    logDir,
    servers: [],
    async server(overrides = {}) {
      const { name = `server-${env.servers.length + 1}`, ...rest } = overrides;
      const s = new ServerProcess({
        port: await freePort(),
        databaseUrl,
        redisUrl,
        jwtSecret: env.jwtSecret,
        queuePrefix: env.queuePrefix,
        logLevel: 'info',
        logFile: join(logDir, `${databaseName}-${name}.log`),
        ...rest,
      });
      env.servers.push(s);
      await s.start();
      return s;
    },
    async cleanup(keep) {
      for (const s of env.servers) await s.stop().catch(() => undefined);
      if (keep) {
        log(`kept database ${databaseName} and queue prefix ${env.queuePrefix}`);
        return;
      }
      await dropDatabase(databaseName).catch((e) => log(`could not drop ${databaseName}: ${e.message}`));
      await deleteQueueKeys(redisUrl, env.queuePrefix).catch((e) => log(`could not delete queue keys: ${e.message}`));
      log(`dropped database ${databaseName} and the keys of queue prefix ${env.queuePrefix}`);
    },
  };
  return env;
}
