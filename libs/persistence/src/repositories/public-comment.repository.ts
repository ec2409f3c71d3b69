import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlExecutor } from '../sql/sql-session';
import type { DecisionRow } from './decision.rows';

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
  constructor(private readonly dataSource: DataSource) {}

  async insert(em: SqlExecutor, c: PublicCommentRow): Promise<void> {
    await em.query(
      `INSERT INTO public_comments (id, decision_id, jurisdiction, round, content, sha256, name, contact, received_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [c.id, c.decision_id, c.jurisdiction, c.round, c.content, c.sha256, c.name, c.contact, c.received_at],
    );
  }

  /** Every comment on the decision, by round then id. */
  async list(decisionId: string): Promise<PublicCommentRow[]> {
    return this.dataSource.query(`SELECT * FROM public_comments WHERE decision_id = $1 ORDER BY round, id`, [decisionId]);
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
  async counts(decisions: { id: string; round: number }[]): Promise<Map<string, number>> {
    if (!decisions.length) return new Map();
    const rows: { decision_id: string; n: number }[] = await this.dataSource.query(
      `SELECT c.decision_id, count(*)::int AS n FROM public_comments c
       JOIN unnest($1::uuid[], $2::int[]) AS d(id, round) ON d.id = c.decision_id AND d.round = c.round GROUP BY c.decision_id`,
      [decisions.map((d) => d.id), decisions.map((d) => d.round)],
    );
    return new Map(rows.map((r) => [r.decision_id, r.n]));
  }
}

/**
 * SQL of public consultations: the decisions that may be open to comment, and what the public
 * page shows of them. Whether a period is open at an instant is decided by libs/participation's
 * `commentPeriodOpen` alone; these queries only narrow the rows it looks at.
 */
@Injectable()
export class ConsultationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Non-confidential decisions in drafting whose public-participation step is open, optionally of one jurisdiction. */
  candidates(jurisdiction?: string): Promise<DecisionRow[]> {
    return this.dataSource.query(
      `SELECT d.* FROM decisions d WHERE NOT d.confidential AND d.status = 'drafting'
         AND d.view #>> '{steps,publicParticipation,status}' = 'open' AND ($1::text IS NULL OR d.jurisdiction = $1)`,
      [jurisdiction ?? null],
    );
  }

  /** The decision's row, shared-locked in `em`'s transaction: comments never race the opinion report, which locks it FOR UPDATE. */
  async lockShared(em: SqlExecutor, decisionId: string): Promise<DecisionRow | undefined> {
    const rows: DecisionRow[] = await em.query(`SELECT * FROM decisions WHERE id = $1 FOR SHARE`, [decisionId]);
    return rows[0];
  }

  /** Run `work` in one transaction. */
  transaction<T>(work: (em: SqlExecutor) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((em) => work(em));
  }

  /** The newest payload of each of `types` for each decision (the draft and the opening shown to the public). */
  latestPayloads(decisionIds: string[], types: string[]): Promise<{ decision_id: string; type: string; payload: any }[]> {
    if (!decisionIds.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT DISTINCT ON (decision_id, type) decision_id, type, payload FROM decision_events
       WHERE decision_id = ANY($1::uuid[]) AND type = ANY($2::text[]) ORDER BY decision_id, type, seq DESC`,
      [decisionIds, types],
    );
  }
}
