import { NoteError, parseCheckpoint, parseNote, verifyTreeAgainstCheckpoints, type NoteVerifierKey, type TrailLeaf } from '@app/audit';
import { readLeaves, type SqlSession } from '@app/persistence';

/** Where the tree first departs from its trail or from a signed checkpoint. */
export interface TreeBreak {
  reason: string;
  /** the leaf index concerned (for a root mismatch: the first of the range in which the change lies) */
  leafIndex: number;
  /** the trail entry, when one can be named */
  trail?: 'decision' | 'catalogue' | 'unit';
  decisionId?: string;
  catalogueId?: string;
  unitId?: string;
  seq?: number;
  /** the checkpoint the tree no longer matches (when the break is found against it) */
  checkpoint?: { treeSize: number; time: string };
}

export interface TreeReport {
  ok: boolean;
  /** leaves read from the database */
  checkedLeaves: number;
  /** the checkpoints checked (signature, then the root of the first `treeSize` leaves) */
  checkpoints: { treeSize: number; time: string; matches: boolean }[];
  firstBroken?: TreeBreak;
}

const named = (l: { trail: 'decision' | 'catalogue' | 'unit'; id: string; seq: number }) =>
  l.trail === 'decision' ? { trail: l.trail, decisionId: l.id, seq: l.seq } : l.trail === 'catalogue' ? { trail: l.trail, catalogueId: l.id, seq: l.seq } : { trail: l.trail, unitId: l.id, seq: l.seq };

/**
 * Checks a jurisdiction's tree as the database holds it against signed checkpoints: every leaf
 * row must be there (indexes 0, 1, 2… without a gap), its event must still be in the trail with
 * the hash the leaf recorded (tail truncation, a deleted decision, a rewritten trail are named
 * by decision and seq), and the root recomputed from the events' hashes must give each
 * checkpoint's root, whose signature must verify with `keys` (a rewrite of the leaves as well,
 * or a deletion of leaves: named by the checkpoint). Used by GET /api/audit/verify (the latest
 * checkpoint, keys from the key log) and by `npm run verify -- --checkpoint` (files held outside
 * the database, keys given by the operator).
 */
export async function verifyTree(db: SqlSession, options: { jurisdiction: string; origin: string; checkpointNotes: readonly string[]; keys: readonly NoteVerifierKey[] }): Promise<TreeReport> {
  let rowBreak: TreeBreak | undefined;
  let read = 0;
  async function* leaves(): AsyncGenerator<TrailLeaf> {
    for await (const batch of readLeaves(db, options.jurisdiction)) {
      for (const l of batch) {
        if (l.index !== read) {
          rowBreak = { leafIndex: read, reason: `树的第 ${read} 个叶子不见了（叶子表被删改）` };
          return;
        }
        if (l.event === 'gone') {
          rowBreak = { leafIndex: l.index, ...named(l), reason: `已签入检查点的记录已从审计链中删除（${l.trail} ${l.id} 第 ${l.seq} 条）` };
          return;
        }
        if (l.event === 'rewritten') {
          rowBreak = { leafIndex: l.index, ...named(l), reason: `已签入检查点的记录被改写：哈希与签入时不同（${l.trail} ${l.id} 第 ${l.seq} 条）` };
          return;
        }
        read++;
        yield { trail: l.trail, id: l.id, seq: l.seq, hash: l.leafHash };
      }
    }
  }
  let result;
  try {
    result = await verifyTreeAgainstCheckpoints({ leaves: leaves(), checkpointNotes: options.checkpointNotes, keys: options.keys, origin: options.origin });
  } catch (err) {
    if (!(err instanceof NoteError)) throw err;
    const sizes = options.checkpointNotes.map(sizeOf);
    return { ok: false, checkedLeaves: read, checkpoints: [], firstBroken: { leafIndex: Math.min(...sizes, read), reason: `检查点无法验证：${err.message}` } };
  }
  const checkpoints = result.checkpoints.map((c) => ({ treeSize: c.size, time: c.time, matches: c.matches }));
  if (rowBreak) return { ok: false, checkedLeaves: read, checkpoints, firstBroken: rowBreak };
  if (result.firstBroken) {
    const b = result.firstBroken;
    const failing = result.checkpoints.find((c) => !c.matches) ?? nextAfter(options.checkpointNotes, result.treeSize);
    return {
      ok: false, checkedLeaves: read, checkpoints,
      firstBroken: { leafIndex: b.index, ...(b.leaf ? named(b.leaf) : {}), reason: b.reason, ...(failing ? { checkpoint: { treeSize: failing.size, time: failing.time } } : {}) },
    };
  }
  return { ok: true, checkedLeaves: read, checkpoints };
}

function sizeOf(note: string): number {
  try {
    return parseCheckpoint(parseNote(note).text).size;
  } catch {
    return 0;
  }
}

/** The smallest checkpoint larger than the tree (the one a truncated tail no longer reaches). */
function nextAfter(notes: readonly string[], size: number): { size: number; time: string } | undefined {
  return notes
    .map((n) => parseCheckpoint(parseNote(n).text))
    .filter((c) => c.size > size)
    .sort((a, b) => a.size - b.size)[0];
}
