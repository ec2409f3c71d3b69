import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { request } from './http';
import { waitFor } from './util';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const SERVER_ENTRY = join(REPO_ROOT, 'dist', 'apps', 'server', 'src', 'main.js');

export interface ServerOptions {
  port: number;
  databaseUrl: string;
  redisUrl?: string;
  jwtSecret: string;
  queuePrefix: string;
  logLevel?: string;
  mode?: 'all' | 'api' | 'worker';
  /** extra environment (RECONCILE_EVERY_MS, DB_POOL_SIZE, …) */
  env?: Record<string, string>;
  /** extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=…'] */
  nodeArgs?: string[];
  /** stdout+stderr of the server go to this file (appended) */
  logFile: string;
  migrationsRun?: boolean;
  /** the script to run instead of the built server (e.g. bench/bare-server.ts with nodeArgs ['-r', '@swc-node/register']) */
  entry?: string;
}

/** The built server (dist/apps/server/src/main.js) as a child process. */
export class ServerProcess {
  child: ChildProcess | null = null;
  private exit: Promise<number | null> | null = null;

  constructor(readonly options: ServerOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the server and waits (bounded) until /api/health answers 200. */
  async start(healthTimeoutMs = 60_000): Promise<void> {
    const o = this.options;
    const entry = o.entry ?? SERVER_ENTRY;
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
    if (this.child) throw new Error('server already started');
    mkdirSync(resolve(o.logFile, '..'), { recursive: true });
    const fd = openSync(o.logFile, 'a');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: String(o.port),
      DATABASE_URL: o.databaseUrl,
      JWT_SECRET: o.jwtSecret,
      LOG_LEVEL: o.logLevel ?? 'info',
      MODE: o.mode ?? 'all',
      MIGRATIONS_RUN: o.migrationsRun === false ? 'false' : 'true',
      QUEUE_PREFIX: o.queuePrefix,
      ...(o.redisUrl ? { REDIS_URL: o.redisUrl } : {}),
      ...(o.env ?? {}),
    };
    const child = spawn(process.execPath, [...(o.nodeArgs ?? []), entry], { cwd: REPO_ROOT, env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    this.child = child;
    this.exit = new Promise((res) => child.once('exit', (code, signal) => res(code ?? (signal ? -1 : null))));
    const exited = this.exit.then((code) => {
      throw new Error(`server exited during start (code ${code}); see ${o.logFile}`);
    });
    exited.catch(() => undefined);
    await Promise.race([this.waitHealthy(healthTimeoutMs), exited]);
  }

  /** Waits until /api/health answers 200. */
  async waitHealthy(timeoutMs = 60_000): Promise<void> {
    await waitFor('server /api/health 200', async () => (await request(this.url, { path: '/api/health', timeoutMs: 2000 })).status === 200, timeoutMs, 100);
  }

  /** SIGTERM and wait (bounded) for the exit; SIGKILL after `graceMs`. Returns the exit code. */
  async stop(graceMs = 30_000): Promise<number | null> {
    if (!this.child || !this.exit) return null;
    const child = this.child;
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
    // the grace timer must not outlive a prompt exit (it would hold a test runner open for graceMs)
    const code = await Promise.race([this.exit, timeout]).finally(() => clearTimeout(timer));
    if (code === 'timeout') {
      child.kill('SIGKILL');
      await this.exit;
    }
    this.child = null;
    return code === 'timeout' ? null : code;
  }

  /** kill -9: no shutdown hooks, in-flight requests die with the process. */
  async kill9(): Promise<void> {
    if (!this.child || !this.exit) return;
    this.child.kill('SIGKILL');
    await this.exit;
    this.child = null;
  }
}
