import { Injectable } from '@nestjs/common';
import type { SqlExecutor } from '@app/persistence';

/** A row of `public_comments` (append-only). `contact` is personal data: never in a public answer. */
export interface PublicCommentRow {
  id: string;
  decision_id: string;
  jurisdiction: string;
  round: number;
  content: string;
  sha256: string;
  name: string | null;
  contact: string | null;
  received_at: Date;
}

/** SQL of the public's comments on open drafts. */
@Injectable()
export class PublicCommentRepository {
  async insert(em: SqlExecutor, c: PublicCommentRow): Promise<void> {
    await em.query(
      `INSERT INTO public_comments (id, decision_id, jurisdiction, round, content, sha256, name, contact, received_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [c.id, c.decision_id, c.jurisdiction, c.round, c.content, c.sha256, c.name, c.contact, c.received_at],
    );
  }

  /** Every comment on the decision, by round then id. */
  async list(em: SqlExecutor, decisionId: string): Promise<PublicCommentRow[]> {
    return em.query(`SELECT * FROM public_comments WHERE decision_id = $1 ORDER BY round, id`, [decisionId]);
  }

  /** The comments of one round as the opinion report must account for them: `{id, sha256}` sorted by id. */
  async receivedIn(em: SqlExecutor, decisionId: string, round: number): Promise<{ id: string; sha256: string }[]> {
    const rows: { id: string; sha256: string }[] = await em.query(
      `SELECT id, sha256 FROM public_comments WHERE decision_id = $1 AND round = $2 ORDER BY id`,
      [decisionId, round],
    );
    return rows.map(({ id, sha256 }) => ({ id, sha256 }));
  }

  /** How many comments each decision received in its current round. */
  async counts(em: SqlExecutor, decisions: { id: string; round: number }[]): Promise<Map<string, number>> {
    if (!decisions.length) return new Map();
    const rows: { decision_id: string; n: number }[] = await em.query(
      `SELECT c.decision_id, count(*)::int AS n FROM public_comments c
       JOIN unnest($1::uuid[], $2::int[]) AS d(id, round) ON d.id = c.decision_id AND d.round = c.round GROUP BY c.decision_id`,
      [decisions.map((d) => d.id), decisions.map((d) => d.round)],
    );
    return new Map(rows.map((r) => [r.decision_id, r.n]));
  }
}
