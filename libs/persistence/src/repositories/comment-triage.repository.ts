import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlExecutor } from '../sql/sql-session';

/** The comments of one consultation round: the decision's round and change round (null: its own procedure). */
export interface RoundScope {
  round: number;
  change: number | null;
}

export type MarkKind = 'GROUP' | 'SPAM' | 'UNGROUP';

/** A mark to record on comments: who counted them how, when and why. */
export interface NewMark {
  kind: MarkKind;
  groupId?: string;
  label?: string;
  reason?: string;
  actor: { sub: string; name: string; unit: string };
  at: Date;
}

/** A group of comments as the opinion report counts them (spam excluded): `comment:<id>` for a comment in no group. */
export interface CommentGroupRow {
  group_id: string;
  count: number;
  /** SHA-256 (hex) of the members' `<id>:<sha256>\n` lines in id order: binds the group to exactly its comments */
  digest: string;
  label: string | null;
}

/** A received comment with its latest mark. */
export interface TriagedCommentRow {
  id: string;
  round: number;
  change_number: number | null;
  period: number | null;
  content: string;
  sha256: string;
  name: string | null;
  contact: string | null;
  received_at: Date;
  kind: MarkKind | null;
  group_id: string | null;
}

export interface CommentMarkRow {
  seq: string;
  comment_id: string;
  kind: MarkKind;
  group_id: string | null;
  label: string | null;
  reason: string | null;
  actor: NewMark['actor'];
  marked_at: Date;
}

/**
 * The latest mark of the comment `c` of decision $1, looked up per comment through the index (a join
 * the planner might run as a nested loop over tens of thousands of marks never happens).
 */
const LATEST_OF_C = `LEFT JOIN LATERAL (
    SELECT kind, group_id, label FROM comment_marks WHERE decision_id = $1 AND comment_id = c.id ORDER BY seq DESC LIMIT 1
  ) m ON true`;
/** The comments of the round ($2, $3) of decision $1 with their latest mark. */
const SCOPED = `scoped AS (
    SELECT c.*, m.kind, m.group_id, m.label FROM public_comments c ${LATEST_OF_C}
    WHERE c.decision_id = $1 AND c.round = $2 AND c.change_number IS NOT DISTINCT FROM $3::int
  )`;

/** Each group once (spam as the NULL group), with its count, digest and the label it was given. */
const SUMMARY = `WITH ${SCOPED}
  SELECT CASE WHEN kind = 'SPAM' THEN NULL WHEN kind = 'GROUP' THEN group_id ELSE 'comment:' || id END AS group_id,
    count(*)::int AS count,
    encode(sha256(convert_to(string_agg(id::text || ':' || sha256 || E'\\n', '' ORDER BY id), 'UTF8')), 'hex') AS digest,
    max(label) AS label
  FROM scoped GROUP BY 1 ORDER BY 1`;

/**
 * Every comment in no group and not spam whose content another comment of the round (not spam)
 * repeats exactly, put in the group of that content (`sha256:<hash>`, labelled by its start).
 */
const GROUP_IDENTICAL = `WITH ${SCOPED}, counted AS (
    SELECT id, sha256, content, kind, count(*) FILTER (WHERE kind IS DISTINCT FROM 'SPAM') OVER (PARTITION BY sha256) AS copies FROM scoped
  )
  INSERT INTO comment_marks (decision_id, comment_id, kind, group_id, label, reason, actor, marked_at)
  SELECT $1, id, 'GROUP', 'sha256:' || sha256, left(content, 60), $4, $5::jsonb, $6
  FROM counted WHERE copies > 1 AND (kind IS NULL OR kind = 'UNGROUP')
  RETURNING group_id`;

/**
 * SQL of the staff's triage of public comments: marks are appended, never changed (the latest mark
 * of a comment holds), and the opinion report reads the round's comments as groups, counted in the
 * database (tens of thousands of comments never travel as rows).
 */
