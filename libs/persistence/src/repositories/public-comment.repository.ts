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
  /** the change round beside execution the comment answers (Art. 37); null: the decision's own procedure */
  change_number: number | null;
  /** the comment period (machine v2 numbers them); null on v1 */
  period: number | null;
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
      `INSERT INTO public_comments (id, decision_id, jurisdiction, round, change_number, period, content, sha256, name, contact, received_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
      [c.id, c.decision_id, c.jurisdiction, c.round, c.change_number, c.period, c.content, c.sha256, c.name, c.contact, c.received_at],
    );
  }

  /** The comments of one round of a v1 decision as its opinion report must account for them: `{id, sha256}` sorted by id. */
  async receivedIn(em: SqlExecutor, decisionId: string, round: number): Promise<{ id: string; sha256: string }[]> {
    const rows: { id: string; sha256: string }[] = await em.query(
      `SELECT id, sha256 FROM public_comments WHERE decision_id = $1 AND round = $2 AND change_number IS NULL ORDER BY id`,
      [decisionId, round],
    );
    return rows.map(({ id, sha256 }) => ({ id, sha256 }));
  }

  /** How many comments each decision received in the consultation given (its round and change round, and period when numbered). */
  async counts(decisions: { id: string; round: number; change: number | null; period: number | null }[]): Promise<Map<string, number>> {
    if (!decisions.length) return new Map();
    const rows: { decision_id: string; n: number }[] = await this.dataSource.query(
      `SELECT c.decision_id, count(*)::int AS n FROM public_comments c
       JOIN unnest($1::uuid[], $2::int[], $3::int[], $4::int[]) AS d(id, round, change, period)
         ON d.id = c.decision_id AND d.round = c.round AND c.change_number IS NOT DISTINCT FROM d.change AND (d.period IS NULL OR c.period = d.period)
       GROUP BY c.decision_id`,
      [decisions.map((d) => d.id), decisions.map((d) => d.round), decisions.map((d) => d.change), decisions.map((d) => d.period)],
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

  /**
   * Non-confidential decisions whose public-participation step is open: in drafting, or (machine v2)
   * with a change round drafting beside execution; optionally of one jurisdiction.
   */
  candidates(jurisdiction?: string): Promise<DecisionRow[]> {
    return this.dataSource.query(
      `SELECT d.* FROM decisions d WHERE NOT d.confidential AND ($1::text IS NULL OR d.jurisdiction = $1) AND (
         (d.status = 'drafting' AND d.view #>> '{steps,publicParticipation,status}' = 'open')
         OR d.view #>> '{adjustment,steps,publicParticipation,status}' = 'open')`,
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

  /** The payload of the newest REVISE_DRAFT of each decision whose content hash is the one given: the draft a comment period publishes. */
  async draftPayloads(drafts: { decisionId: string; hash: string | null }[]): Promise<Map<string, any>> {
    const known = drafts.filter((d) => d.hash !== null);
    if (!known.length) return new Map();
    const rows: { decision_id: string; payload: any }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (e.decision_id) e.decision_id, e.payload FROM decision_events e
       JOIN unnest($1::uuid[], $2::text[]) AS d(id, hash) ON e.decision_id = d.id AND e.type = 'REVISE_DRAFT' AND e.payload->>'contentHash' = d.hash
       ORDER BY e.decision_id, e.seq DESC`,
      [known.map((d) => d.decisionId), known.map((d) => d.hash)],
    );
    return new Map(rows.map((r) => [r.decision_id, r.payload]));
  }

  /** The newest payload of each of `types` for each decision (the opening shown to the public). */
  latestPayloads(decisionIds: string[], types: string[]): Promise<{ decision_id: string; type: string; payload: any }[]> {
    if (!decisionIds.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT DISTINCT ON (decision_id, type) decision_id, type, payload FROM decision_events
       WHERE decision_id = ANY($1::uuid[]) AND type = ANY($2::text[]) ORDER BY decision_id, type, seq DESC`,
      [decisionIds, types],
    );
  }
}
