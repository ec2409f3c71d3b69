import type { DecisionRow } from '@app/persistence';
import { LastKnownProjections } from './last-known-projections';

const row = (id: string, version: number) => ({ id, version }) as DecisionRow;

describe(LastKnownProjections.name, () => {
  it('remembers the latest committed version of each decision', () => {
    const known = new LastKnownProjections(10);
    known.set(row('a', 3));
    known.set(row('a', 4));
    expect(known.get('a')?.row.version).toBe(4);
    // a slower writer finishing later with an older version does not replace the newer one
    known.set(row('a', 2));
    expect(known.get('a')?.row.version).toBe(4);
    known.delete('a');
    expect(known.get('a')).toBeUndefined();
  });

  it('forgets the least recently used decision beyond its capacity', () => {
    const known = new LastKnownProjections(2);
    known.set(row('a', 1));
    known.set(row('b', 1));
    known.get('a'); // a is used again: b is now the oldest
    known.set(row('c', 1));
    expect(known.size).toBe(2);
    expect(known.get('b')).toBeUndefined();
    expect(known.get('a')).toBeDefined();
    expect(known.get('c')).toBeDefined();
  });

  it('remembers nothing with capacity 0 (DECISION_MEMORY=0)', () => {
    const known = new LastKnownProjections(0);
    known.set(row('a', 1));
    expect(known.get('a')).toBeUndefined();
    expect(known.size).toBe(0);
  });
});
