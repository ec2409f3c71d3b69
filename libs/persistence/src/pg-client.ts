import type { DataSource } from 'typeorm';

/** The part of a node-pg client that code below TypeORM uses (named statements, array rows). */
export interface PgClient {
  query<R extends unknown[] = unknown[]>(config: { name?: string; text: string; values?: unknown[]; rowMode: 'array' }): Promise<{ rows: R[]; rowCount: number | null }>;
  query<R = Record<string, unknown>>(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: R[]; rowCount: number | null }>;
}

/**
 * Run `work` on one connection of the DataSource's pool, outside TypeORM's
 * query runner: for streaming reads with named statements and array rows.
 * The connection goes back to the pool afterwards (discarded if it failed).
 */
export async function withPgClient<T>(dataSource: DataSource, work: (client: PgClient) => Promise<T>): Promise<T> {
  const driver = dataSource.driver as unknown as { obtainMasterConnection(): Promise<[PgClient, (err?: unknown) => void]> };
  const [client, release] = await driver.obtainMasterConnection();
  try {
    const result = await work(client);
    release();
    return result;
  } catch (error) {
    // A connection error leaves the client unusable; a query error leaves it usable, but a discarded one costs only a reconnect.
    release(error);
    throw error;
  }
}
