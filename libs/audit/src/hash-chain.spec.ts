import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json';
import { ChainVerifier, GENESIS_HASH, hashEvent, hashInput, sha256Hex, type ChainedEvent } from './hash-chain';

// A fixed seed keeps CI reproducible; set FC_SEED to explore other values locally.
const fcSeed = Number(process.env.FC_SEED ?? 20261127);

/** A trail of n entries; `envelope(seq)` adds alg/calendar to an entry. */
function chain(n: number, envelope: (seq: number) => Pick<ChainedEvent, 'alg' | 'calendar'> = () => ({})): (ChainedEvent & { hash: string })[] {
  const out: (ChainedEvent & { hash: string })[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e: ChainedEvent = {
      ...envelope(seq),
      decisionId: 'd-1',
      seq,
      type: seq === 1 ? 'CREATE_DECISION' : 'REVISE_DRAFT',
      payload: { text: `第${seq}稿` },
      actor: { sub: 'u1', name: '张三', roles: ['drafter'], unit: 'agri-bureau', jurisdiction: 'county-a' },
      occurredAt: new Date(Date.UTC(2026, 0, seq)).toISOString(),
      stateBefore: seq === 1 ? null : 'drafting',
      stateAfter: 'drafting',
      machine: { id: 'major-decision', version: 1 },
      profile: { id: 'national', version: 1 },
      prevHash,
    };
    const hash = hashEvent(e);
    out.push({ ...e, hash });
    prevHash = hash;
  }
  return out;
}

describe(ChainVerifier.name, () => {
  it('accepts an intact chain', () => {
    const v = new ChainVerifier('d-1');
    expect(chain(5).map((e) => v.feed(e))).toEqual([null, null, null, null, null]);
    expect(v.checked).toBe(5);
  });

  it('finds an altered payload at its seq, and reports that break once', () => {
    const events = chain(5);
    events[2] = { ...events[2], payload: { text: '被篡改' } };
    const v = new ChainVerifier('d-1');
    const breaks = events.map((e) => v.feed(e)).filter(Boolean);
    expect(breaks).toEqual([{ seq: 3, reason: expect.stringContaining('hash mismatch') }]);
  });

  it('finds a gap, a re-linked entry and a removed first event', () => {
    const events = chain(4);
    const gap = new ChainVerifier('d-1');
    expect([events[0], events[2]].map((e) => gap.feed(e))[1]).toEqual({ seq: 3, reason: expect.stringContaining('sequence gap') });
    const relinked = new ChainVerifier('d-1');
    relinked.feed(events[0]);
    expect(relinked.feed({ ...events[1], prevHash: 'f'.repeat(64) })).toEqual({ seq: 2, reason: expect.stringContaining('prev_hash') });
    expect(new ChainVerifier('d-1').feed(events[1])).toEqual({ seq: 2, reason: expect.stringContaining('expected seq 1') });
  });
});

describe(`${ChainVerifier.name} across algorithms`, () => {
  it('verifies a mixed trail: SHA-256 entries without alg, then SM3 entries that name it', () => {
    const events = chain(6, (seq) => (seq > 3 ? { alg: 'sm3', calendar: 'cn-2026.2' } : {}));
    const v = new ChainVerifier('d-1');
    expect(events.map((e) => v.feed(e))).toEqual([null, null, null, null, null, null]);
    expect(events[4].hash).toBe(createHash('sm3').update(hashInput(events[4]), 'utf8').digest('hex'));
  });

  it('finds an entry whose algorithm was changed after the fact, and one naming an unknown algorithm', () => {
    const events = chain(3, (seq) => (seq === 3 ? { alg: 'sm3' } : {}));
    const swapped = new ChainVerifier('d-1');
    expect([events[0], events[1], { ...events[2], alg: 'sha256' as const }].map((e) => swapped.feed(e))[2]).toEqual({ seq: 3, reason: expect.stringContaining('hash mismatch') });
    const unknown = new ChainVerifier('d-1');
    expect([events[0], events[1], { ...events[2], alg: 'md5' as never }].map((e) => unknown.feed(e))[2]).toEqual({ seq: 3, reason: expect.stringContaining('unknown hash algorithm') });
  });

  it('reports an entry that cannot be written as canonical JSON (a lone surrogate) as a break, not a crash', () => {
    const events = chain(2);
    const v = new ChainVerifier('d-1');
    v.feed(events[0]);
    expect(v.feed({ ...events[1], payload: { text: '\uD800' } })).toEqual({ seq: 2, reason: expect.stringContaining('lone surrogate') });
  });
});

