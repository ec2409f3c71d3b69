import type { OpenDeadline } from '@app/persistence';
import type { DeadlineSpec } from '@app/procedure';
import { recomputeOpenDeadlines } from './deadline-recomputation';

const open = (key: string, dueAt: string, provisional = true): OpenDeadline => ({ id: `id-${key}`, key, kind: key.split(':')[0], dueAt, ...(provisional ? { provisional: true as const } : {}) });
const spec = (key: string, dueAt: string, provisional = false): DeadlineSpec => ({ key, kind: key.split(':')[0] as DeadlineSpec['kind'], dueAt, ...(provisional ? { provisional: true as const } : {}) });

describe(recomputeOpenDeadlines.name, () => {
  it('lists a provisional deadline the newer calendar dates otherwise, or makes exact', () => {
    const changes = recomputeOpenDeadlines(
      [open('LEGALITY_REVIEW_DUE:r1:s1', '2027-03-02T02:00:00.000Z'), open('EXECUTION_DUE:r1:u', '2027-02-10T02:00:00.000Z')],
      [spec('LEGALITY_REVIEW_DUE:r1:s1', '2027-02-26T02:00:00.000Z'), spec('EXECUTION_DUE:r1:u', '2027-02-10T02:00:00.000Z')],
    );
    expect(changes).toEqual([
      { key: 'LEGALITY_REVIEW_DUE:r1:s1', kind: 'LEGALITY_REVIEW_DUE', previousDueAt: '2027-03-02T02:00:00.000Z', dueAt: '2027-02-26T02:00:00.000Z', provisional: false },
      { key: 'EXECUTION_DUE:r1:u', kind: 'EXECUTION_DUE', previousDueAt: '2027-02-10T02:00:00.000Z', dueAt: '2027-02-10T02:00:00.000Z', provisional: false },
    ]);
  });

  it('leaves alone exact deadlines and provisional ones the calendar still dates the same', () => {
    expect(
      recomputeOpenDeadlines(
        [open('A:r1', '2027-03-02T02:00:00.000Z', false), open('B:r1', '2028-03-02T02:00:00.000Z')],
        [spec('A:r1', '2027-03-01T02:00:00.000Z'), spec('B:r1', '2028-03-02T02:00:00.000Z', true)],
      ),
    ).toEqual([]);
  });

  it('closes a provisional reminder no longer owed (its new time has passed)', () => {
    expect(recomputeOpenDeadlines([open('A:r1:reminder', '2027-03-02T02:00:00.000Z')], [])).toEqual([
      { key: 'A:r1:reminder', kind: 'A', previousDueAt: '2027-03-02T02:00:00.000Z', dueAt: null, provisional: false },
    ]);
  });
});
