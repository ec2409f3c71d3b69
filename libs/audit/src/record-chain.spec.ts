import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { GENESIS_HASH, sha256Hex } from './hash-chain';
import { hashRecord, sealRecord, verifyRecordChain } from './record-chain';

type Entry = { alg?: 'sha256' | 'sm3'; seq: number; body: string; prevHash: string; hash: string };
const covered = (e: Entry) => ({ alg: e.alg, seq: e.seq, body: e.body, prevHash: e.prevHash });

function chainOf(bodies: string[], alg?: (i: number) => Entry['alg']): Entry[] {
  const out: Entry[] = [];
  let prevHash = GENESIS_HASH;
  bodies.forEach((body, i) => {
    const entry: Entry = { alg: alg?.(i), seq: i + 1, body, prevHash, hash: '' };
    entry.hash = hashRecord(covered(entry));
    prevHash = entry.hash;
    out.push(entry);
  });
  return out;
}

describe('hashRecord', () => {
  it('is the SHA-256 of the canonical JSON, independent of key order', () => {
    expect(hashRecord({ b: 1, a: '决策' })).toBe(sha256Hex(canonicalJson({ a: '决策', b: 1 })));
    expect(hashRecord({ b: 1, a: 2 })).toBe(hashRecord({ a: 2, b: 1 }));
  });

  it('uses the record\'s own alg, hashed with the rest', () => {
    expect(hashRecord({ alg: 'sm3', a: 1 })).toBe(createHash('sm3').update('{"a":1,"alg":"sm3"}').digest('hex'));
  });
});

describe('verifyRecordChain', () => {
  it('accepts an intact chain and counts its entries', () => {
    expect(verifyRecordChain(chainOf(['创建', '同意', '发布']), covered)).toEqual({ checked: 3 });
  });

  it('accepts a trail whose later entries are SM3, and reports one whose algorithm is unknown', () => {
    const chain = chainOf(['创建', '同意', '发布'], (i) => (i > 0 ? 'sm3' : undefined));
    expect(verifyRecordChain(chain, covered)).toEqual({ checked: 3 });
    chain[2].alg = 'sha1' as never;
    expect(verifyRecordChain(chain, covered).firstBroken).toEqual({ seq: 3, reason: expect.stringContaining('unknown hash algorithm') });
  });

  it('reports an altered entry at its seq', () => {
    const chain = chainOf(['创建', '同意', '发布']);
    chain[1].body = '篡改';
    expect(verifyRecordChain(chain, covered).firstBroken).toEqual({ seq: 2, reason: expect.stringContaining('hash mismatch') });
  });

  it('reports a gap and a broken link', () => {
    const chain = chainOf(['a', 'b', 'c']);
    expect(verifyRecordChain([chain[0], chain[2]], covered).firstBroken?.reason).toContain('sequence gap');
    const relinked = chainOf(['a', 'b']);
    relinked[1].prevHash = GENESIS_HASH;
    expect(verifyRecordChain(relinked, covered).firstBroken?.reason).toContain('prev_hash');
  });
});

describe('sealRecord', () => {
  interface Entry { seq: number; payload: unknown; actor: { sub: string; name: string; roles: string[]; unit: string; jurisdiction: string }; prevHash: string }
  const covered = (e: Entry): Entry => ({ seq: e.seq, payload: e.payload, actor: e.actor, prevHash: e.prevHash });

  it('hashes the entry as it will be stored: the actor reduced to its recorded members, the payload to plain JSON', () => {
    class When { constructor(readonly at: Date) {} }
    const actor = { sub: 'u1', name: '王五', roles: ['secretary'], unit: 'gov-office', jurisdiction: 'county-a', token: 'never hashed' };
    const sealed = sealRecord<Entry>({ seq: 1, payload: { when: new When(new Date('2026-12-01T00:00:00Z')), gone: undefined }, actor, prevHash: GENESIS_HASH }, covered);
    const stored = { seq: 1, payload: { when: { at: '2026-12-01T00:00:00.000Z' } }, actor: { sub: 'u1', name: '王五', roles: ['secretary'], unit: 'gov-office', jurisdiction: 'county-a' }, prevHash: GENESIS_HASH };
    expect(sealed).toEqual({ ...stored, hash: createHash('sha256').update(canonicalJson(stored)).digest('hex') });
    expect(verifyRecordChain([sealed], covered)).toEqual({ checked: 1 });
  });
});