describe(hashEvent.name, () => {
  it('gives an entry without alg and calendar the hash it had before they existed', () => {
    // Pinned with the code of commit 2434112, before alg/calendar were added.
    const e: ChainedEvent = {
      decisionId: 'd-1', seq: 1, type: 'CREATE_DECISION', payload: { text: '第1稿', n: 1e-7 },
      actor: { sub: 'u1', name: '张三', roles: ['drafter'], unit: 'agri-bureau', jurisdiction: 'county-a' },
      occurredAt: '2026-01-01T00:00:00.000Z', stateBefore: null, stateAfter: 'drafting',
      machine: { id: 'major-decision', version: 1 }, profile: { id: 'national', version: 1 }, prevHash: GENESIS_HASH,
    };
    expect(hashEvent(e)).toBe('b5cf441ca85d841253836e1008306eccb05070dcad61500953bbe7e226121f71');
  });

  it('hashes alg and calendar when present, in canonical key order', () => {
    const [e] = chain(1, () => ({ alg: 'sm3', calendar: 'cn-2026.2' }));
    expect(hashInput(e).startsWith('{"actor":{"jurisdiction":"county-a"')).toBe(true);
    expect(hashInput(e)).toContain('},"alg":"sm3","calendar":"cn-2026.2","decisionId":"d-1",');
    expect(hashEvent({ ...e, calendar: 'cn-2026.3' })).not.toBe(e.hash);
  });

  it('is SHA-256 over the canonical JSON of exactly the documented fields', () => {
    const [e] = chain(1);
    expect(hashEvent(e)).toBe(sha256Hex(hashInput(e)));
    expect(hashInput(e).startsWith('{"actor":{"jurisdiction":"county-a"')).toBe(true);
    expect(hashEvent({ ...e, extra: 'ignored' } as ChainedEvent)).toBe(e.hash);
  });

  it('hashes the canonical JSON of the covered fields, whatever their values (undefined members left out)', () => {
    const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);
    const entry = fc.record({
      alg: fc.option(fc.constantFrom('sha256' as const, 'sm3' as const), { nil: undefined }),
      calendar: fc.option(fc.string(), { nil: undefined }),
      decisionId: fc.string(),
      seq: fc.integer({ min: 1 }),
      type: fc.string(),
      payload: json,
      actor: fc.record({ sub: fc.string(), name: fc.string(), roles: fc.array(fc.string()), unit: fc.string(), jurisdiction: fc.string() }),
      occurredAt: fc.string(),
      stateBefore: fc.option(json, { nil: undefined }),
      stateAfter: json,
      machine: fc.record({ id: fc.string(), version: fc.integer() }),
      profile: fc.record({ id: fc.string(), version: fc.integer() }),
      prevHash: fc.string(),
    });
    fc.assert(
      fc.property(entry, (e) => {
        const { alg, calendar, decisionId, seq, type, payload, actor, occurredAt, stateBefore, stateAfter, machine, profile, prevHash } = e;
        const expected = canonicalJson({ alg, calendar, decisionId, seq, type, payload, actor, occurredAt, stateBefore, stateAfter, machine, profile, prevHash });
        expect(hashInput(e)).toBe(expected);
        expect(hashEvent(e)).toBe(createHash(alg ?? 'sha256').update(expected, 'utf8').digest('hex'));
      }),
      { seed: fcSeed, numRuns: 300 },
    );
  });
});

describe(sha256Hex.name, () => {
  it('is the SHA-256 of the UTF-8 bytes of text, and of raw bytes', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('重大行政决策')).toBe(createHash('sha256').update(Buffer.from('重大行政决策', 'utf8')).digest('hex'));
    expect(sha256Hex(new Uint8Array([1, 2, 3]))).toBe(createHash('sha256').update(new Uint8Array([1, 2, 3])).digest('hex'));
  });
});
