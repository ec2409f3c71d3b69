import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Request counters shared by every API process (the public comment rate limit): one row per key and
 * window, counted on the database's clock. UNLOGGED: a crash may forget the counts, never the record.
 */
export class RateLimits1733630000000 implements MigrationInterface {
  name = 'RateLimits1733630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE rate_limits (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        window_ends_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);
    if (process.env.DB_APP_ROLE) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limits TO "${process.env.DB_APP_ROLE.replace(/"/g, '""')}"`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limits`);
  }
}
