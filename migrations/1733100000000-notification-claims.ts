import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Webhook delivery claims a notice atomically (several workers never send it at the same moment) and backs off from the last attempt. */
export class NotificationClaims1733100000000 implements MigrationInterface {
  name = 'NotificationClaims1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN last_attempt_at timestamptz`);
    await q.query(`CREATE INDEX notifications_undelivered_idx ON notifications (created_at) WHERE delivered_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_undelivered_idx`);
    await q.query(`ALTER TABLE notifications DROP COLUMN last_attempt_at`);
  }
}