@Injectable()
export class CommentTriageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Run `work` in one transaction. */
  transaction<T>(work: (em: SqlExecutor) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((em) => work(em));
  }

  /** Mark those of `commentIds` that are comments on the decision; returns the ids marked. */
  async mark(em: SqlExecutor, decisionId: string, commentIds: string[], m: NewMark): Promise<string[]> {
    const rows: { comment_id: string }[] = await em.query(
      `INSERT INTO comment_marks (decision_id, comment_id, kind, group_id, label, reason, actor, marked_at)
       SELECT $1, c.id, $3, $4, $5, $6, $7::jsonb, $8 FROM public_comments c WHERE c.decision_id = $1 AND c.id = ANY($2::uuid[])
       RETURNING comment_id`,
      [decisionId, commentIds, m.kind, m.groupId ?? null, m.label ?? null, m.reason ?? null, JSON.stringify(m.actor), m.at],
    );
    return rows.map((r) => r.comment_id);
  }

  /** Has any comment of the decision been put in this group? */
  async groupExists(em: SqlExecutor, decisionId: string, groupId: string): Promise<boolean> {
    const rows = await em.query(`SELECT 1 FROM comment_marks WHERE decision_id = $1 AND kind = 'GROUP' AND group_id = $2 LIMIT 1`, [decisionId, groupId]);
    return rows.length > 0;
  }

  /** Group every comment of the round that another repeats exactly (see GROUP_IDENTICAL); returns each group id with how many comments joined it. */
  async groupIdentical(em: SqlExecutor, decisionId: string, scope: RoundScope, m: Pick<NewMark, 'reason' | 'actor' | 'at'>): Promise<Map<string, number>> {
    const rows: { group_id: string }[] = await em.query(GROUP_IDENTICAL, [decisionId, scope.round, scope.change, m.reason ?? null, JSON.stringify(m.actor), m.at]);
    const joined = new Map<string, number>();
    for (const r of rows) joined.set(r.group_id, (joined.get(r.group_id) ?? 0) + 1);
    return joined;
  }

  /** The ids of the round's comments in no group and not spam whose content contains `text`. */
  async freeContaining(em: SqlExecutor, decisionId: string, scope: RoundScope, text: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `WITH ${SCOPED} SELECT id FROM scoped WHERE (kind IS NULL OR kind = 'UNGROUP') AND strpos(content, $4) > 0 ORDER BY id`,
      [decisionId, scope.round, scope.change, text],
    );
    return rows.map((r) => r.id);
  }

  /** The round's comments as groups (spam excluded) and how many there are in all and as spam. */
  async summary(em: SqlExecutor, decisionId: string, scope: RoundScope): Promise<{ total: number; spam: number; groups: CommentGroupRow[] }> {
    const rows: CommentGroupRow[] = await em.query(SUMMARY, [decisionId, scope.round, scope.change]);
    const spam = rows.find((r) => r.group_id === null)?.count ?? 0;
    const groups = rows.filter((r) => r.group_id !== null);
    return { total: spam + groups.reduce((n, g) => n + g.count, 0), spam, groups };
  }

  /** One page of the decision's comments with their latest mark, by round, change round, period and id. */
  async list(
    decisionId: string,
    filter: { groupId?: string; grouped?: boolean; spam?: boolean; contains?: string },
    page: { limit: number; offset: number },
  ): Promise<{ rows: TriagedCommentRow[]; total: number }> {
    const params: unknown[] = [decisionId];
    let where = 'TRUE';
    if (filter.groupId !== undefined) where += ` AND m.kind = 'GROUP' AND m.group_id = $${params.push(filter.groupId)}`;
    if (filter.grouped !== undefined) where += ` AND (m.kind = 'GROUP') IS ${filter.grouped ? 'TRUE' : 'NOT TRUE'}`;
    if (filter.spam !== undefined) where += ` AND (m.kind = 'SPAM') IS ${filter.spam ? 'TRUE' : 'NOT TRUE'}`;
    if (filter.contains !== undefined) where += ` AND strpos(c.content, $${params.push(filter.contains)}) > 0`;
    const from = `SELECT %s FROM public_comments c ${LATEST_OF_C} WHERE c.decision_id = $1 AND ${where}`;
    const [{ total }] = await this.dataSource.query(from.replace('%s', 'count(*)::int AS total'), params);
    const rows: TriagedCommentRow[] = await this.dataSource.query(
      `${from.replace('%s', 'c.*, m.kind, m.group_id')} ORDER BY c.round, c.change_number NULLS FIRST, c.period NULLS FIRST, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
    return { rows, total };
  }

  /** One page of the decision's marks, oldest first: who counted which comment how, when and why. */
  async marks(decisionId: string, page: { limit: number; offset: number }): Promise<{ rows: CommentMarkRow[]; total: number }> {
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM comment_marks WHERE decision_id = $1`, [decisionId]);
    const rows: CommentMarkRow[] = await this.dataSource.query(
      `SELECT seq, comment_id, kind, group_id, label, reason, actor, marked_at FROM comment_marks WHERE decision_id = $1 ORDER BY seq LIMIT $2 OFFSET $3`,
      [decisionId, page.limit, page.offset],
    );
    return { rows, total };
  }
}
