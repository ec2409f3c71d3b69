import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { HashAlgorithm } from './hash-algorithms';
import { consistencyProof, inclusionProof, memorySubtreeHashes, verifyConsistency, verifyInclusion } from './merkle-proofs';
import { MerkleFrontier, merkleHasher, merkleRootOf, type MerkleNode } from './merkle-tree';
import vectors from './testing/vectors/merkle-transparency-dev.json';

const fcSeed = Number(process.env.FC_SEED ?? 20261127);
const b64 = (s: string | null | undefined) => Buffer.from(s ?? '', 'base64');
const hex = (u: Uint8Array) => Buffer.from(u).toString('hex');
const sha256 = merkleHasher('sha256');
const leaves = vectors.leafInputs.map((h) => sha256.leafHash(Buffer.from(h, 'hex')));

/** MTH straight from RFC 6962 §2.1, recursive, with node:crypto: the oracle the frontier and proofs are checked against. */
function referenceRoot(alg: HashAlgorithm, leafData: Buffer[]): Buffer {
  const h = (...parts: Buffer[]) => createHash(alg).update(Buffer.concat(parts)).digest();
  if (leafData.length === 0) return h();
  if (leafData.length === 1) return h(Buffer.from([0]), leafData[0]);
  let k = 1;
  while (k * 2 < leafData.length) k *= 2;
  return h(Buffer.from([1]), referenceRoot(alg, leafData.slice(0, k)), referenceRoot(alg, leafData.slice(k)));
}

describe(MerkleFrontier.name, () => {
  it('gives the transparency-dev root of every prefix of its 8 test leaves, the empty tree included', () => {
    const frontier = new MerkleFrontier(sha256);
    const roots = [hex(frontier.root())];
    for (const leaf of leaves) {
      frontier.append(leaf);
      roots.push(hex(frontier.root()));
    }
    expect(roots).toEqual(vectors.rootHashes);
  });

  it('agrees with the recursive definition for random trees, with SHA-256 and SM3', () => {
    const data = fc.array(fc.uint8Array({ maxLength: 40 }).map((u) => Buffer.from(u)), { maxLength: 300 });
    fc.assert(
      fc.property(fc.constantFrom<HashAlgorithm>('sha256', 'sm3'), data, (alg, items) => {
        const hasher = merkleHasher(alg);
        expect(hex(merkleRootOf(hasher, items.map((d) => hasher.leafHash(d))))).toBe(hex(referenceRoot(alg, items)));
      }),
      { seed: fcSeed, numRuns: 150 },
    );
  });

  it('reports each perfect subtree once as it completes, and resumes from its stored state', () => {
    const seen: MerkleNode[] = [];
    const frontier = new MerkleFrontier(sha256);
    leaves.slice(0, 5).forEach((leaf) => frontier.append(leaf, (n) => seen.push(n)));
    expect(seen.map((n) => `${n.level}:${n.index}`)).toEqual(['0:0', '0:1', '1:0', '0:2', '0:3', '1:1', '2:0', '0:4']);
    const resumed = MerkleFrontier.restore(sha256, JSON.parse(JSON.stringify(frontier.state())));
    leaves.slice(5).forEach((leaf) => resumed.append(leaf));
    expect(hex(resumed.root())).toBe(vectors.rootHashes[8]);
    expect(() => MerkleFrontier.restore(sha256, { size: 5, nodes: [] })).toThrow(/has 2 nodes/);
  });

  it('uses SM3 for leaves and nodes in the gm profile: H(0x00‖d), H(0x01‖l‖r)', () => {
    const sm3 = merkleHasher('sm3');
    const a = sm3.leafHash('a');
    expect(hex(a)).toBe(createHash('sm3').update(Buffer.from([0, 0x61])).digest('hex'));
    expect(hex(sm3.nodeHash(a, a))).toBe(createHash('sm3').update(Buffer.concat([Buffer.from([1]), a, a])).digest('hex'));
    expect(hex(sm3.emptyRoot())).toBe(createHash('sm3').digest('hex'));
  });
});

describe(inclusionProof.name, () => {
  const nodes = memorySubtreeHashes(sha256, leaves);

  it.each(vectors.inclusion.filter((p) => p.desc === 'happy path'))('produces the published happy-path proof $file', async (p) => {
    const proof = await inclusionProof(sha256, nodes, p.leafIdx, p.treeSize);
    expect(proof.map((x) => Buffer.from(x).toString('base64'))).toEqual(p.proof ?? []);
  });

  it('proves every leaf of every tree of the 8 test leaves against its published root', async () => {
    for (let size = 1; size <= 8; size++) {
      for (let index = 0; index < size; index++) {
        const proof = await inclusionProof(sha256, nodes, index, size);
        expect(verifyInclusion(sha256, index, size, leaves[index], proof, Buffer.from(vectors.rootHashes[size], 'hex'))).toBe(true);
      }
    }
    await expect(inclusionProof(sha256, nodes, 8, 8)).rejects.toThrow(RangeError);
  });
});

