import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One entry of a catalogue's append-only, hash-chained trail. The database refuses UPDATE, DELETE and TRUNCATE. */
@Entity({ name: 'catalogue_events' })
export class CatalogueEventEntity {
  @PrimaryColumn('uuid', { name: 'catalogue_id' }) catalogueId: string;
  @PrimaryColumn('int') seq: number;
  @Column('text') jurisdiction: string;
  @Column('text') type: string;
  @Column('jsonb') payload: unknown;
  @Column('jsonb') actor: unknown;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt: Date;
  @Column('char', { name: 'prev_hash', length: 64 }) prevHash: string;
  @Column('char', { length: 64 }) hash: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
