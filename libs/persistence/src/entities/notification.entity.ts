import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A notice delivered to the jurisdiction's webhook if any: a reminder or overdue notice raised by a deadline (one per
 * deadline), or a notice an event raised (one of a kind per event, e.g. a serious execution problem for the decision organ).
 */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') jurisdiction: string;
  @Column('uuid', { name: 'decision_id', nullable: true }) decisionId: string | null;
  @Column('uuid', { name: 'deadline_id', unique: true, nullable: true }) deadlineId: string | null;
  @Column('int', { name: 'event_seq', nullable: true }) eventSeq: number | null;
  /** what a notice about no decision concerns (e.g. `calendar:2027`), one per jurisdiction and kind */
  @Column('text', { nullable: true }) topic: string | null;
  @Column('text') kind: string;
  @Column('text') message: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt: Date | null;
  @Column('int', { name: 'delivery_attempts', default: 0 }) deliveryAttempts: number;
  @Column('timestamptz', { name: 'last_attempt_at', nullable: true }) lastAttemptAt: Date | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
}
