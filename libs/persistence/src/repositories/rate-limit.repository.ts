import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A key's count after one more hit: how many in its window, and for how long (seconds) the window and any block last. */
export interface RateLimitCount {
  hits: number;
  expiresInSeconds: number;
  blockedForSeconds: number;
}

/**
 * One more hit on `key` ($1) in a window of $2 ms: a window that ended starts again at 1; a count
 * beyond the limit ($3) blocks the key for $4 ms (a block runs its course). One statement, on the
 * database's clock, so every process counts alike.
 */
const HIT = `INSERT INTO rate_limits AS r (key, hits, window_ends_at, blocked_until)
  VALUES ($1, 1, now() + $2 * interval '1 millisecond', CASE WHEN 1 > $3 THEN now() + $4 * interval '1 millisecond' END)
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN r.window_ends_at <= now() THEN 1 ELSE r.hits + 1 END,
    window_ends_at = CASE WHEN r.window_ends_at <= now() THEN now() + $2 * interval '1 millisecond' ELSE r.window_ends_at END,
    blocked_until = CASE
      WHEN r.blocked_until > now() THEN r.blocked_until
      WHEN (CASE WHEN r.window_ends_at <= now() THEN 1 ELSE r.hits + 1 END) > $3 THEN now() + $4 * interval '1 millisecond'
    END
  RETURNING hits,
    ceil(extract(epoch FROM window_ends_at - now()))::int AS expires_in,
    coalesce(ceil(extract(epoch FROM blocked_until - now())), 0)::int AS blocked_for`;

/** SQL of request counters shared across processes (rate limits). */
@Injectable()
export class RateLimitRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Count one hit on `key` (see HIT). */
  async hit(key: string, windowMs: number, limit: number, blockMs: number): Promise<RateLimitCount> {
    const [row]: { hits: number; expires_in: number; blocked_for: number }[] = await this.dataSource.query(HIT, [key, windowMs, limit, blockMs]);
    return { hits: row.hits, expiresInSeconds: Math.max(0, row.expires_in), blockedForSeconds: Math.max(0, row.blocked_for) };
  }

  /** Forget counters whose window and block are over; returns how many. */
  async sweep(): Promise<number> {
    const [, deleted]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM rate_limits WHERE window_ends_at < now() AND (blocked_until IS NULL OR blocked_until < now())`,
    );
    return deleted;
  }
}
