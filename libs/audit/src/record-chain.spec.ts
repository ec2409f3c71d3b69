import { canonicalJson } from './canonical-json';
import { GENESIS_HASH, sha256Hex } from './hash-chain';
import { hashRecord, verifyRecordChain } from './record-chain';

type Entry = { seq: number; body: string; prevHash: string; hash: string };
const covered = (e: Entry) => ({ seq: e.seq, body: e.body, prevHash: e.prevHash });

function chainOf(bodies: string[]): Entry[] {
  const out: Entry[] = [];
  let prevHash = GENESIS_HASH;
  bodies.forEach((body, i) => {
    const entry = { seq: i + 1, body, prevHash, hash: '' };
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
});

describe('verifyRecordChain', () => {
  it('accepts an intact chain and counts its entries', () => {
    expect(verifyRecordChain(chainOf(['创建', '同意', '发布']), covered)).toEqual({ checked: 3 });
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
