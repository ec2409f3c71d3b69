import { statisticsRows } from './statistics-rows';
import type { AnnualStatistics } from './statistics.types';

const fig = (count: number, ...decisionIds: string[]) => ({ count, decisionIds });

describe(statisticsRows.name, () => {
  it('lists the figures in report order with their breakdowns in words and the decisions behind each', () => {
    const rows = statisticsRows({
      year: 2026,
      jurisdiction: 'county-a',
      computedAt: '2026-12-31T00:00:00Z',
      decisions: { registered: fig(3, 'a', 'b', 'c'), byCategory: { PUBLIC_POLICY: fig(2, 'a', 'b') }, byOutcome: { ADOPTED: fig(1, 'a') } },
      meetings: { held: fig(24, 'a'), decisionsDiscussed: fig(1, 'a') },
      legalityReviews: { submitted: fig(108, 'a'), opinionsByConclusion: { LAWFUL: fig(1, 'a') }, returnsForMaterials: fig(0) },
      participation: { commentRounds: fig(45, 'b'), commentsReceived: fig(120, 'b'), commentsAdopted: fig(7, 'b'), hearings: fig(1, 'b') },
      expertPanels: fig(1, 'a'),
      riskAssessments: { LOW: fig(1, 'a') },
      waivers: { CONFIDENTIAL: fig(1, 'c') },
      reports: { partyCommittee: fig(1, 'a'), peoplesCongress: fig(0), publications: fig(1, 'a') },
      postEvaluations: fig(0),
      deadlines: { met: fig(5, 'a'), overdue: fig(1, 'b'), byUnit: { 'agri-bureau': { met: fig(5, 'a'), overdue: fig(1, 'b') } } },
    } satisfies AnnualStatistics, (id) => (id === 'agri-bureau' ? '县农业农村局' : id));
    expect(rows[0]).toEqual({ key: 'decisions.registered', section: '决策事项', label: '登记的决策事项', count: 3, decisionIds: ['a', 'b', 'c'] });
    expect(rows.find((r) => r.key === 'decisions.byCategory.PUBLIC_POLICY')?.label).toBe('按类别：重大公共政策和措施');
    expect(rows.find((r) => r.key === 'participation.commentsReceived')?.count).toBe(120);
    expect(rows.filter((r) => r.section === '期限')).toHaveLength(4);
    expect(rows.find((r) => r.key === 'deadlines.byUnit.agri-bureau.overdue')?.label).toContain('县农业农村局');
  });
});
