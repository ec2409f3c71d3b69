import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One item of a catalogue, mirrored from its state so that decisions can reference it. */
@Entity({ name: 'catalogue_items' })
export class CatalogueItemEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'catalogue_id' }) catalogueId: string;
  @Column('text') jurisdiction: string;
  @Column('int') position: number;
  @Column('text') title: string;
  @Column('text') category: string;
  @Column('text', { name: 'undertaking_unit' }) undertakingUnit: string;
  @Column('int', { name: 'planned_quarter', nullable: true }) plannedQuarter: number | null;
  @Column('boolean', { default: false }) removed: boolean;
}
