import { Injectable } from '@nestjs/common';
import type { SqlExecutor, SqlTransaction } from '@app/persistence';

export interface StoredAnswer {
  requestHash: string;
  statusCode: number;
  response: unknown;
}

/** First answers to requests with an Idempotency-Key, kept at least 24 hours. */
@Injectable()
export class IdempotencyRepository {
  async find(tx: SqlTransaction, scope: string, key: string): Promise<StoredAnswer | undefined> {
    const { rows } = await tx.prepared('idempotency_keys.find', `SELECT request_hash, status_code, response FROM idempotency_keys WHERE scope = $1 AND key = $2`, [scope, key]);
    return rows[0] && { requestHash: rows[0].request_hash, statusCode: rows[0].status_code, response: rows[0].response };
  }

  async save(tx: SqlTransaction, scope: string, key: string, answer: StoredAnswer, at: Date): Promise<void> {
    await tx.prepared(
      'idempotency_keys.insert',
      `INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response, created_at) VALUES ($1,$2,$3,$4,$5,$6)`,
      [scope, key, answer.requestHash, answer.statusCode, JSON.stringify(answer.response), at],
    );
  }

  /** Forget answers older than `olderThan` (never younger than 24 h: callers pass at least that). */
  async purge(em: SqlExecutor, olderThan: Date): Promise<number> {
    const result = await em.query(`DELETE FROM idempotency_keys WHERE created_at < $1`, [olderThan]);
    return result[1] ?? 0;
  }
}
