import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClientSession, type PgConnection, type QueryResult, type SqlSession, type SqlTransaction } from './sql-session';

/** A pg connection held for a while, and how to give it back. */
export interface ConnectionLease {
  connection: PgConnection;
  release(): void | Promise<void>;
}

/**
 * Transactions below TypeORM's EntityManager, on a connection of TypeORM's own pool taken through
 * its public QueryRunner API: fewer round trips than `DataSource.transaction` (BEGIN travels
 * with the first statement) and named prepared statements on the hot path. Errors are wrapped
 * in QueryFailedError as TypeORM wraps them; a connection that fails is discarded by TypeORM's
 * own error listener, so it never returns to the pool.
 */
@Injectable()
export class SqlTransactions {
  constructor(private readonly dataSource: DataSource) {}

  /** The database's connection URL, for work on connections of its own (verification worker threads). */
  get connectionUrl(): string {
    return (this.dataSource.options as { url: string }).url;
  }

  /**
   * Run `work` in one transaction and commit, or roll back when it throws. `opening`, a
   * parameterless statement sent in one simple-protocol round trip with BEGIN (it must hold no
   * caller input that is not strictly validated), gives its rows to `work`.
   */
  async run<T>(work: (tx: SqlTransaction, opened: any[]) => Promise<T>, opening?: string): Promise<T> {
    return runSqlTransaction(await this.lease(), work, opening);
  }

  /** Run `work` on one connection outside any transaction (long reads, one-statement writes), then give it back. */
  async session<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    const lease = await this.lease();
    const session = new ClientSession(lease.connection);
    try {
      return await work(session);
    } finally {
      session.close();
      await lease.release();
    }
  }

  /**
   * A session whose every statement takes a pooled connection and gives it back at once: for long
   * reads paced by a slow consumer (a streamed history), which must not hold a connection meanwhile.
   */
  pooled(): SqlSession {
    const each = <R>(work: (s: ClientSession) => Promise<R>) => this.session((s) => work(s as ClientSession));
    return {
      query: (text, params) => each((s) => s.query(text, params)),
      prepared: (name, text, values) => each((s) => s.prepared(name, text, values)),
      arrays: (name, text, values, types) => each((s) => s.arrays(name, text, values, types)),
    };
  }

  private async lease(): Promise<ConnectionLease> {
    const runner = this.dataSource.createQueryRunner('master');
    // QueryRunner.connect() answers the driver's connection: node-pg's PoolClient for PostgreSQL.
    const connection = (await runner.connect()) as PgConnection;
    return { connection, release: () => runner.release() };
  }
}

/** `run` on a leased connection; gives it back at the end. */
export async function runSqlTransaction<T>(lease: ConnectionLease, work: (tx: SqlTransaction, opened: any[]) => Promise<T>, opening?: string): Promise<T> {
  const tx = new ClientSession(lease.connection);
  try {
    const opened = await tx.send(opening ? `BEGIN; ${opening}` : 'BEGIN');
    const result = await work(tx, Array.isArray(opened) ? opened[opened.length - 1].rows : []);
    const commit = await tx.send('COMMIT');
    // A statement failed without `work` seeing it: PostgreSQL answers COMMIT with ROLLBACK.
    if ((commit as QueryResult).command === 'ROLLBACK') throw new Error('the transaction was aborted and rolled back');
    return result;
  } catch (err) {
    // The opening may have failed after BEGIN took effect: roll back in any case (a no-op warning otherwise).
    await tx.rollback();
    throw err;
  } finally {
    tx.close();
    await lease.release();
  }
}
