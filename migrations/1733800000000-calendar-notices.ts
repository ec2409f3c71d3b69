import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnly } from './1732700000000-catalogues';

/**
 * State Council holiday notices uploaded by administrators, append-only: who uploaded which
 * arrangement and when (a later upload for the same year supersedes an earlier one, both stay).
 * Notices to administrators that concern no decision (the next year's holidays not yet known):
 * `decision_id` becomes optional and such a notice names its `topic`, one per jurisdiction, kind and topic.
 */
export class CalendarNotices1733800000000 implements MigrationInterface {
  name = 'CalendarNotices1733800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_notices (
        id uuid PRIMARY KEY,
        year integer NOT NULL,
        arrangement jsonb NOT NULL,
        uploaded_by jsonb NOT NULL,
        uploaded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX calendar_notices_year_idx ON calendar_notices (year, uploaded_at DESC)`);
    await appendOnly(q, 'calendar_notices');
    await q.query(`ALTER TABLE notifications ALTER COLUMN decision_id DROP NOT NULL`);
    await q.query(`ALTER TABLE notifications ADD COLUMN topic text`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_source_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_source_check CHECK (deadline_id IS NOT NULL OR event_seq IS NOT NULL OR topic IS NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX notifications_topic_idx ON notifications (jurisdiction, kind, topic) WHERE topic IS NOT NULL`);
    const role = process.env.DB_APP_ROLE && `"${process.env.DB_APP_ROLE.replace(/"/g, '""')}"`;
    if (role) await q.query(`GRANT SELECT, INSERT ON calendar_notices TO ${role}`);
  }

  async down(): Promise<void> {
    throw new Error('refusing to drop uploaded holiday notices that calendar versions were built from; restore from backup instead');
  }
}
