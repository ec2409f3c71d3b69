import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The data of one working-day calendar version, kept once (append-only): replay rebuilds the calendar a recorded event used. */
@Entity({ name: 'calendar_versions' })
export class CalendarVersionEntity {
  @PrimaryColumn('char', { length: 64 }) version: string;
  @Column('jsonb') data: unknown;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
