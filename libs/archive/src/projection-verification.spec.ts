import type { ProjectionRow } from '@app/persistence';
import { projectionMismatches } from './projection-verification';

const row: ProjectionRow = {
  id: 'd1',
  title: '实施意见',
  category: 'PUBLIC_POLICY',
  summary: null,
  confidential: true,
  catalogue_item_id: null,
  involved_units: ['agri-bureau'],
  status: 'drafting',
  state_value: { drafting: 'editing' },
  version: 3,
  machine_id: 'decision',
  machine_version: 2,
  profile_id: 'default',
  profile_version: 1,
  snapshot: { value: { drafting: 'editing' }, context: { facts: { title: '实施意见' }, at: '2026-01-01T00:00:00.000Z' } },
  view: { status: 'drafting', steps: {} },
  last_hash: 'ab'.repeat(32),
};
const { snapshot, ...columns } = row;
const expected = {
  ...columns,
  'snapshot.value': { drafting: 'editing' },
  // as replay gives it: a Date, and an undefined member the stored JSON drops
  'snapshot.context': { at: new Date('2026-01-01T00:00:00.000Z'), facts: { title: '实施意见', note: undefined } },
};

describe(projectionMismatches.name, () => {
  it('finds none when the stored row says what the replay says (key order, dates as text, undefined members aside)', () => {
    expect(projectionMismatches(row, expected)).toEqual([]);
  });

  it('names every differing field, in a fixed order', () => {
    const edited = { ...row, confidential: false, title: '另一个', involved_units: [], snapshot: { ...(snapshot as object), value: 'published' } };
    expect(projectionMismatches(edited, expected)).toEqual(['title', 'confidential', 'involved_units', 'snapshot.value']);
  });

  it('counts a missing snapshot as a difference', () => {
    expect(projectionMismatches({ ...row, snapshot: null }, expected)).toEqual(['snapshot.value', 'snapshot.context']);
  });
});
