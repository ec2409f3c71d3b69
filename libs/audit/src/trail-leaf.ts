import { canonicalJson } from './canonical-json';
import type { MerkleHasher } from './merkle-tree';

/** The trails whose events are leaves of a jurisdiction's Merkle tree. */
export type TrailKind = 'decision' | 'catalogue' | 'unit';

/** One trail event as a leaf: which trail, which entry, and the entry's recorded hash (hex). */
export interface TrailLeaf {
  trail: TrailKind;
  id: string;
  seq: number;
  hash: string;
}

/**
 * The leaf data of a trail event: the canonical JSON (RFC 8785) of
 * `{hash, id, seq, trail}`, e.g.
 * `{"hash":"5e…","id":"6f1c…","seq":3,"trail":"decision"}`, as UTF-8. It binds
 * the trail kind, the trail's id, the seq and the event hash, so a leaf can be
 * recomputed offline from a dossier (with printf when the id needs no JSON
 * escaping, as UUIDs do). The leaf hash is H(0x00 ‖ data) with the tree's hash.
 */
export function trailLeafData(leaf: TrailLeaf): string {
  if (leaf.trail !== 'decision' && leaf.trail !== 'catalogue' && leaf.trail !== 'unit') throw new TypeError(`unknown trail kind: ${String(leaf.trail)}`);
  if (!/^[0-9a-f]{64}$/.test(leaf.hash)) throw new TypeError('a trail leaf names a 32-byte event hash in lowercase hex');
  if (!Number.isSafeInteger(leaf.seq) || leaf.seq < 1) throw new TypeError('a trail leaf has a seq from 1');
  if (typeof leaf.id !== 'string' || leaf.id.length === 0) throw new TypeError('a trail leaf names its trail id');
  // canonicalJson({hash, id, seq, trail}) with the keys already in order: this runs once per leaf of the tree.
  return '{"hash":"' + leaf.hash + '","id":' + canonicalJson(leaf.id) + ',"seq":' + leaf.seq + ',"trail":"' + leaf.trail + '"}';
}

/** H(0x00 ‖ trailLeafData(leaf)). */
export function trailLeafHash(hasher: MerkleHasher, leaf: TrailLeaf): Uint8Array {
  return hasher.leafHash(trailLeafData(leaf));
}
