import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A request counter shared by every API process (UNLOGGED: counts may be lost in a crash). */
@Entity({ name: 'rate_limits' })
export class RateLimitEntity {
  @PrimaryColumn('text') key: string;
  @Column('int') hits: number;
  @Column('timestamptz', { name: 'window_ends_at' }) windowEndsAt: Date;
  @Column('timestamptz', { name: 'blocked_until', nullable: true }) blockedUntil: Date | null;
}
