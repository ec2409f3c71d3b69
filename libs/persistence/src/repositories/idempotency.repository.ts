import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlTransaction } from '../sql/sql-session';

export interface StoredAnswer {
  requestHash: string;
  statusCode: number;
  response: unknown;
}

/** First answers to requests with an Idempotency-Key, kept at least 24 hours. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(tx: SqlTransaction, scope: string, key: string): Promise<StoredAnswer | undefined> {
    const { rows } = await tx.prepared('idempotency_keys.find', `SELECT request_hash, status_code, response FROM idempotency_keys WHERE scope = $1 AND key = $2`, [scope, key]);
    return rows[0] && { requestHash: rows[0].request_hash, statusCode: rows[0].status_code, response: rows[0].response };
  }

  /** Serialise, until the transaction ends, every transaction that asks for the same `name`. */
  async lockKey(tx: SqlTransaction, name: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [name]);
  }

  async save(tx: SqlTransaction, scope: string, key: string, answer: StoredAnswer, at: Date): Promise<void> {
    await tx.prepared(
      'idempotency_keys.insert',
      `INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response, created_at) VALUES ($1,$2,$3,$4,$5,$6)`,
      [scope, key, answer.requestHash, answer.statusCode, JSON.stringify(answer.response), at],
    );
  }

  /** Forget answers older than `olderThan` (never younger than 24 h: callers pass at least that). */
  async purge(olderThan: Date): Promise<number> {
    const result = await this.dataSource.query(`DELETE FROM idempotency_keys WHERE created_at < $1`, [olderThan]);
    return result[1] ?? 0;
  }
}
