// pg ships no type declarations here (no @types/pg): the part used by the bench.
export interface PgClient {
  connect(): Promise<void>;
  query(text: string, values?: unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): void;
}
const { Client } = require('pg') as { Client: new (options: { connectionString: string; connectionTimeoutMillis?: number }) => PgClient };

/** The local server's maintenance database (trust auth, user postgres), overridable with BENCH_ADMIN_DATABASE_URL. */
export const ADMIN_DATABASE_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The URL of database `name` on the server of `adminUrl`. */
export function databaseUrl(name: string, adminUrl = ADMIN_DATABASE_URL): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `fn` with a connected client, always closed afterwards. */
export async function withClient<T>(url: string, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const safeName = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  return name;
};

export async function createDatabase(name: string, adminUrl = ADMIN_DATABASE_URL): Promise<string> {
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${safeName(name)}"`));
  return databaseUrl(name, adminUrl);
}

/** Drops database `name`, ending the sessions still on it (ours only: it is a database this run created). */
export async function dropDatabase(name: string, adminUrl = ADMIN_DATABASE_URL): Promise<void> {
  await withClient(adminUrl, async (c) => {
    await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [safeName(name)]);
    await c.query(`DROP DATABASE IF EXISTS "${safeName(name)}"`);
  });
}

/** Server facts for the report. */
export async function serverFacts(url: string): Promise<Record<string, string>> {
  return withClient(url, async (c) => {
    const names = ['server_version', 'shared_buffers', 'max_connections', 'synchronous_commit', 'fsync', 'wal_level', 'full_page_writes', 'work_mem'];
    const { rows } = await c.query(`SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1)`, [names]);
    return Object.fromEntries(rows.map((r: { name: string; setting: string; unit: string | null }) => [r.name, r.unit && !['server_version'].includes(r.name) ? `${r.setting}${r.unit === '8kB' ? '×8kB' : r.unit}` : r.setting]));
  });
}
