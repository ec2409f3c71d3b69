import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The annual statistics read a jurisdiction's trail entries of one year: an index by jurisdiction and time. */
export class StatisticsIndex1734100000000 implements MigrationInterface {
  name = 'StatisticsIndex1734100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX decision_events_occurred_idx ON decision_events (jurisdiction, occurred_at)`);
    await q.query(`CREATE INDEX deadlines_due_idx ON deadlines (jurisdiction, due_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deadlines_due_idx`);
    await q.query(`DROP INDEX decision_events_occurred_idx`);
  }
}
