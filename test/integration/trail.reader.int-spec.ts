import { hashEvent } from '@app/audit';
import { readTrail, type TrailEntry, type TrailScope } from '@app/persistence';

import { seededTrail, type SeededTrail } from '../support/seeded-trail';

jest.setTimeout(60_000);

describe(readTrail.name, () => {
  const jurisdiction = 'county-trail-reader';
  let session: SeededTrail['session'];
  let ids: string[];

  beforeAll(async () => {
    ({ session, ids } = await seededTrail(jurisdiction, 3, 12));
  });
  afterAll(() => session?.end());

  async function read(scope: TrailScope, batchSize: number): Promise<{ batches: number[]; events: TrailEntry[] }> {
    const batches: number[] = [];
    const events: TrailEntry[] = [];
    for await (const batch of readTrail(session, scope, batchSize)) {
      batches.push(batch.length);
      events.push(...batch);
    }
    return { batches, events };
  }

  it('reads one decision oldest first across batches, as the hash covers it, up to toSeq', async () => {
    const { batches, events } = await read({ decisionId: ids[0] }, 5);
    expect(batches).toEqual([5, 5, 2]);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    for (const e of events) expect(hashEvent(e)).toBe(e.hash);
    expect(events[0]).toMatchObject({ decisionId: ids[0], type: 'CREATE_DECISION', stateBefore: null, machine: { id: 'major-decision', version: 1 } });
    expect(events[0].occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect((await read({ decisionId: ids[0], toSeq: 7 }, 5)).events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('reads a jurisdiction, or an id range of it, in (decision id, seq) order', async () => {
    const all = await read({ jurisdiction }, 10);
    expect(all.batches).toEqual([10, 10, 10, 6]);
    expect(all.events.map((e) => `${e.decisionId}:${e.seq}`)).toEqual(ids.flatMap((id) => Array.from({ length: 12 }, (_, i) => `${id}:${i + 1}`)));
    const middle = await read({ jurisdiction, range: { after: ids[0], upTo: ids[1] } }, 10);
    expect(new Set(middle.events.map((e) => e.decisionId))).toEqual(new Set([ids[1]]));
    expect(middle.events).toHaveLength(12);
  });
});
