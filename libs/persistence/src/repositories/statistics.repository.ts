import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { visibleDecisions, type Viewer } from './visibility.sql';

/** One aggregated figure: a metric, its breakdown key ('' for none), the number, and the decisions behind it. */
export interface StatisticsRow {
  metric: string;
  key: string;
  count: number;
  decision_ids: string[];
}

/** A period [from, to) of the trail: instants, bounds of a year in Beijing time as the caller computes them. */
export interface StatisticsPeriod {
  from: string;
  to: string;
}

// The figures read from the year's trail entries (`ev`): metric, breakdown key, decision, and how much the entry counts.
const EVENT_FIGURES = `
  SELECT 'registered' AS metric, '' AS key, decision_id, 1 AS n FROM ev WHERE type = 'CREATE_DECISION'
  UNION ALL SELECT 'byCategory', payload->>'category', decision_id, 1 FROM ev WHERE type = 'CREATE_DECISION'
  UNION ALL SELECT 'byOutcome', payload->>'outcome', decision_id, 1 FROM ev WHERE type = 'RECORD_DECISION'
  UNION ALL SELECT 'meetingsHeld', '', decision_id, 1 FROM ev WHERE type = 'HOLD_MEETING'
  UNION ALL SELECT 'reviewsSubmitted', '', decision_id, 1 FROM ev WHERE type = 'SUBMIT_FOR_LEGALITY_REVIEW'
  UNION ALL SELECT 'opinionsByConclusion', payload->>'conclusion', decision_id, 1 FROM ev WHERE type = 'ISSUE_LEGALITY_OPINION'
  UNION ALL SELECT 'returnsForMaterials', '', decision_id, 1 FROM ev WHERE type = 'RETURN_FOR_MATERIALS'
  UNION ALL SELECT 'commentRounds', '', decision_id, 1 FROM ev WHERE type = 'OPEN_PUBLIC_COMMENT'
  UNION ALL SELECT 'commentsAdopted', '', decision_id, adopted FROM (
    SELECT decision_id, CASE
      WHEN jsonb_array_length(COALESCE(payload->'commentDispositions', '[]')) + jsonb_array_length(COALESCE(payload->'dispositions', '[]')) > 0
      THEN (SELECT count(*) FROM jsonb_array_elements(COALESCE(payload->'commentDispositions', '[]')) d WHERE (d->>'adopted')::boolean)
         + (SELECT COALESCE(sum((d->>'count')::int), 0) FROM jsonb_array_elements(COALESCE(payload->'dispositions', '[]')) d WHERE (d->>'adopted')::boolean)
      ELSE jsonb_array_length(COALESCE(payload->'adopted', '[]'))
    END AS adopted
    FROM ev WHERE type = 'SUBMIT_PUBLIC_OPINION_REPORT') r WHERE adopted > 0
  UNION ALL SELECT 'hearings', '', decision_id, 1 FROM ev WHERE type = 'RECORD_HEARING'
  UNION ALL SELECT 'expertPanels', '', decision_id, 1 FROM ev WHERE type = 'SUBMIT_EXPERT_REPORT'
  UNION ALL SELECT 'riskAssessments', payload->>'level', decision_id, 1 FROM ev WHERE type = 'SUBMIT_RISK_REPORT'
  UNION ALL SELECT 'waivers', payload->>'ground', decision_id, 1 FROM ev WHERE type IN ('WAIVE_PUBLIC_PARTICIPATION', 'WAIVE_EXPERT_ARGUMENTATION', 'WAIVE_RISK_ASSESSMENT')
  UNION ALL SELECT 'partyCommittee', '', decision_id, 1 FROM ev WHERE type = 'REPORT_TO_PARTY_COMMITTEE'
  UNION ALL SELECT 'peoplesCongress', '', decision_id, 1 FROM ev WHERE type = 'REPORT_TO_PEOPLES_CONGRESS'
  UNION ALL SELECT 'publications', '', decision_id, 1 FROM ev WHERE type = 'PUBLISH' AND payload->'notPublished' IS NULL
  UNION ALL SELECT 'postEvaluations', '', decision_id, 1 FROM ev WHERE type = 'SUBMIT_POST_EVALUATION'`;

/**
 * SQL of the annual figures (GET /api/statistics): aggregated in the database over the trail entries of a
 * period (decision_events by occurred_at), the public comments received in it and the statutory deadlines
 * falling due in it, of the decisions `viewer` may see. One round trip per source; rows are figures, not events.
 */
@Injectable()
export class StatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Figures from the trail entries of the period. */
  eventFigures(viewer: Viewer, period: StatisticsPeriod): Promise<StatisticsRow[]> {
    const params: unknown[] = [period.from, period.to];
    const visible = visibleDecisions('x', viewer, params);
    return this.dataSource.query(
      `WITH ev AS (
         SELECT e.decision_id, e.type, e.payload FROM decision_events e JOIN decisions x ON x.id = e.decision_id
         WHERE e.jurisdiction = x.jurisdiction AND e.occurred_at >= $1 AND e.occurred_at < $2 AND ${visible})
       SELECT metric, COALESCE(key, '') AS key, sum(n)::int AS count, array_agg(DISTINCT decision_id::text) AS decision_ids
       FROM (${EVENT_FIGURES}) f GROUP BY metric, COALESCE(key, '')`,
      params,
    );
  }

  /** Public comments received in the period (the comment record, append-only like the trail), spam marks aside. */
  commentsReceived(viewer: Viewer, period: StatisticsPeriod): Promise<StatisticsRow[]> {
    const params: unknown[] = [period.from, period.to];
    const visible = visibleDecisions('x', viewer, params);
    return this.dataSource.query(
      `SELECT 'commentsReceived' AS metric, '' AS key, count(*)::int AS count, COALESCE(array_agg(DISTINCT c.decision_id::text), '{}') AS decision_ids
       FROM public_comments c JOIN decisions x ON x.id = c.decision_id
       WHERE c.received_at >= $1 AND c.received_at < $2 AND ${visible}`,
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
         WHERE d.due_at >= $1 AND d.due_at < $2 AND d.kind NOT LIKE '%\\_REMINDER' AND d.fire_event IS NULL AND ${visible}) o
       WHERE outcome IS NOT NULL GROUP BY outcome, unit`,
      params,
    );
  }
}
