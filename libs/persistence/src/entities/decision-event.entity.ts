import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One accepted transition in the append-only, hash-chained trail. The database refuses UPDATE, DELETE and TRUNCATE. */
@Entity({ name: 'decision_events' })
export class DecisionEventEntity {
  @PrimaryColumn('uuid', { name: 'decision_id' }) decisionId: string;
  @PrimaryColumn('int') seq: number;
  @Column('text') jurisdiction: string;
  @Column('text') type: string;
  @Column('jsonb') payload: unknown;
  @Column('jsonb') actor: unknown;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt: Date;
  @Column('jsonb', { name: 'state_before', nullable: true }) stateBefore: unknown;
  @Column('jsonb', { name: 'state_after' }) stateAfter: unknown;
  @Column('text', { name: 'machine_id' }) machineId: string;
  @Column('int', { name: 'machine_version' }) machineVersion: number;
  @Column('text', { name: 'profile_id' }) profileId: string;
  @Column('int', { name: 'profile_version' }) profileVersion: number;
  @Column('char', { name: 'prev_hash', length: 64 }) prevHash: string;
  @Column('char', { length: 64 }) hash: string;
  /** the hash algorithm of `hash` (sha256, sm3); NULL on entries written before it was recorded: sha256 */
  @Column('text', { nullable: true }) alg: string | null;
  /** the working-day calendar version the engine used (calendar_versions) */
  @Column('text', { nullable: true }) calendar: string | null;
  /** risks accepted with the event, e.g. REVIEW_TIME_PROVISIONAL */
  @Column('jsonb', { nullable: true }) warnings: unknown;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
