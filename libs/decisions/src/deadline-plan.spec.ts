import type { OpenDeadline } from '@app/persistence';
import { planDeadlines } from './deadline-plan';

describe(planDeadlines.name, () => {
  const open: OpenDeadline[] = [
    { id: 'id-a', key: 'a', kind: 'EXECUTION_DUE', dueAt: '2027-01-02T00:00:00.000Z' },
    { id: 'id-b', key: 'b', kind: 'EXECUTION_REPORT_DUE', dueAt: '2027-01-03T00:00:00.000Z' },
  ];

  it('changes nothing when the same deadlines are owed', () => {
    expect(planDeadlines(open, [{ key: 'b', kind: 'EXECUTION_REPORT_DUE', dueAt: '2027-01-03T00:00:00.000Z' }, { key: 'a', kind: 'EXECUTION_DUE', dueAt: '2027-01-02T00:00:00.000Z' }])).toEqual({ close: [], kept: open, opening: [] });
  });

  it('closes deadlines no longer owed and opens new ones with fresh ids', () => {
    const plan = planDeadlines(open, [{ key: 'b', kind: 'EXECUTION_REPORT_DUE', dueAt: '2027-01-03T00:00:00.000Z' }, { key: 'c', kind: 'LEGALITY_REVIEW_DUE', dueAt: '2027-02-01T08:00:00+08:00', fireEvent: 'LEGALITY_REVIEW_OVERDUE' as never, provisional: true }]);
    expect(plan.close).toEqual(['id-a']);
    expect(plan.kept).toEqual([open[1]]);
    expect(plan.opening).toEqual([{ id: expect.stringMatching(/^[0-9a-f-]{36}$/), key: 'c', kind: 'LEGALITY_REVIEW_DUE', dueAt: '2027-02-01T00:00:00.000Z', fireEvent: 'LEGALITY_REVIEW_OVERDUE' as never, provisional: true }]);
  });
});
