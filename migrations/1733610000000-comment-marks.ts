import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnly } from './1732700000000-catalogues';

/**
 * Public comments keyed by the consultation they answer: the decision's round, the change round
 * (Art. 37; NULL for the decision's own procedure) and the comment period (machine v2 numbers
 * them; NULL before). Staff group identical or similar comments and mark spam through append-only
 * marks (who, when, why): a comment is never changed nor deleted, its latest mark says how the
 * opinion report counts it. Marks are inserted only as a selection from the decision's own comments,
 * which are never deleted, so they carry no foreign keys: a key check would lock every comment row
 * marked, and a flood is marked tens of thousands at a time.
 */
export class CommentMarks1733610000000 implements MigrationInterface {
  name = 'CommentMarks1733610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE public_comments ADD COLUMN change_number integer, ADD COLUMN period integer`);
    await q.query(`CREATE INDEX public_comments_consultation_idx ON public_comments (decision_id, round, change_number, period)`);
    await q.query(`
      CREATE TABLE comment_marks (
        seq bigserial PRIMARY KEY,
        decision_id uuid NOT NULL,
        comment_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('GROUP', 'SPAM', 'UNGROUP')),
        group_id text CHECK ((kind = 'GROUP') = (group_id IS NOT NULL)),
        label text,
        reason text,
        actor jsonb NOT NULL,
        marked_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX comment_marks_latest_idx ON comment_marks (decision_id, comment_id, seq DESC)`);
    await appendOnly(q, 'comment_marks');
    if (process.env.DB_APP_ROLE) {
      const role = `"${process.env.DB_APP_ROLE.replace(/"/g, '""')}"`;
      await q.query(`REVOKE ALL ON comment_marks FROM ${role}`);
      await q.query(`GRANT SELECT, INSERT ON comment_marks TO ${role}`);
      await q.query(`GRANT USAGE ON SEQUENCE comment_marks_seq_seq TO ${role}`);
    }
  }

  async down(): Promise<void> {
    throw new Error('refusing to drop the marks of received public comments; restore from backup instead');
  }
}
