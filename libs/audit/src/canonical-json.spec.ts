import { canonicalJson, canonicalJsonOf, JsonInterner, sameJson } from './canonical-json';

describe(canonicalJson.name, () => {
  it('sorts keys at every level and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: '中文' } })).toBe('{"a":{"c":"中文","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('orders keys by UTF-16 code units (RFC 8785), not by locale', () => {
    expect(canonicalJson({ '\u{1F600}': 1, '\uFFFF': 2, a: 3, B: 4 })).toBe('{"B":4,"a":3,"\u{1F600}":1,"\uFFFF":2}');
  });

  it('omits undefined members, writes undefined array items as null, dates as ISO strings', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1], c: new Date('2026-01-01T00:00:00Z') })).toBe('{"b":[null,1],"c":"2026-01-01T00:00:00.000Z"}');
  });

  it('escapes strings exactly as JSON.stringify does', () => {
    const s = 'quote " backslash \\ newline \n tab \t 控制\u0001';
    expect(canonicalJson(s)).toBe(JSON.stringify(s));
  });

  it('equals the compact sorted output of a standard JSON library for stored shapes', () => {
    const value = { seq: 3, payload: { experts: [{ name: '王教授', hasDirectInterest: false }] }, stateAfter: { drafting: { riskAssessment: 'pending' } } };
    const sortDeep = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sortDeep) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as any)[k])])) : v;
    expect(canonicalJson(value)).toBe(JSON.stringify(sortDeep(value)));
  });

  it('refuses NaN and Infinity, which JSON cannot carry', () => {
    expect(() => canonicalJson({ a: NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Infinity])).toThrow(TypeError);
  });
});

describe(sameJson.name, () => {
  it('compares JSON values regardless of key order, and tells different ones apart', () => {
    expect(sameJson({ a: 1, b: { c: [1, 'x'] } }, { b: { c: [1, 'x'] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1, u: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
    expect(sameJson('drafting', { drafting: {} })).toBe(false);
  });
});

describe(JsonInterner.name, () => {
  it('gives one deep-frozen value per distinct text, whose canonical JSON is the canonical JSON of the text', () => {
    const interner = new JsonInterner();
    const text = '{"sub":"u1","roles":["drafter"],"unit":"agri-bureau"}';
    const a = interner.parse(text) as { roles: string[] };
    expect(interner.parse(text)).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.roles)).toBe(true);
    expect(() => a.roles.push('head')).toThrow(TypeError);
    expect(canonicalJsonOf(a)).toBe('{"roles":["drafter"],"sub":"u1","unit":"agri-bureau"}');
    expect(interner.parse('{"unit":"agri-bureau","sub":"u1","roles":["drafter"]}')).not.toBe(a);
  });

  it('stops remembering texts beyond its bound, and still parses them', () => {
    const interner = new JsonInterner(1);
    expect(interner.parse('"a"')).toBe('a');
    const b = interner.parse('{"b":1}');
    expect(interner.parse('{"b":1}')).not.toBe(b);
    expect(interner.parse('{"b":1}')).toEqual(b);
  });

  it('interns built values too; canonicalJsonOf of anything else is canonicalJson', () => {
    const ref = new JsonInterner().intern({ version: 1, id: 'major-decision' });
    expect(Object.isFrozen(ref)).toBe(true);
    expect(canonicalJsonOf(ref)).toBe('{"id":"major-decision","version":1}');
    const plain = { b: [1, { d: 2, c: 3 }], a: null };
    expect(canonicalJsonOf(plain)).toBe(canonicalJson(plain));
    expect(canonicalJsonOf('x')).toBe('"x"');
  });
});
