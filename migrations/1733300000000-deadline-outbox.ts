import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deadlines table is the timers' transactional outbox: a row written with its event waits
 * with `enqueued_at` NULL until a worker has handed it to the queue. Requests never talk to the
 * queue store, so an outage of Redis delays timers but never a request.
 */
export class DeadlineOutbox1733300000000 implements MigrationInterface {
  name = 'DeadlineOutbox1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadlines ADD COLUMN enqueued_at timestamptz`);
    await q.query(`CREATE INDEX deadlines_outbox_idx ON deadlines (due_at) WHERE status = 'pending' AND enqueued_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deadlines_outbox_idx`);
    await q.query(`ALTER TABLE deadlines DROP COLUMN enqueued_at`);
  }
}
