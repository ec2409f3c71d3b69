// Raw pg sessions, apart from the Nest service so that worker threads load only pg and this file.
import { QueryFailedError } from 'typeorm/error/QueryFailedError';

// The part of node-pg used here, typed locally (pg ships no types and @types/pg is not a dependency).
export interface QueryResult<R = any> {
  command: string;
  rowCount: number | null;
  rows: R[];
}
/** node-pg's per-query type parsers: the parser of each column's type oid (text format). */
export interface TypeParsers {
  getTypeParser(oid: number, format?: string): (text: string) => unknown;
}

export interface PgConnection {
  query(text: string, values?: unknown[]): Promise<QueryResult | QueryResult[]>;
  query(config: { name: string; text: string; values: unknown[]; rowMode?: 'array'; types?: TypeParsers }): Promise<QueryResult>;
  on(event: 'error', listener: (err: Error) => void): unknown;
  removeListener(event: 'error', listener: (err: Error) => void): unknown;
}

/**
 * What SQL helpers need of a connection: TypeORM's `EntityManager.query` shape (rows, or
 * `[rows, affected]` for UPDATE and DELETE), so the same helper runs on an EntityManager or
 * inside a SqlTransaction.
 */
export interface SqlExecutor {
  query(text: string, params?: unknown[]): Promise<any>;
}

/** A raw pg connection held for a series of statements. */
export interface SqlSession extends SqlExecutor {
  /**
   * A named prepared statement: PostgreSQL parses and plans it once per connection instead of
   * on every call. `name` must always come with the same `text`.
   */
  prepared<R = any>(name: string, text: string, values: unknown[]): Promise<QueryResult<R>>;
  /**
   * A named prepared statement whose rows come as arrays of column values (no object per row:
   * long reads), optionally with parsers of its own for some column types.
   */
  arrays<R extends unknown[]>(name: string, text: string, values: unknown[], types?: TypeParsers): Promise<R[]>;
}

/** One open transaction on a raw pg client. */
export type SqlTransaction = SqlSession;

/** Statements on one client, errors wrapped in QueryFailedError as TypeORM wraps them. */
export class ClientSession implements SqlSession {
  /** the connection's failure, once it failed */
  private broken: Error | undefined;
  // A checked-out client has no error listener of the pool's: an error between statements
  // (backend killed) would otherwise crash the process.
  private readonly onError = (err: Error) => (this.broken ??= err);

  constructor(private readonly client: PgConnection) {
    client.on('error', this.onError);
  }

  async query(text: string, params?: unknown[]): Promise<any> {
    const result = (await this.run(text, params, () => this.client.query(text, params))) as QueryResult;
    return result.command === 'UPDATE' || result.command === 'DELETE' ? [result.rows, result.rowCount] : result.rows;
  }

  prepared<R = any>(name: string, text: string, values: unknown[]): Promise<QueryResult<R>> {
    return this.run(text, values, () => this.client.query({ name, text, values }) as Promise<QueryResult<R>>);
  }

  async arrays<R extends unknown[]>(name: string, text: string, values: unknown[], types?: TypeParsers): Promise<R[]> {
    return (await this.run(text, values, () => this.client.query({ name, text, values, rowMode: 'array', types }))).rows as R[];
  }

  /** A parameterless statement (simple protocol: several may be sent at once; the result is then an array). */
  send(text: string): Promise<QueryResult | QueryResult[]> {
    return this.run(text, undefined, () => this.client.query(text));
  }

  async rollback(): Promise<void> {
    if (!this.broken) await this.client.query('ROLLBACK').catch((err: Error) => (this.broken ??= err));
  }

  /** Stop listening; returns the connection's failure, if it failed. */
  close(): Error | undefined {
    this.client.removeListener('error', this.onError);
    return this.broken;
  }

  private async run<R>(text: string, params: unknown[] | undefined, execute: () => Promise<R>): Promise<R> {
    try {
      // After a connection failure pg only says the client is not queryable: report the failure itself.
      if (this.broken) throw this.broken;
      return await execute();
    } catch (err) {
      throw new QueryFailedError(text, params, err as Error);
    }
  }
}

// node-pg ships no type declarations (and @types/pg is not a dependency): the part used here.
const { Client } = require('pg') as { Client: new (config: { connectionString: string; connectionTimeoutMillis?: number }) => PgConnection & { connect(): Promise<void>; end(): Promise<void> } };

/** How long opening a connection may take before it fails (the pool's bound too): a database that accepts and never answers fails the caller, it never hangs it. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** A session on a connection of its own, outside any pool (a worker thread's, a test's); `end` closes it. */
export async function openSqlSession(connectionString: string, connectTimeoutMs = CONNECT_TIMEOUT_MS): Promise<SqlSession & { end(): Promise<void> }> {
  const client = new Client({ connectionString, connectionTimeoutMillis: connectTimeoutMs });
  await client.connect();
  const session = new ClientSession(client);
  return Object.assign(session, { end: () => (session.close(), client.end()) });
}
