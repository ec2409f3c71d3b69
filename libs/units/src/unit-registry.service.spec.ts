import type { Clock } from '@app/common';
import type { SqlExecutor, UnitRepository, UnitRow } from '@app/persistence';
import { UnitRegistry } from './unit-registry.service';

const row = (id: string, name = id): UnitRow => ({
  jurisdiction: 'county', id, name, kind: 'OTHER', legacy_names: [], version: 1, last_hash: '0'.repeat(64), created_at: new Date(0), updated_at: new Date(0),
});

/** A unit repository whose pooled reads wait until released (a pool with every connection held), and whose reads on a caller's connection answer at once. */
function repository(pooledRows: UnitRow[], heldRows: UnitRow[]) {
  let release!: () => void;
  const poolFree = new Promise<void>((resolve) => (release = resolve));
  const reads: ('pool' | 'held')[] = [];
  const units = {
    all: async (_jurisdiction: string, em?: SqlExecutor) => {
      reads.push(em ? 'held' : 'pool');
      if (em) return heldRows;
      await poolFree;
      return pooledRows;
    },
  } as unknown as UnitRepository;
  return { units, reads, release };
}

const clock = { now: () => new Date() } as unknown as Clock;
const held = { query: async () => [] } satisfies SqlExecutor;

describe('UnitRegistry.ready', () => {
  it('reads on the connection its caller holds, without waiting for a pooled read under way', async () => {
    const { units, reads, release } = repository([row('a')], [row('a'), row('b')]);
    const registry = new UnitRegistry(units, clock);
    const pooled = registry.ready('county');
    // the pool is exhausted: a caller holding a connection still gets its answer
    const directory = await registry.ready('county', undefined, held);
    expect(directory.has('b')).toBe(true);
    expect(reads).toEqual(['pool', 'held']);
    release();
    await pooled;
    // the later read's copy stays
    expect(registry.directory('county').has('b')).toBe(true);
  });

  it('shares one read among callers holding no connection, and a read on a held connection with everyone', async () => {
    const { units, reads, release } = repository([row('a')], [row('a')]);
    const registry = new UnitRegistry(units, clock);
    const first = registry.ready('county');
    const second = registry.ready('county');
    release();
    await Promise.all([first, second]);
    expect(reads).toEqual(['pool']);
    const onHeld = registry.fresh('county', held);
    await Promise.all([onHeld, registry.fresh('county')]);
    expect(reads).toEqual(['pool', 'held']);
  });

  it('keeps its copy until it ages', async () => {
    const { units, reads, release } = repository([row('a')], [row('a')]);
    release();
    const registry = new UnitRegistry(units, clock);
    await registry.ready('county');
    await registry.ready('county', undefined, held);
    expect(reads).toEqual(['pool']);
  });
});
