import { t, words } from '../i18n';
import type { AnnualStatistics, Breakdown, Figure } from './statistics.types';

/** One line of the report: its section, its label in words, the number, the decisions behind it. */
export interface StatisticsRow {
  key: string;
  section: string;
  label: string;
  count: number;
  decisionIds: string[];
}

const f = t.statistics.figures;

/** The figures as rows in report order, breakdowns expanded with their values in words, units by their names. */
export function statisticsRows(s: AnnualStatistics, unitName: (id: string) => string = (id) => id): StatisticsRow[] {
  const rows: StatisticsRow[] = [];
  const one = (section: string, key: string, label: string, figure: Figure | undefined) => {
    if (figure) rows.push({ key, section: t.statistics.sections[section] ?? section, label, count: figure.count, decisionIds: figure.decisionIds });
  };
  const many = (section: string, key: string, label: string, breakdown: Breakdown | undefined, names: Record<string, string>) => {
    for (const [value, figure] of Object.entries(breakdown ?? {})) one(section, `${key}.${value}`, `${label}：${words(names, value)}`, figure);
  };
  one('decisions', 'decisions.registered', f.registered, s.decisions?.registered);
  many('decisions', 'decisions.byCategory', f.byCategory, s.decisions?.byCategory, t.categories);
  many('decisions', 'decisions.byOutcome', f.byOutcome, s.decisions?.byOutcome, t.values);
  one('meetings', 'meetings.held', f.meetingsHeld, s.meetings?.held);
  one('meetings', 'meetings.decisionsDiscussed', f.decisionsDiscussed, s.meetings?.decisionsDiscussed);
  one('legalityReviews', 'legalityReviews.submitted', f.reviews, s.legalityReviews?.submitted);
  many('legalityReviews', 'legalityReviews.opinionsByConclusion', f.opinionsByConclusion, s.legalityReviews?.opinionsByConclusion, t.values);
  one('legalityReviews', 'legalityReviews.returnsForMaterials', f.returnsForMaterials, s.legalityReviews?.returnsForMaterials);
  one('participation', 'participation.commentRounds', f.commentRounds, s.participation?.commentRounds);
  one('participation', 'participation.commentsReceived', f.commentsReceived, s.participation?.commentsReceived);
  one('participation', 'participation.commentsAdopted', f.commentsAdopted, s.participation?.commentsAdopted);
  one('participation', 'participation.hearings', f.hearings, s.participation?.hearings);
  one('experts', 'expertPanels', f.expertPanels, s.expertPanels);
  many('risk', 'riskAssessments', f.riskAssessments, s.riskAssessments, t.values);
  many('waivers', 'waivers', f.waiversByGround, s.waivers, t.values);
  one('reports', 'reports.partyCommittee', f.partyCommitteeReports, s.reports?.partyCommittee);
  one('reports', 'reports.peoplesCongress', f.peoplesCongressReports, s.reports?.peoplesCongress);
  one('reports', 'reports.publications', f.publications, s.reports?.publications);
  one('postEvaluations', 'postEvaluations', f.postEvaluations, s.postEvaluations);
  one('deadlines', 'deadlines.met', f.deadlinesMet, s.deadlines?.met);
  one('deadlines', 'deadlines.overdue', f.deadlinesOverdue, s.deadlines?.overdue);
  for (const [unit, byUnit] of Object.entries(s.deadlines?.byUnit ?? {})) {
    one('deadlines', `deadlines.byUnit.${unit}.met`, `${f.byUnit}：${unitName(unit)} ${f.deadlinesMet}`, byUnit.met);
    one('deadlines', `deadlines.byUnit.${unit}.overdue`, `${f.byUnit}：${unitName(unit)} ${f.deadlinesOverdue}`, byUnit.overdue);
  }
  return rows;
}
