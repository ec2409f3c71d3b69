import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices raised by an event rather than a deadline: a serious problem an implementing unit reports
 * notifies the decision organ (Art. 35). Such a notice is written in the same statement as its event
 * (the notifications table is its outbox) and is delivered by the worker like any other notice; it
 * names the event (`event_seq`), one notice of a kind per event.
 */
export class OrganNotices1733620000000 implements MigrationInterface {
  name = 'OrganNotices1733620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ALTER COLUMN deadline_id DROP NOT NULL`);
    await q.query(`ALTER TABLE notifications ADD COLUMN event_seq integer`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_source_check CHECK (deadline_id IS NOT NULL OR event_seq IS NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX notifications_event_idx ON notifications (decision_id, event_seq, kind) WHERE event_seq IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_event_idx`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_source_check`);
    await q.query(`ALTER TABLE notifications DROP COLUMN event_seq`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN deadline_id SET NOT NULL`);
  }
}
