import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Deadlines computed past the working-day calendar's holiday data are estimates, and say so. */
export class ProvisionalDeadlines1733000000000 implements MigrationInterface {
  name = 'ProvisionalDeadlines1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadlines ADD COLUMN provisional boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadlines DROP COLUMN provisional`);
  }
}
