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

/** The rows of a metric as a figure (the sum over its keys) or a breakdown by key. */
function figures(rows: StatisticsRow[]) {
  const of = (metric: string) => rows.filter((r) => r.metric === metric);
  const toFigure = (r: StatisticsRow): Figure => ({ count: r.count, decisionIds: [...r.decision_ids].sort() });
  return {
    figure: (metric: string): Figure => of(metric).map(toFigure).reduce(merge, NONE),
    breakdown: (metric: string): Breakdown => Object.fromEntries(of(metric).map((r) => [r.key, toFigure(r)])),
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
    const meetings = figure('meetingsHeld');
    const byUnit: AnnualStatistics['deadlines']['byUnit'] = {};
    for (const r of deadlines) {
      const unit = (byUnit[r.key] ??= { met: NONE, overdue: NONE });
      unit[r.metric as 'met' | 'overdue'] = merge(unit[r.metric as 'met' | 'overdue'], { count: r.count, decisionIds: r.decision_ids });
    }
    const byOutcome = figures(deadlines);
    return {
      year,
      jurisdiction: viewer.jurisdiction,
      computedAt: now.toISOString(),
      decisions: { registered: figure('registered'), byCategory: breakdown('byCategory'), byOutcome: breakdown('byOutcome') },
      meetings: { held: meetings, decisionsDiscussed: { count: meetings.decisionIds.length, decisionIds: meetings.decisionIds } },
      legalityReviews: { submitted: figure('reviewsSubmitted'), opinionsByConclusion: breakdown('opinionsByConclusion'), returnsForMaterials: figure('returnsForMaterials') },
      participation: { commentRounds: figure('commentRounds'), commentsReceived: figure('commentsReceived'), commentsAdopted: figure('commentsAdopted'), hearings: figure('hearings') },
      expertPanels: figure('expertPanels'),
      riskAssessments: breakdown('riskAssessments'),
      waivers: breakdown('waivers'),
      reports: { partyCommittee: figure('partyCommittee'), peoplesCongress: figure('peoplesCongress'), publications: figure('publications') },
      postEvaluations: figure('postEvaluations'),
      deadlines: { met: byOutcome.figure('met'), overdue: byOutcome.figure('overdue'), byUnit },
    };
  }
}
