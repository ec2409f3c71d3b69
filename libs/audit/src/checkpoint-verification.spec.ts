import fc from 'fast-check';
import { canonicalJson } from './canonical-json';
import { checkpointsConsistent, verifyTreeAgainstCheckpoints } from './checkpoint-verification';
import { consistencyProof, memorySubtreeHashes } from './merkle-proofs';
import { cryptoProvider, type CryptoProfileId } from './crypto-provider';
import { digestHex } from './hash-algorithms';
import { MerkleFrontier } from './merkle-tree';
import { NoteError, verifierKeyOf } from './signed-note';
import { openCheckpoint, signCheckpoint } from './tlog-checkpoint';
import { trailLeafData, trailLeafHash, type TrailLeaf } from './trail-leaf';

const ORIGIN = 'decisions.example.gov.cn/county-a';

/** 30 leaves: decisions d-a, d-b, the catalogue c-2026 and decision d-c in turn, each trail's seqs from 1. */
function leaves(): TrailLeaf[] {
  const trails: [TrailLeaf['trail'], string][] = [['decision', 'd-a'], ['decision', 'd-b'], ['catalogue', 'c-2026'], ['decision', 'd-c']];
  const seq = new Map<string, number>();
  return Array.from({ length: 30 }, (_, i) => {
    const [trail, id] = trails[i % 4];
    const n = (seq.get(id) ?? 0) + 1;
    seq.set(id, n);
    return { trail, id, seq: n, hash: digestHex('sha256', `${id}/${n}`) };
  });
}

async function fixture(profile: CryptoProfileId, sizes = [10, 30]) {
  const provider = cryptoProvider(profile);
  const signer = provider.softwareSigner(ORIGIN, provider.generateKeyPair().privateKey);
  const all = leaves();
  const notes: string[] = [];
  for (const size of sizes) {
    const frontier = new MerkleFrontier(provider.merkle);
    all.slice(0, size).forEach((l) => frontier.append(trailLeafHash(provider.merkle, l)));
    notes.push(await signCheckpoint({ origin: ORIGIN, size, root: frontier.root(), hash: provider.profile.hash, time: `2026-11-24T07:00:${String(size).padStart(2, '0')}.000Z` }, [signer]));
  }
  const verify = (tree: TrailLeaf[] | AsyncIterable<TrailLeaf>, checkpointNotes = notes) => verifyTreeAgainstCheckpoints({ leaves: tree, checkpointNotes, keys: [verifierKeyOf(signer)], origin: ORIGIN });
  return { all, notes, verify };
}

