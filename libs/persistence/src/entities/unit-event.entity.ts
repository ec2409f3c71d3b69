import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One entry of a unit's append-only, hash-chained trail. The database refuses UPDATE, DELETE and TRUNCATE. */
@Entity({ name: 'unit_events' })
export class UnitEventEntity {
  @PrimaryColumn('text') jurisdiction: string;
  @PrimaryColumn('text', { name: 'unit_id' }) unitId: string;
  @PrimaryColumn('int') seq: number;
  @Column('text') type: string;
  @Column('jsonb') payload: unknown;
  @Column('jsonb') actor: unknown;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt: Date;
  @Column('char', { name: 'prev_hash', length: 64 }) prevHash: string;
  @Column('char', { length: 64 }) hash: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