describe(verifyInclusion.name, () => {
  it.each(vectors.inclusion)('decides the published probe $file as transparency-dev does', (p) => {
    expect(verifyInclusion(sha256, p.leafIdx, p.treeSize, b64(p.leafHash), (p.proof ?? []).map(b64), b64(p.root))).toBe(!p.wantErr);
  });
});

describe(consistencyProof.name, () => {
  const nodes = memorySubtreeHashes(sha256, leaves);

  it.each(vectors.consistency.filter((p) => p.desc === 'happy path'))('produces the published happy-path proof $file', async (p) => {
    const proof = await consistencyProof(sha256, nodes, p.size1, p.size2);
    expect(proof.map((x) => Buffer.from(x).toString('base64'))).toEqual(p.proof ?? []);
  });

  it('proves every pair of tree sizes of the 8 test leaves consistent', async () => {
    for (let second = 1; second <= 8; second++) {
      for (let first = 1; first <= second; first++) {
        const proof = await consistencyProof(sha256, nodes, first, second);
        const [r1, r2] = [vectors.rootHashes[first], vectors.rootHashes[second]].map((r) => Buffer.from(r, 'hex'));
        expect(verifyConsistency(sha256, first, second, r1, r2, proof)).toBe(true);
      }
    }
  });
});

describe(verifyConsistency.name, () => {
  it.each(vectors.consistency)('decides the published probe $file as transparency-dev does', (p) => {
    expect(verifyConsistency(sha256, p.size1, p.size2, b64(p.root1), b64(p.root2), (p.proof ?? []).map(b64))).toBe(!p.wantErr);
  });
});

describe('Merkle proofs on random trees', () => {
  const tree = fc
    .record({ alg: fc.constantFrom<HashAlgorithm>('sha256', 'sm3'), size: fc.integer({ min: 1, max: 200 }) })
    .chain(({ alg, size }) => fc.record({ alg: fc.constant(alg), size: fc.constant(size), a: fc.nat(size - 1), b: fc.nat(size - 1), flip: fc.nat(31) }));

  it('accept every honest inclusion and consistency proof and refuse one flipped bit or a wrong position', async () => {
    await fc.assert(
      fc.asyncProperty(tree, async ({ alg, size, a, b, flip }) => {
        const hasher = merkleHasher(alg);
        const data = Array.from({ length: size }, (_, i) => Buffer.from(`leaf ${i}`));
        const leafHashes = data.map((d) => hasher.leafHash(d));
        const nodes = memorySubtreeHashes(hasher, leafHashes);
        const root = referenceRoot(alg, data);
        const proof = await inclusionProof(hasher, nodes, a, size);
        expect(verifyInclusion(hasher, a, size, leafHashes[a], proof, root)).toBe(true);
        if (size > 1) expect(verifyInclusion(hasher, (a + 1) % size, size, leafHashes[a], proof, root)).toBe(false);
        if (proof.length) {
          const bad = proof.map((p) => Buffer.from(p));
          bad[flip % bad.length][flip] ^= 1;
          expect(verifyInclusion(hasher, a, size, leafHashes[a], bad, root)).toBe(false);
        }
        const [m, n] = [Math.min(a, b) + 1, Math.max(a, b) + 1];
        const mRoot = referenceRoot(alg, data.slice(0, m));
        const nRoot = referenceRoot(alg, data.slice(0, n));
        const cproof = await consistencyProof(hasher, nodes, m, n);
        expect(verifyConsistency(hasher, m, n, mRoot, nRoot, cproof)).toBe(true);
        if (m < n) {
          const bad = cproof.map((p) => Buffer.from(p));
          bad[flip % bad.length][flip] ^= 1;
          expect(verifyConsistency(hasher, m, n, mRoot, nRoot, bad)).toBe(false);
          expect(verifyConsistency(hasher, m, n, referenceRoot(alg, [...data.slice(0, m - 1), Buffer.from('forged')]), nRoot, cproof)).toBe(false);
        }
      }),
      { seed: fcSeed, numRuns: 200 },
    );
  });
});
