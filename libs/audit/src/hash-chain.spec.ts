import { ChainVerifier, GENESIS_HASH, hashEvent, hashInput, sha256Hex, type ChainedEvent } from './hash-chain';

function chain(n: number): (ChainedEvent & { hash: string })[] {
  const out: (ChainedEvent & { hash: string })[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e: ChainedEvent = {
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

describe(hashEvent.name, () => {
  it('is SHA-256 over the canonical JSON of exactly the documented fields', () => {
    const [e] = chain(1);
    expect(hashEvent(e)).toBe(sha256Hex(hashInput(e)));
    expect(hashInput(e).startsWith('{"actor":{"jurisdiction":"county-a"')).toBe(true);
    expect(hashEvent({ ...e, extra: 'ignored' } as ChainedEvent)).toBe(e.hash);
  });
});
