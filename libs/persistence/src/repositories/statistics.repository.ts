import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { visibleDecisions, type Viewer } from './visibility.sql';

/** One aggregated figure: a metric, its breakdown key ('' for none), the number, and the decisions behind it. */
export interface StatisticsRow {
  metric: string;
  key: string;
  count: number;
  /** NULL when no entry of the group counts anything */
  decision_ids: string[] | null;
}

/** A period [from, to) of the trail: instants, bounds of a year in Beijing time as the caller computes them. */
export interface StatisticsPeriod {
  from: string;
  to: string;
}

/** The trail entries the annual figures count, with the payload field each is broken down by. */
export const COUNTED_EVENTS: Record<string, string | null> = {
  CREATE_DECISION: 'category',
  RECORD_DECISION: 'outcome',
  HOLD_MEETING: null,
  SUBMIT_FOR_LEGALITY_REVIEW: null,
  ISSUE_LEGALITY_OPINION: 'conclusion',
  RETURN_FOR_MATERIALS: null,
  OPEN_PUBLIC_COMMENT: null,
  SUBMIT_PUBLIC_OPINION_REPORT: null,
  RECORD_HEARING: null,
  SUBMIT_EXPERT_REPORT: null,
  SUBMIT_RISK_REPORT: 'level',
  WAIVE_PUBLIC_PARTICIPATION: 'ground',
  WAIVE_EXPERT_ARGUMENTATION: 'ground',
  WAIVE_RISK_ASSESSMENT: 'ground',
  REPORT_TO_PARTY_COMMITTEE: null,
  REPORT_TO_PEOPLES_CONGRESS: null,
  PUBLISH: null,
  SUBMIT_POST_EVALUATION: null,
};

// The breakdown key of an entry (its category, outcome, conclusion, level or ground) and how much it counts: an
// opinion report its adopted opinions (per-comment and grouped dispositions, else its list of adopted opinions),
// a PUBLISH that records not publishing nothing, any other entry one.
const KEY = `CASE e.type ${Object.entries(COUNTED_EVENTS).filter(([, f]) => f).map(([type, f]) => `WHEN '${type}' THEN e.payload->>'${f}'`).join(' ')} ELSE '' END`;
const AMOUNT = `CASE
  WHEN e.type = 'SUBMIT_PUBLIC_OPINION_REPORT' THEN CASE
    WHEN jsonb_array_length(COALESCE(e.payload->'commentDispositions', '[]')) + jsonb_array_length(COALESCE(e.payload->'dispositions', '[]')) > 0
    THEN (SELECT count(*) FROM jsonb_array_elements(COALESCE(e.payload->'commentDispositions', '[]')) d WHERE (d->>'adopted')::boolean)
       + (SELECT COALESCE(sum((d->>'count')::int), 0) FROM jsonb_array_elements(COALESCE(e.payload->'dispositions', '[]')) d WHERE (d->>'adopted')::boolean)
    ELSE jsonb_array_length(COALESCE(e.payload->'adopted', '[]')) END
  WHEN e.type = 'PUBLISH' AND e.payload ? 'notPublished' THEN 0
  ELSE 1 END`;

/**
 * SQL of the annual figures (GET /api/statistics): aggregated in the database over the trail entries of a
 * period (decision_events by occurred_at), the public comments received in it and the statutory deadlines
 * falling due in it, of the decisions `viewer` may see. One round trip per source; rows are figures, not events.
 */
@Injectable()
export class StatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Figures from the trail entries of the period, one pass over them: metric = the entry type, key = its breakdown
   * value ('' for none), count = what the entries count, decisions behind (entries that count nothing left out).
   */
  eventFigures(viewer: Viewer, period: StatisticsPeriod): Promise<StatisticsRow[]> {
    const params: unknown[] = [period.from, period.to, Object.keys(COUNTED_EVENTS)];
    const visible = visibleDecisions('x', viewer, params);
    return this.dataSource.query(
      `SELECT type AS metric, key, sum(n)::int AS count, array_agg(DISTINCT decision_id::text) FILTER (WHERE n > 0) AS decision_ids FROM (
         SELECT e.decision_id, e.type, COALESCE(${KEY}, '') AS key, ${AMOUNT} AS n
         FROM decision_events e JOIN decisions x ON x.id = e.decision_id
         WHERE e.jurisdiction = $${params.push(viewer.jurisdiction)} AND e.occurred_at >= $1 AND e.occurred_at < $2 AND e.type = ANY($3::text[]) AND ${visible}) f
       GROUP BY type, key`,
      params,
    );
  }

  /** Public comments received in the period (the comment record, append-only like the trail), those whose latest mark is spam left out. */
  commentsReceived(viewer: Viewer, period: StatisticsPeriod): Promise<StatisticsRow[]> {
    const params: unknown[] = [period.from, period.to];
    const visible = visibleDecisions('x', viewer, params);
    return this.dataSource.query(
      `SELECT 'commentsReceived' AS metric, '' AS key, count(*)::int AS count, COALESCE(array_agg(DISTINCT c.decision_id::text), '{}') AS decision_ids
       FROM public_comments c JOIN decisions x ON x.id = c.decision_id
       WHERE c.jurisdiction = $${params.push(viewer.jurisdiction)} AND c.received_at >= $1 AND c.received_at < $2 AND ${visible}
         AND (SELECT m.kind FROM comment_marks m WHERE m.decision_id = c.decision_id AND m.comment_id = c.id ORDER BY m.seq DESC LIMIT 1) IS DISTINCT FROM 'SPAM'`,
      params,
    );
  }

  /**
   * Statutory deadlines owed by a unit that fell due in the period (reminders and the end of comment periods,
   * which the engine closes itself, aside), by the unit that owed them (the executing unit for execution and its
   * reports, else the undertaking unit): met (closed before its timer fired) or overdue (its timer fired while it
   * was owed, or still owed after `now`). Metric `met` or `overdue`, key the unit.
   */
  deadlineFigures(viewer: Viewer, period: StatisticsPeriod, now: Date): Promise<StatisticsRow[]> {
    const params: unknown[] = [period.from, period.to, now];
    const visible = visibleDecisions('x', viewer, params);
    return this.dataSource.query(
      `SELECT outcome AS metric, unit AS key, count(*)::int AS count, array_agg(DISTINCT decision_id::text) AS decision_ids FROM (
         SELECT d.decision_id,
           CASE WHEN d.kind LIKE 'EXECUTION%' THEN split_part(d.key, ':', 3) ELSE COALESCE(x.view->>'undertakingUnit', '') END AS unit,
           CASE WHEN d.fired_at IS NOT NULL OR (d.status = 'pending' AND d.due_at < $3) THEN 'overdue'
                WHEN d.status = 'closed' THEN 'met' END AS outcome
         FROM deadlines d JOIN decisions x ON x.id = d.decision_id
         WHERE d.jurisdiction = $${params.push(viewer.jurisdiction)} AND d.due_at >= $1 AND d.due_at < $2 AND d.kind NOT LIKE '%\\_REMINDER' AND d.fire_event IS NULL AND ${visible}) o
       WHERE outcome IS NOT NULL GROUP BY outcome, unit`,
      params,
    );
  }
}
