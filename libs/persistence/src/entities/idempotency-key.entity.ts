import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to a request carrying an Idempotency-Key, replayed for repeats. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  /** a decision id, or `create:<jurisdiction>:<sub>` for decision creation */
  @PrimaryColumn('text') scope: string;
  @PrimaryColumn('text') key: string;
  @Column('char', { name: 'request_hash', length: 64 }) requestHash: string;
  @Column('int', { name: 'status_code' }) statusCode: number;
  @Column('jsonb') response: unknown;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
