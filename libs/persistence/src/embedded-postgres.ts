import { ENV_DEFAULTS, readOrCreateSecret } from '@app/config';
import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterPlaces, EmbeddedPostgresUnavailable, ownedDirectory, postgresAccount, type PostgresAccount } from './embedded-postgres.paths';
import { openSqlSession } from './sql/sql-session';
import { stopOrphanedPostmaster } from './stale-postmaster';

export { EmbeddedPostgresUnavailable } from './embedded-postgres.paths';

/** A running embedded cluster: where to connect, and how to stop it. */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export const EMBEDDED_DATABASE = 'mde';
const READY = 'database system is ready to accept connections';

/** Options of startEmbeddedPostgres beyond DATA_DIR and the port. */
export interface EmbeddedPostgresOptions {
  /** PostgreSQL's own output (debug) */
  log?: (line: string) => void;
  /** what an operator should know: where the cluster went when it could not stay in DATA_DIR */
  notice?: (line: string) => void;
  /** EMBEDDED_PG_SHARED_DIR (see clusterPlaces) */
  sharedDir?: string;
  /** the binaries to run (tests): default the packaged ones */
  native?: { dir: string; version: string };
}

// The child's environment: the locale of C (UTF8 comes from initdb), none of the app's secrets.
const childEnv = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', LANG: 'C' });
const asAccount = (account?: PostgresAccount) => (account ? { uid: account.uid, gid: account.gid } : {});

function run(command: string, args: string[], account: PostgresAccount | undefined, onLine: (line: string) => void): ChildProcess {
  const child = spawn(command, args, { ...asAccount(account), env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk) => String(chunk).split('\n').filter(Boolean).forEach(onLine));
  return child;
}

async function initdb(binDir: string, databaseDir: string, password: string, account: PostgresAccount | undefined, onLine: (line: string) => void): Promise<void> {
  ownedDirectory(databaseDir, account);
  // The password reaches initdb through a file only the postgres user can read, removed right after.
  const dir = mkdtempSync(join(tmpdir(), 'mde-initdb-'));
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (account) [dir, pwfile].forEach((path) => chownSync(path, account.uid, account.gid));
  try {
    const args = [`--pgdata=${databaseDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'];
    const child = run(join(binDir, 'initdb'), args, account, onLine);
    const code = await new Promise<number | null>((resolve, reject) => child.once('error', reject).once('exit', resolve));
    if (code !== 0) throw new Error(`initdb exited with ${code}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function startServer(binDir: string, databaseDir: string, port: number, account: PostgresAccount | undefined, onLine: (line: string) => void): Promise<ChildProcess> {
  const args = [
    ...['-D', databaseDir, '-p', String(port)],
    // TCP on loopback only; no Unix socket, whose path could exceed the length limit under a deep DATA_DIR.
    ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    // Its log lines reach the app's log: errors without the DETAIL and STATEMENT lines that quote values.
    ...['-c', 'log_error_verbosity=terse', '-c', 'log_min_error_statement=panic'],
  ];
  return new Promise((resolve, reject) => {
    const child = run(join(binDir, 'postgres'), args, account, (line) => {
      onLine(line);
      if (line.includes(READY)) resolve(child);
    });
    child.once('error', reject).once('exit', (code) => reject(new Error(`postgres exited with ${code} before accepting connections`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  // SIGINT: PostgreSQL's fast shutdown (active transactions rolled back, a clean checkpoint).
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/**
 * Starts PostgreSQL from the packaged binaries with its data under `${dataDir}/pg` (initialised on
 * first use, kept across restarts), listening on 127.0.0.1:`port`, and creates the database `mde`
 * if missing. As root it runs as the user postgres (created when missing), its binaries and data
 * where that user can reach them (clusterPlaces). Returns its URL and a stop function.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const password = readOrCreateSecret(join(dataDir, 'pg-password'));
  const account = process.getuid?.() === 0 ? postgresAccount() : undefined;
  const places = clusterPlaces(dataDir, account, options.sharedDir ?? ENV_DEFAULTS.EMBEDDED_PG_SHARED_DIR, options.native);
  if (places.relocated) (options.notice ?? log)(`Embedded PostgreSQL: ${places.relocated}`);
  const { binDir, databaseDir } = places;

  const recent: string[] = [];
  const onLine = (line: string) => {
    log(line);
    recent.push(line);
    if (recent.length > 20) recent.shift();
  };
  const fail = (step: string) => (error: unknown): never => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EmbeddedPostgresUnavailable(`Embedded PostgreSQL could not ${step} (${databaseDir}, port ${port}): ${reason}\n${recent.join('\n')}`);
  };

  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await initdb(binDir, databaseDir, password, account, onLine).catch(fail('initialise its data directory'));
  await stopOrphanedPostmaster(databaseDir, log);
  const server = await startServer(binDir, databaseDir, port, account, onLine).catch(fail('start'));
  // A process that exits without stop() (an uncaught error) takes its database down with it.
  const onExit = () => server.kill('SIGINT');
  process.once('exit', onExit);
  const stop = async () => {
    process.removeListener('exit', onExit);
    await stopServer(server);
  };
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
  await ensureDatabase(url.replace(/\/mde$/, '/postgres'), EMBEDDED_DATABASE).catch(async (error) => {
    await stop();
    return fail(`create the database "${EMBEDDED_DATABASE}"`)(error);
  });
  return { url, stop };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const session = await openSqlSession(adminUrl);
  try {
    const rows: unknown[] = await session.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    // The name is this module's constant, a plain identifier: nothing to escape.
    if (!rows.length) await session.query(`CREATE DATABASE "${name}"`);
  } finally {
    await session.end();
  }
}
