import { Clock, DomainError, type Viewer } from '@app/common';
import { StatisticsRepository, type StatisticsRow } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { AnnualStatistics, Breakdown, Figure } from './annual-statistics';

const NONE: Figure = { count: 0, decisionIds: [] };

/** The instants bounding a calendar year in Beijing time (UTC+8, no daylight saving). */
export function beijingYear(year: number): { from: string; to: string } {
  const pad = (y: number) => String(y).padStart(4, '0');
  return { from: `${pad(year)}-01-01T00:00:00+08:00`, to: `${pad(year + 1)}-01-01T00:00:00+08:00` };
}

/** Two figures as one: counts added, decisions united. */
function merge(a: Figure, b: Figure): Figure {
  return { count: a.count + b.count, decisionIds: [...new Set([...a.decisionIds, ...b.decisionIds])].sort() };
}

/** The rows of metrics as a figure (the sum over their keys) or a breakdown by key. */
function figures(rows: StatisticsRow[]) {
  const of = (...metrics: string[]) => rows.filter((r) => metrics.includes(r.metric));
  const toFigure = (r: StatisticsRow): Figure => ({ count: r.count, decisionIds: [...(r.decision_ids ?? [])].sort() });
  return {
    figure: (...metrics: string[]): Figure => of(...metrics).map(toFigure).reduce(merge, NONE),
    breakdown: (...metrics: string[]): Breakdown => {
      const out: Breakdown = {};
      for (const r of of(...metrics)) out[r.key] = merge(out[r.key] ?? NONE, toFigure(r));
      return out;
    },
  };
}

/** The annual figures of the rule-of-law report, from the trail, as far as the caller may see it. */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly statistics: StatisticsRepository,
    private readonly clock: Clock,
  ) {}

  async annual(viewer: Viewer, year: number): Promise<AnnualStatistics> {
    if (!Number.isInteger(year) || year < 1000 || year > 9999) throw DomainError.validation('year must be a 4-digit year', 'year');
    const period = beijingYear(year);
    const now = this.clock.now();
    const [events, comments, deadlines] = await Promise.all([
      this.statistics.eventFigures(viewer, period),
      this.statistics.commentsReceived(viewer, period),
      this.statistics.deadlineFigures(viewer, period, now),
    ]);
    const { figure, breakdown } = figures([...events, ...comments]);
    const meetings = figure('HOLD_MEETING');
    const byUnit: AnnualStatistics['deadlines']['byUnit'] = {};
    for (const r of deadlines) {
      const unit = (byUnit[r.key] ??= { met: NONE, overdue: NONE });
      unit[r.metric as 'met' | 'overdue'] = merge(unit[r.metric as 'met' | 'overdue'], { count: r.count, decisionIds: r.decision_ids ?? [] });
    }
    const byOutcome = figures(deadlines);
    return {
      year,
      jurisdiction: viewer.jurisdiction,
      computedAt: now.toISOString(),
      decisions: { registered: figure('CREATE_DECISION'), byCategory: breakdown('CREATE_DECISION'), byOutcome: breakdown('RECORD_DECISION') },
      meetings: { held: meetings, decisionsDiscussed: { count: meetings.decisionIds.length, decisionIds: meetings.decisionIds } },
      legalityReviews: { submitted: figure('SUBMIT_FOR_LEGALITY_REVIEW'), opinionsByConclusion: breakdown('ISSUE_LEGALITY_OPINION'), returnsForMaterials: figure('RETURN_FOR_MATERIALS') },
      participation: {
        commentRounds: figure('OPEN_PUBLIC_COMMENT'),
        commentsReceived: figure('commentsReceived'),
        commentsAdopted: figure('SUBMIT_PUBLIC_OPINION_REPORT'),
        hearings: figure('RECORD_HEARING'),
      },
      expertPanels: figure('SUBMIT_EXPERT_REPORT'),
      riskAssessments: breakdown('SUBMIT_RISK_REPORT'),
      waivers: breakdown('WAIVE_PUBLIC_PARTICIPATION', 'WAIVE_EXPERT_ARGUMENTATION', 'WAIVE_RISK_ASSESSMENT'),
      reports: { partyCommittee: figure('REPORT_TO_PARTY_COMMITTEE'), peoplesCongress: figure('REPORT_TO_PEOPLES_CONGRESS'), publications: figure('PUBLISH') },
      postEvaluations: figure('SUBMIT_POST_EVALUATION'),
      deadlines: { met: byOutcome.figure('met'), overdue: byOutcome.figure('overdue'), byUnit },
    };
  }
}
