import { digest, type HashAlgorithm } from './hash-algorithms';

/**
 * RFC 6962 / RFC 9162 §2.1 hashing with one of the profile's hash functions:
 * leaf = H(0x00 ‖ data), node = H(0x01 ‖ left ‖ right), the empty tree = H("").
 */
export interface MerkleHasher {
  readonly alg: HashAlgorithm;
  emptyRoot(): Uint8Array;
  leafHash(data: Uint8Array | string): Uint8Array;
  nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array;
}

const hashers = new Map<HashAlgorithm, MerkleHasher>();

/** The RFC 6962 hasher of `alg` (one instance per algorithm). */
export function merkleHasher(alg: HashAlgorithm): MerkleHasher {
  let hasher = hashers.get(alg);
  if (!hasher) {
    // digest() copies what it reads: one scratch buffer per hasher saves an allocation per node.
    const node = Buffer.alloc(65);
    node[0] = 0x01;
    hasher = {
      alg,
      emptyRoot: () => digest(alg, new Uint8Array(0)),
      leafHash(data) {
        // U+0000 is the byte 0x00 in UTF-8: text needs no buffer (the leaf of every trail event is text).
        if (typeof data === 'string') return digest(alg, '\u0000' + data);
        const bytes = data;
        const input = Buffer.allocUnsafe(bytes.length + 1);
        input[0] = 0x00;
        input.set(bytes, 1);
        return digest(alg, input);
      },
      nodeHash(left, right) {
        if (left.length !== 32 || right.length !== 32) throw new TypeError('Merkle node children must be 32-byte hashes');
        node.set(left, 1);
        node.set(right, 33);
        return digest(alg, node);
      },
    };
    hashers.set(alg, hasher);
  }
  return hasher;
}

/** A perfect subtree completed by an append: 2^level leaves starting at leaf index × 2^level. */
export interface MerkleNode {
  level: number;
  index: number;
  hash: Uint8Array;
}

/** The frontier of a tree as stored between runs: its size and the roots of its perfect subtrees, base64, largest first. */
export interface MerkleFrontierState {
  size: number;
  nodes: string[];
}

/**
 * An append-only Merkle tree kept as its frontier (compact range [0, size)):
 * one perfect-subtree root per set bit of the size, so O(log n) memory while
 * appending millions of leaves. `append` can report every perfect subtree it
 * completes, for a host that stores them to answer proofs later.
 */
export class MerkleFrontier {
  // byLevel[l] is the root of the perfect subtree of 2^l leaves when bit l of size is set.
  private readonly byLevel: (Uint8Array | undefined)[] = [];
  private count = 0;

  constructor(readonly hasher: MerkleHasher) {}

  /** A frontier restored from `state()`; its hashes are checked for length, not recomputed. */
  static restore(hasher: MerkleHasher, state: MerkleFrontierState): MerkleFrontier {
    const frontier = new MerkleFrontier(hasher);
    if (!Number.isSafeInteger(state.size) || state.size < 0) throw new TypeError('frontier size must be a non-negative safe integer');
    const levels = setBits(state.size).reverse();
    if (levels.length !== state.nodes.length) throw new TypeError(`a frontier of size ${state.size} has ${levels.length} nodes, not ${state.nodes.length}`);
    levels.forEach((level, i) => {
      const hash = Buffer.from(state.nodes[i], 'base64');
      if (hash.length !== 32) throw new TypeError('frontier node hashes must be 32 bytes');
      frontier.byLevel[level] = hash;
    });
    frontier.count = state.size;
    return frontier;
  }

  get size(): number {
    return this.count;
  }

  /** Appends one leaf hash; `onNode` sees the leaf itself and every perfect subtree this append completes. */
  append(leafHash: Uint8Array, onNode?: (node: MerkleNode) => void): void {
    if (leafHash.length !== 32) throw new TypeError('a leaf hash has 32 bytes');
    let hash = leafHash;
    let level = 0;
    let index = this.count;
    onNode?.({ level, index, hash });
    while (this.byLevel[level] !== undefined) {
      hash = this.hasher.nodeHash(this.byLevel[level]!, hash);
      this.byLevel[level] = undefined;
      level++;
      index = Math.floor(index / 2);
      onNode?.({ level, index, hash });
    }
    this.byLevel[level] = hash;
    this.count++;
  }

  /** MTH of the leaves appended so far (RFC 6962 §2.1); H("") when empty. */
  root(): Uint8Array {
    let root: Uint8Array | undefined;
    for (const node of this.byLevel) {
      if (node) root = root ? this.hasher.nodeHash(node, root) : node;
    }
    return root ?? this.hasher.emptyRoot();
  }

  /** What to store to resume appending later (see `restore`). */
  state(): MerkleFrontierState {
    const nodes: string[] = [];
    for (let level = this.byLevel.length - 1; level >= 0; level--) {
      const node = this.byLevel[level];
      if (node) nodes.push(Buffer.from(node).toString('base64'));
    }
    return { size: this.count, nodes };
  }
}

/** The MTH of a list of leaf hashes (all of them, or the first `size`). */
export function merkleRootOf(hasher: MerkleHasher, leafHashes: Iterable<Uint8Array>, size = Infinity): Uint8Array {
  const frontier = new MerkleFrontier(hasher);
  for (const leaf of leafHashes) {
    if (frontier.size >= size) break;
    frontier.append(leaf);
  }
  if (Number.isFinite(size) && frontier.size < size) throw new RangeError(`only ${frontier.size} leaves, not ${size}`);
  return frontier.root();
}

function setBits(n: number): number[] {
  const levels: number[] = [];
  for (let level = 0; n > 0; level++, n = Math.floor(n / 2)) if (n % 2 === 1) levels.push(level);
  return levels;
}
