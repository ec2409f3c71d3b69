import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A statutory deadline, written in the transaction of the event that creates it; the source of truth for timers. */
@Entity({ name: 'deadlines' })
export class DeadlineEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'decision_id' }) decisionId: string;
  @Column('text') jurisdiction: string;
  @Column('text') kind: string;
  /** stable identity inside the decision, e.g. PUBLIC_COMMENT_END:r1 */
  @Column('text') key: string;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  /** pending: owed, timer not fired yet; fired: timer fired (a notice may still be owed); closed: no longer owed */
  @Column('text') status: string;
  /** the system event sent when due, if any (else a notification) */
  @Column('text', { name: 'fire_event', nullable: true }) fireEvent: string | null;
  @Column('timestamptz', { name: 'fired_at', nullable: true }) firedAt: Date | null;
  @Column('int', { name: 'created_seq' }) createdSeq: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  /** computed on an estimated calendar year (no official holiday data yet): recomputed when the data arrives */
  @Column('boolean', { default: false }) provisional: boolean;
  /** when a worker handed the row to the timer queue; NULL: waiting in the outbox */
  @Column('timestamptz', { name: 'enqueued_at', nullable: true }) enqueuedAt: Date | null;
}
