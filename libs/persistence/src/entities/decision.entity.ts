import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The read projection of one decision, updated in the transaction of each accepted event. */
@Entity({ name: 'decisions' })
export class DecisionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') jurisdiction: string;
  @Column('text') title: string;
  @Column('text') category: string;
  @Column('text', { nullable: true }) summary: string | null;
  @Column('boolean', { default: false }) confidential: boolean;
  @Column('uuid', { name: 'catalogue_item_id', nullable: true }) catalogueItemId: string | null;
  /** units that may see a confidential decision: proposer, undertaking and executing units */
  @Column('text', { name: 'involved_units', array: true }) involvedUnits: string[];
  @Column('text') status: string;
  @Column('jsonb', { name: 'state_value' }) stateValue: unknown;
  /** number of events in the trail = seq of the last event */
  @Column('int') version: number;
  @Column('text', { name: 'machine_id' }) machineId: string;
  @Column('int', { name: 'machine_version' }) machineVersion: number;
  @Column('text', { name: 'profile_id' }) profileId: string;
  @Column('int', { name: 'profile_version' }) profileVersion: number;
  /** the procedure's persisted snapshot (the whole state of the machine) */
  @Column('jsonb') snapshot: unknown;
  /** the derived read model: steps, draft, round */
  @Column('jsonb') view: unknown;
  @Column('char', { name: 'last_hash', length: 64 }) lastHash: string;
  /** the deadlines still owed (id, key, kind, dueAt), kept with the projection so events need not read the deadlines table */
  @Column('jsonb', { name: 'open_deadlines', default: () => "'[]'" }) openDeadlines: unknown;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
