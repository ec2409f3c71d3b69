import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deadlines a decision still owes, kept on its projection row: an event
 * diffs them in memory under the row lock instead of reading the deadlines
 * table, and GET /decisions/:id shows them without a second query.
 */
export class OpenDeadlinesOnProjection1733200000000 implements MigrationInterface {
  name = 'OpenDeadlinesOnProjection1733200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decisions ADD COLUMN open_deadlines jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`
      UPDATE decisions d SET open_deadlines = x.list FROM (
        SELECT decision_id, jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                 'id', id, 'key', key, 'kind', kind,
                 'dueAt', to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'provisional', CASE WHEN provisional THEN true END)) ORDER BY due_at) AS list
        FROM deadlines WHERE status <> 'closed' GROUP BY decision_id) x
      WHERE x.decision_id = d.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decisions DROP COLUMN open_deadlines`);
  }
}
