import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Notices raised by deadlines (reminders, overdue items); one per deadline, delivered to the jurisdiction's webhook if any. */
export class Notifications1732500000000 implements MigrationInterface {
  name = 'Notifications1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        jurisdiction text NOT NULL,
        decision_id uuid NOT NULL REFERENCES decisions(id),
        deadline_id uuid NOT NULL UNIQUE REFERENCES deadlines(id),
        kind text NOT NULL,
        message text NOT NULL,
        created_at timestamptz NOT NULL,
        delivered_at timestamptz,
        delivery_attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX notifications_jurisdiction_idx ON notifications (jurisdiction, created_at DESC)`);
    if (process.env.DB_APP_ROLE) {
      await q.query(`GRANT SELECT, INSERT, UPDATE ON notifications TO "${process.env.DB_APP_ROLE.replace(/"/g, '""')}"`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
  }
}
