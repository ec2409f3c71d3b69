import { verifyConsistency } from './merkle-proofs';
import { MerkleFrontier, merkleHasher } from './merkle-tree';
import { NoteError, type NoteVerifierKey } from './signed-note';
import { openCheckpoint, type Checkpoint } from './tlog-checkpoint';
import { trailLeafHash, type TrailLeaf } from './trail-leaf';

/** Where the current tree first departs from what was signed. */
export interface TreeBreak {
  /** The first leaf index known or suspected to be wrong (for a root mismatch: the start of `range`). */
  index: number;
  /** For a root mismatch: the leaves [from, to) among which the change lies (between the last matching checkpoint and the first failing one). */
  range?: [number, number];
  /** The leaf at `index`, when it exists and is itself the culprit. */
  leaf?: TrailLeaf;
  reason: string;
}

export interface CheckpointVerification {
  ok: boolean;
  /** Leaves read. */
  treeSize: number;
  /** The current tree's root (base64), when every leaf could be read. */
  root?: string;
  checkpoints: { size: number; time: string; matches: boolean }[];
  firstBroken?: TreeBreak;
}

/**
 * The core of `npm run verify -- --checkpoint file…`: recomputes a
 * jurisdiction's Merkle tree from its leaves (oldest first, as appended) and
 * checks it against checkpoints held outside the database. Each checkpoint's
 * signature must verify with one of `keys` (trusted by the caller, not read
 * from the database being checked) and name `origin`; its size must not exceed
 * the tree's (tail truncation), and the tree's first `size` leaves must give
 * its root (consistency: any rewrite, deletion or insertion before `size`).
 * Each trail's seqs must also run 1, 2, 3… in the leaf order (a deleted event).
 * Reports the first break; a signature that fails is thrown (NoteError).
 */
export async function verifyTreeAgainstCheckpoints(options: {
  leaves: Iterable<TrailLeaf> | AsyncIterable<TrailLeaf>;
  checkpointNotes: readonly (string | Uint8Array)[];
  keys: readonly NoteVerifierKey[];
  origin: string;
}): Promise<CheckpointVerification> {
  const checkpoints = options.checkpointNotes.map((note) => openCheckpoint(note, options.keys, options.origin).checkpoint).sort((a, b) => a.size - b.size);
  if (checkpoints.length === 0) throw new NoteError('至少需要一个检查点');
  const hash = checkpoints[0].hash;
  if (checkpoints.some((c) => c.hash !== hash)) throw new NoteError('检查点的哈希算法不一致');
  const frontier = new MerkleFrontier(merkleHasher(hash));
  const results: CheckpointVerification['checkpoints'] = [];
  const lastSeq = new Map<string, number>();
  let next = 0;
  let lastMatching = 0;

  const settle = (c: Checkpoint): TreeBreak | undefined => {
    const matches = Buffer.from(frontier.root()).equals(Buffer.from(c.root));
    results.push({ size: c.size, time: c.time, matches });
    if (matches) {
      lastMatching = c.size;
      return undefined;
    }
    return {
      index: lastMatching,
      range: [lastMatching, c.size],
      reason: `前 ${c.size} 个叶子算出的根哈希与 ${c.time} 签名的检查点不符：叶子 ${lastMatching} 至 ${c.size - 1} 之间有记录被改写、删除或插入`,
    };
  };
  const report = (firstBroken?: TreeBreak): CheckpointVerification => ({ ok: !firstBroken, treeSize: frontier.size, checkpoints: results, ...(firstBroken ? { firstBroken } : {}) });

  for await (const leaf of options.leaves) {
    while (next < checkpoints.length && checkpoints[next].size === frontier.size) {
      const broken = settle(checkpoints[next++]);
      if (broken) return report(broken);
    }
    const index = frontier.size;
    const trailKey = `${leaf.trail}\u0000${leaf.id}`;
    const expected = (lastSeq.get(trailKey) ?? 0) + 1;
    if (leaf.seq !== expected) return report({ index, leaf, reason: `${leaf.trail} ${leaf.id} 的第 ${expected} 条记录缺失（叶子 ${index} 是第 ${leaf.seq} 条）` });
    lastSeq.set(trailKey, leaf.seq);
    let leafHash: Uint8Array;
    try {
      leafHash = trailLeafHash(frontier.hasher, leaf);
    } catch (err) {
      return report({ index, leaf, reason: `叶子 ${index} 无法计算：${(err as Error).message}` });
    }
    frontier.append(leafHash);
  }
  while (next < checkpoints.length && checkpoints[next].size === frontier.size) {
    const broken = settle(checkpoints[next++]);
    if (broken) return report(broken);
  }
  if (next < checkpoints.length) {
    const c = checkpoints[next];
    return report({ index: frontier.size, reason: `树只有 ${frontier.size} 个叶子，而 ${c.time} 签名的检查点有 ${c.size} 个：尾部记录被截断或删除` });
  }
  return { ...report(), root: Buffer.from(frontier.root()).toString('base64') };
}

/**
 * Is the newer checkpoint an append-only extension of the older one (same
 * origin and hash, size not smaller, and the consistency proof holds)? What a
 * witness or an auditor holding an old checkpoint asks of a new one.
 */
export function checkpointsConsistent(older: Checkpoint, newer: Checkpoint, proof: readonly Uint8Array[]): boolean {
  if (older.origin !== newer.origin || older.hash !== newer.hash || older.size > newer.size) return false;
  // Every tree extends the empty one; RFC 9162 gives no proof for it.
  if (older.size === 0) return proof.length === 0 && Buffer.from(older.root).equals(Buffer.from(merkleHasher(older.hash).emptyRoot()));
  return verifyConsistency(merkleHasher(older.hash), older.size, newer.size, older.root, newer.root, proof);
}
