import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A State Council holiday notice uploaded by an administrator (append-only; the latest upload of a year applies). */
@Entity({ name: 'calendar_notices' })
export class CalendarNoticeEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('int') year: number;
  @Column('jsonb') arrangement: unknown;
  @Column('jsonb', { name: 'uploaded_by' }) uploadedBy: unknown;
  @Column('timestamptz', { name: 'uploaded_at' }) uploadedAt: Date;
}
