import { jsonObjectChunks, type JsonStreamField } from './json-stream';

async function text(fields: JsonStreamField[], space?: number): Promise<string> {
  let out = '';
  for await (const chunk of jsonObjectChunks(fields, space)) out += chunk;
  return out;
}

async function* batches<T>(...parts: T[][]) {
  for (const p of parts) yield p;
}

describe(jsonObjectChunks.name, () => {
  const events = [{ seq: 1, payload: { a: [1, { b: '第二\n行' }], n: null } }, { seq: 2, payload: {} }, { seq: 3, payload: { x: 'y' } }];
  const whole = { format: 'f/1', decision: { id: 'd', nested: { deep: [1, 2] } }, skipped: undefined, events, materials: [{ id: 'm' }], empty: [] };

  it.each([0, 2])('writes what JSON.stringify writes (space %i), arrays batch by batch', async (space) => {
    const fields: JsonStreamField[] = [
      { key: 'format', value: whole.format },
      { key: 'decision', value: whole.decision },
      { key: 'skipped', value: undefined },
      { key: 'events', items: batches(events.slice(0, 2), [], events.slice(2)) },
      { key: 'materials', items: batches([{ id: 'm' }]) },
      { key: 'empty', items: batches() },
    ];
    const out = await text(fields, space);
    expect(out).toBe(JSON.stringify(whole, null, space));
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(whole)));
  });

  it('writes an empty object and an object with only a streamed array', async () => {
    expect(await text([], 2)).toBe(JSON.stringify({}, null, 2));
    expect(await text([{ key: 'events', items: batches([1], [2, 3]) }])).toBe('{"events":[1,2,3]}');
  });

  it('yields one chunk per non-empty batch, never the whole array', async () => {
    const chunks: string[] = [];
    for await (const c of jsonObjectChunks([{ key: 'events', items: batches([1, 2], [3], [4]) }])) chunks.push(c);
    expect(chunks).toEqual(['{"events":[', '1,2', ',3', ',4', ']}']);
  });
});
