import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { withClient } from './pg';
import { PGBENCH } from './pgbench';
import { REPO_ROOT } from './server';

const run = (cmd: string, args: string[]) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
};

export interface MachineFacts {
  nproc: number;
  memoryGiB: number;
  cpuModel: string;
  kernel: string;
  node: string;
  postgres: string;
  postgresSettings: Record<string, string>;
  redis: string;
  pgbench: string;
  autocannon: string;
  gitCommit: string;
  gitUncommittedFiles: number;
}

/** The machine and software the figures were measured on. */
export async function machineFacts(databaseUrl: string, redisUrl: string): Promise<MachineFacts> {
  const pg = await withClient(databaseUrl, async (c) => {
    const version = (await c.query('SHOW server_version')).rows[0].server_version as string;
    const names = ['shared_buffers', 'max_connections', 'synchronous_commit', 'fsync', 'wal_level', 'full_page_writes', 'max_wal_size'];
    const { rows } = await c.query(`SELECT name, current_setting(name) AS value FROM pg_settings WHERE name = ANY($1) ORDER BY name`, [names]);
    return { version, settings: Object.fromEntries(rows.map((r: { name: string; value: string }) => [r.name, r.value])) };
  });
  const redisUrlParsed = new URL(redisUrl);
  const redisInfo = run('redis-cli', ['-h', redisUrlParsed.hostname, '-p', redisUrlParsed.port || '6379', 'INFO', 'server']);
  const autocannonPkg = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'autocannon', 'package.json'), 'utf8')) as { version: string };
  const porcelain = run('git', ['-C', REPO_ROOT, 'status', '--porcelain']);
  return {
    nproc: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: pg.version,
    postgresSettings: pg.settings,
    redis: /redis_version:(\S+)/.exec(redisInfo)?.[1] ?? 'unknown',
    pgbench: run(PGBENCH, ['--version']).replace(/^pgbench \(PostgreSQL\) /, ''),
    autocannon: autocannonPkg.version,
    gitCommit: run('git', ['-C', REPO_ROOT, 'rev-parse', '--short', 'HEAD']),
    gitUncommittedFiles: porcelain === 'unknown' || porcelain === '' ? 0 : porcelain.split('\n').length,
  };
}
