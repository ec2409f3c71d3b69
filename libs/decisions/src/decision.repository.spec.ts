import { DecisionRepository, planDeadlines, type OpenDeadline } from './decision.repository';

describe('DecisionRepository.lockStatement (the decision id is inlined into SQL)', () => {
  const repo = new DecisionRepository();

  it.each(['0b3e1f52-7c1a-4d7e-9a55-2f0c7d1e9b10', '0B3E1F52-7C1A-4D7E-9A55-2F0C7D1E9B10', '00000000-0000-0000-0000-000000000000'])('inlines the UUID %s', (id) => {
    expect(repo.lockStatement(id)).toBe(`SELECT * FROM decisions WHERE id = '${id}' FOR UPDATE`);
  });

  it.each([
    '',
    "0b3e1f52-7c1a-4d7e-9a55-2f0c7d1e9b10' OR '1'='1",
    "'; DROP TABLE decisions; --",
    '0b3e1f52-7c1a-4d7e-9a55-2f0c7d1e9b10\n',
    ' 0b3e1f52-7c1a-4d7e-9a55-2f0c7d1e9b10',
    '{0b3e1f52-7c1a-4d7e-9a55-2f0c7d1e9b10}',
    '0b3e1f527c1a4d7e9a552f0c7d1e9b10',
    '0b3e1f52-7c1a-4d7e-9a55-2f0c7d1e9b1g',
  ])('refuses anything but a hyphenated UUID: %j', (id) => {
    expect(repo.lockStatement(id)).toBeUndefined();
  });
});

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