describe(verifyTreeAgainstCheckpoints.name, () => {
  it.each<CryptoProfileId>(['default', 'gm'])('accepts an intact tree (%s profile), streamed, and gives its root', async (profile) => {
    const { all, verify } = await fixture(profile);
    async function* stream() {
      yield* all;
    }
    const report = await verify(stream());
    expect(report).toMatchObject({ ok: true, treeSize: 30, checkpoints: [{ size: 10, matches: true }, { size: 30, matches: true }] });
    expect(report.root).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('reports tail truncation at the first missing leaf', async () => {
    const { all, verify } = await fixture('default');
    expect((await verify(all.slice(0, 25))).firstBroken).toEqual({ index: 25, reason: expect.stringContaining('尾部记录被截断或删除') });
  });

  it('reports a deleted event at the leaf where its trail skips a seq', async () => {
    const { all, verify } = await fixture('gm');
    const victim = all.findIndex((l, i) => i > 12 && l.trail === 'decision' && all.slice(i + 1).some((m) => m.id === l.id));
    const report = await verify(all.filter((_, i) => i !== victim));
    const next = all.findIndex((l, i) => i > victim && l.id === all[victim].id);
    expect(report.firstBroken).toMatchObject({ index: next - 1, leaf: all[next], reason: expect.stringContaining('缺失') });
  });

  it('localises a consistent rewrite, and the deletion of a whole decision, between the last matching checkpoint and the first failing one', async () => {
    const { all, verify } = await fixture('default');
    const rewritten = all.map((l, i) => (i === 17 ? { ...l, hash: digestHex('sha256', 'forged') } : l));
    expect((await verify(rewritten)).firstBroken).toMatchObject({ index: 10, range: [10, 30], reason: expect.stringContaining('叶子 10 至 29') });
    const withoutC = all.filter((l) => l.id !== 'd-c');
    const report = await verify(withoutC);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ index: 0, range: [0, 10] });
  });

  it('refuses checkpoints signed by another key or for another origin, before reading any leaf', async () => {
    const { all, notes } = await fixture('default');
    const stranger = cryptoProvider('default');
    const other = verifierKeyOf(stranger.softwareSigner(ORIGIN, stranger.generateKeyPair().privateKey));
    await expect(verifyTreeAgainstCheckpoints({ leaves: all, checkpointNotes: notes, keys: [other], origin: ORIGIN })).rejects.toThrow(NoteError);
  });

  it('writes each leaf as the canonical JSON of {hash, id, seq, trail}', () => {
    const leaf: TrailLeaf = { trail: 'decision', id: '6f1c2d8e-4b7a-4c3e-9d2f-1a2b3c4d5e6f', seq: 3, hash: 'a'.repeat(64) };
    expect(trailLeafData(leaf)).toBe(`{"hash":"${'a'.repeat(64)}","id":"6f1c2d8e-4b7a-4c3e-9d2f-1a2b3c4d5e6f","seq":3,"trail":"decision"}`);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1 }), fc.integer({ min: 1 }), fc.constantFrom<TrailLeaf['trail']>('decision', 'catalogue'), (id, seq, trail) => {
        expect(trailLeafData({ ...leaf, id, seq, trail })).toBe(canonicalJson({ trail, seq, id, hash: leaf.hash }));
      }),
      { seed: 20261127, numRuns: 300 },
    );
    expect(() => trailLeafData({ ...leaf, hash: 'A'.repeat(64) })).toThrow(TypeError);
    expect(() => trailLeafData({ ...leaf, trail: 'materials' as never })).toThrow(TypeError);
  });
});

describe(checkpointsConsistent.name, () => {
  it.each<CryptoProfileId>(['default', 'gm'])('accepts a later checkpoint that extends an earlier one (%s), and refuses a rewritten history', async (profile) => {
    const provider = cryptoProvider(profile);
    const signer = provider.softwareSigner(ORIGIN, provider.generateKeyPair().privateKey);
    const hashes = leaves().map((l) => trailLeafHash(provider.merkle, l));
    const checkpointOf = async (list: Uint8Array[], size: number) => {
      const frontier = new MerkleFrontier(provider.merkle);
      list.slice(0, size).forEach((h) => frontier.append(h));
      const note = await signCheckpoint({ origin: ORIGIN, size, root: frontier.root(), hash: provider.profile.hash, time: '2026-11-24T07:00:00.000Z' }, [signer]);
      return openCheckpoint(note, [verifierKeyOf(signer)]).checkpoint;
    };
    const [c0, c10, c30] = await Promise.all([checkpointOf(hashes, 0), checkpointOf(hashes, 10), checkpointOf(hashes, 30)]);
    const proof = await consistencyProof(provider.merkle, memorySubtreeHashes(provider.merkle, hashes), 10, 30);
    expect(checkpointsConsistent(c10, c30, proof)).toBe(true);
    expect(checkpointsConsistent(c0, c30, [])).toBe(true);
    expect(checkpointsConsistent(c30, c10, proof)).toBe(false);
    const rewritten = hashes.map((h, i) => (i === 4 ? provider.merkle.leafHash('forged') : h));
    const forked = await checkpointOf(rewritten, 30);
    const forkedProof = await consistencyProof(provider.merkle, memorySubtreeHashes(provider.merkle, rewritten), 10, 30);
    expect(checkpointsConsistent(c10, forked, forkedProof)).toBe(false);
  });
});
