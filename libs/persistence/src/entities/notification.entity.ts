import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reminder or overdue notice raised by a deadline (one per deadline), delivered to the jurisdiction's webhook if any. */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') jurisdiction: string;
  @Column('uuid', { name: 'decision_id' }) decisionId: string;
  @Column('uuid', { name: 'deadline_id', unique: true }) deadlineId: string;
  @Column('text') kind: string;
  @Column('text') message: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt: Date | null;
  @Column('int', { name: 'delivery_attempts', default: 0 }) deliveryAttempts: number;
  @Column('timestamptz', { name: 'last_attempt_at', nullable: true }) lastAttemptAt: Date | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
}
