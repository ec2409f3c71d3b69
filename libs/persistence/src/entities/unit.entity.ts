import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A registered unit of a jurisdiction (the projection of its trail, `unit_events`). */
@Entity({ name: 'units' })
export class UnitEntity {
  @PrimaryColumn('text') jurisdiction: string;
  @PrimaryColumn('text') id: string;
  @Column('text') name: string;
  /** DEPARTMENT, LEGAL_REVIEW_OFFICE, GENERAL_OFFICE, LOWER_GOVERNMENT, THIRD_PARTY, OTHER */
  @Column('text') kind: string;
  /** names earlier records used for the unit (v1 decisions named units as free text) */
  @Column('text', { name: 'legacy_names', array: true }) legacyNames: string[];
  @Column('int') version: number;
  @Column('char', { name: 'last_hash', length: 64 }) lastHash: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
