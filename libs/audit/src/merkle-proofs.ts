import type { MerkleHasher } from './merkle-tree';

/**
 * The hash of the perfect subtree of 2^level leaves that starts at leaf
 * index × 2^level (level 0: the leaf hashes). The host answers from the nodes
 * `MerkleFrontier.append` reported (stored), or from memory in tests.
 */
export type SubtreeHashes = (level: number, index: number) => Uint8Array | Promise<Uint8Array>;

/** Subtree hashes computed from an in-memory list of leaf hashes, each node once. */
export function memorySubtreeHashes(hasher: MerkleHasher, leafHashes: readonly Uint8Array[]): SubtreeHashes {
  const levels: Uint8Array[][] = [leafHashes as Uint8Array[]];
  const node = (level: number, index: number): Uint8Array => {
    if ((index + 1) * 2 ** level > leafHashes.length) throw new RangeError(`no perfect subtree (${level}, ${index}) in ${leafHashes.length} leaves`);
    levels[level] ??= [];
    return (levels[level][index] ??= hasher.nodeHash(node(level - 1, 2 * index), node(level - 1, 2 * index + 1)));
  };
  return node;
}

/** Largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// Exact beyond 2^31, where bitwise tricks are not.
const isPowerOfTwo = (n: number) => n > 0 && 2 ** Math.round(Math.log2(n)) === n;

/** MTH(D[start : start+len]); start is a multiple of the power of two that covers len (true of every range RFC 6962 asks for). */
async function rangeHash(hasher: MerkleHasher, nodes: SubtreeHashes, start: number, len: number): Promise<Uint8Array> {
  if (isPowerOfTwo(len)) return nodes(Math.round(Math.log2(len)), start / len);
  const k = splitPoint(len);
  return hasher.nodeHash(await rangeHash(hasher, nodes, start, k), await rangeHash(hasher, nodes, start + k, len - k));
}

function checkSize(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative safe integer`);
}

/** The audit path of leaf `index` in the tree of the first `size` leaves (RFC 6962 §2.1.1 PATH), leaf's sibling first. */
export async function inclusionProof(hasher: MerkleHasher, nodes: SubtreeHashes, index: number, size: number): Promise<Uint8Array[]> {
  checkSize('index', index);
  checkSize('size', size);
  if (index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const path: Uint8Array[] = [];
  // PATH(m, D[start:start+n]) walked top-down; siblings collected bottom-up, so prepend.
  let start = 0;
  let n = size;
  let m = index;
  while (n > 1) {
    const k = splitPoint(n);
    if (m < k) {
      path.unshift(await rangeHash(hasher, nodes, start + k, n - k));
      n = k;
    } else {
      path.unshift(await rangeHash(hasher, nodes, start, k));
      start += k;
      m -= k;
      n -= k;
    }
  }
  return path;
}

/** The consistency proof of the tree of the first `first` leaves with that of the first `second` (RFC 6962 §2.1.2 PROOF). */
export async function consistencyProof(hasher: MerkleHasher, nodes: SubtreeHashes, first: number, second: number): Promise<Uint8Array[]> {
  checkSize('first', first);
  checkSize('second', second);
  if (first > second) throw new RangeError(`a tree of ${first} cannot precede one of ${second}`);
  if (first === 0 || first === second) return [];
  const proof: Uint8Array[] = [];
  // SUBPROOF(m, D[start:start+n], b), iteratively; nodes are appended in reverse order and flipped at the end.
  let start = 0;
  let n = second;
  let m = first;
  let whole = true;
  while (m !== n) {
    const k = splitPoint(n);
    if (m <= k) {
      proof.push(await rangeHash(hasher, nodes, start + k, n - k));
      n = k;
    } else {
      proof.push(await rangeHash(hasher, nodes, start, k));
      start += k;
      m -= k;
      n -= k;
      whole = false;
    }
  }
  if (!whole) proof.push(await rangeHash(hasher, nodes, start, m));
  return proof.reverse();
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0;
const validHashes = (proof: readonly Uint8Array[]) => proof.every((p) => p.length === 32);

/** RFC 9162 §2.1.3.2: does `proof` place `leafHash` at `index` of the tree of `size` whose root is `root`? */
export function verifyInclusion(hasher: MerkleHasher, index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size || !validHashes([leafHash, ...proof])) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = hasher.nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = hasher.nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of `first` leaves with
 * root `firstRoot` is a prefix of the tree of `second` leaves with root
 * `secondRoot`? Equal sizes need an empty proof and equal roots; a proof from
 * the empty tree is meaningless and refused (as transparency-dev does).
 */
export function verifyConsistency(hasher: MerkleHasher, first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 1 || first > second) return false;
  if (first === second) return proof.length === 0 && equal(firstRoot, secondRoot);
  if (proof.length === 0 || !validHashes([firstRoot, ...proof])) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = hasher.nodeHash(c, fr);
      sr = hasher.nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = hasher.nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(fr, firstRoot) && equal(sr, secondRoot);
}
