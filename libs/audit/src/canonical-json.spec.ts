import fc from 'fast-check';
import { canonicalJson, canonicalJsonOf, JsonInterner, sameJson } from './canonical-json';
import { canonicalizeByOracle } from './testing/jcs-oracle';
import jcsVectors from './testing/vectors/jcs-cyberphone.json';

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

describe(`${canonicalJson.name} against RFC 8785`, () => {
  it.each(jcsVectors.cases)('reproduces the published JCS vector "$name" byte for byte', ({ input, outhex }) => {
    expect(Buffer.from(canonicalJson(JSON.parse(input)), 'utf8').toString('hex')).toBe(outhex);
  });

  // RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text (ECMAScript Number::toString).
  const appendixB: [string, string][] = [
    ['0000000000000000', '0'], ['8000000000000000', '0'], ['0000000000000001', '5e-324'], ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'], ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'], ['c340000000000000', '-9007199254740992'], ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'], ['44b52d02c7e14af6', '1e+23'], ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'], ['444b1ae4d6e2ef4f', '999999999999999900000'], ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'], ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'], ['41b3de4355555554', '333333333.33333325'], ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'], ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'], ['43143ff3c1cb0959', '1424953923781206.2'],
    ['4340000000000001', '9007199254740994'], ['4340000000000002', '9007199254740996'],
  ];
  it.each(appendixB)('writes the double with bits %s as %s', (bits, text) => {
    expect(canonicalJson(Buffer.from(bits, 'hex').readDoubleBE(0))).toBe(text);
  });

  it('writes 1e-7 and keys outside the BMP as JCS does (issue #16), not as a code-point sort would', () => {
    expect(canonicalJson({ n: 1e-7, '\u{1F600}': 1, '\uFFFF': 2, '\uE000': 3 })).toBe('{"n":1e-7,"\u{1F600}":1,"\uE000":3,"\uFFFF":2}');
  });

  it('refuses lone surrogates in values and in keys, and BigInt', () => {
    expect(() => canonicalJson('a\uD800b')).toThrow(TypeError);
    expect(() => canonicalJson({ x: ['\uDC00'] })).toThrow(TypeError);
    expect(() => canonicalJson({ ['k\uDBFF']: 1 })).toThrow(TypeError);
    expect(() => canonicalJson(1n)).toThrow(TypeError);
    expect(canonicalJson('\uD83D\uDE00')).toBe('"\u{1F600}"');
  });

  it('agrees with an independent JCS implementation on random JSON, refusals included', () => {
    const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
    const unit = fc.oneof({ weight: 20, arbitrary: fc.string({ unit: 'binary', maxLength: 1 }) }, { weight: 1, arbitrary: lone });
    const values = fc.sample(
      fc.oneof(fc.jsonValue({ stringUnit: 'binary' }), fc.jsonValue({ stringUnit: unit }), fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }))),
      { seed: 20261127, numRuns: 600 },
    );
    const mine = values.map((v) => {
      try {
        return canonicalJson(v);
      } catch {
        return null;
      }
    });
    expect(mine.filter((m) => m === null).length).toBeGreaterThan(0);
    expect(mine).toEqual(canonicalizeByOracle(values));
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
