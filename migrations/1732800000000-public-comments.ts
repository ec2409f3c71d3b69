import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnly } from './1732700000000-catalogues';

/**
 * Comments of the public on an open draft (公开征求意见). Append-only: the
 * opinion report binds each one by its SHA-256, so none may change afterwards.
 * `contact` is personal data: stored for the drafting unit, never shown publicly.
 */
export class PublicComments1732800000000 implements MigrationInterface {
  name = 'PublicComments1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE public_comments (
        id uuid PRIMARY KEY,
        decision_id uuid NOT NULL REFERENCES decisions(id),
        jurisdiction text NOT NULL,
        round integer NOT NULL,
        content text NOT NULL,
        sha256 char(64) NOT NULL,
        name text,
        contact text,
        received_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX public_comments_decision_idx ON public_comments (decision_id, round, id)`);
    await appendOnly(q, 'public_comments');
    if (process.env.DB_APP_ROLE) {
      const role = `"${process.env.DB_APP_ROLE.replace(/"/g, '""')}"`;
      await q.query(`REVOKE ALL ON public_comments FROM ${role}`);
      await q.query(`GRANT SELECT, INSERT ON public_comments TO ${role}`);
    }
  }

  async down(): Promise<void> {
    throw new Error('refusing to drop received public comments; restore from backup instead');
  }
}
