import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClientSession, type Pool, type PoolClient, type QueryResult, type SqlSession, type SqlTransaction } from './sql-session';

/**
 * Transactions below TypeORM, on a client of TypeORM's own pg pool: fewer round trips than
 * `DataSource.transaction` (BEGIN travels with the first statement) and named prepared
 * statements on the hot path. Errors are wrapped in QueryFailedError as TypeORM wraps them,
 * so callers and the HTTP error filter see what they saw before.
 */
@Injectable()
export class SqlTransactions {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Run `work` in one transaction and commit, or roll back when it throws. `opening`, a
   * parameterless statement sent in one simple-protocol round trip with BEGIN (it must hold no
   * caller input that is not strictly validated), gives its rows to `work`.
   */
  async run<T>(work: (tx: SqlTransaction, opened: any[]) => Promise<T>, opening?: string): Promise<T> {
    return runSqlTransaction(await this.connect(), work, opening);
  }

  /** Run `work` on one connection outside any transaction (long reads), then give the connection back. */
  async session<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    const client = await this.connect();
    const session = new ClientSession(client);
    try {
      return await work(session);
    } finally {
      client.release(session.close());
    }
  }

  private connect(): Promise<PoolClient> {
    // TypeORM 1.x keeps its pg Pool as the postgres driver's `master`.
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool) throw new Error('the database connection is not initialised');
    return pool.connect();
  }
}

/** `run` on a client already checked out of a pool; releases it (as broken when the connection failed). */
export async function runSqlTransaction<T>(client: PoolClient, work: (tx: SqlTransaction, opened: any[]) => Promise<T>, opening?: string): Promise<T> {
  const tx = new ClientSession(client);
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
    client.release(tx.close());
  }
}

