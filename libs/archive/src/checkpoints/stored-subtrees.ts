import { memorySubtreeHashes, trailLeafHash, type MerkleHasher, type SubtreeHashes } from '@app/audit';
// eslint-disable-next-line architecture/boundaries -- export threads compute proofs with this file: the SQL file, not the persistence barrel (TypeORM and every entity)
import { leafRange, nodeHash } from '../../../persistence/src/repositories/checkpoint.repository';
// eslint-disable-next-line architecture/boundaries -- export threads compute proofs with this file: the SQL file, not the persistence barrel (TypeORM and every entity)
import type { SqlExecutor } from '../../../persistence/src/sql/sql-session';

/** Subtrees of 2^STORED_LEVEL leaves and more are stored by the writer (merkle_nodes); smaller ones are hashed from their leaves. */
export const STORED_LEVEL = 8;
const CHUNK = 2 ** STORED_LEVEL;

/**
 * The subtree hashes of a jurisdiction's signed tree of `size` leaves for the proofs of libs/audit:
 * a stored root for a subtree of 256 leaves or more, else the hash of its leaves (read by chunk of
 * 256, each chunk once). A proof costs O(log n) lookups instead of a pass over the tree.
 */
export function storedSubtreeHashes(db: SqlExecutor, hasher: MerkleHasher, jurisdiction: string, size: number): SubtreeHashes {
  const nodes = new Map<string, Uint8Array>();
  const chunks = new Map<number, Promise<SubtreeHashes>>();
  const chunk = (c: number) => {
    let found = chunks.get(c);
    if (!found) {
      found = leafRange(db, jurisdiction, c * CHUNK, Math.min((c + 1) * CHUNK, size)).then((leaves) => memorySubtreeHashes(hasher, leaves.map((l) => trailLeafHash(hasher, l))));
      chunks.set(c, found);
    }
    return found;
  };
  return async (level, index) => {
    const span = 2 ** level;
    if ((index + 1) * span > size) throw new RangeError(`no perfect subtree (${level}, ${index}) in ${size} leaves`);
    if (level < STORED_LEVEL) {
      const start = index * span;
      const c = Math.floor(start / CHUNK);
      return (await chunk(c))(level, (start - c * CHUNK) / span);
    }
    const key = `${level}:${index}`;
    let hash = nodes.get(key);
    if (!hash) {
      hash = await nodeHash(db, jurisdiction, level, index);
      if (!hash) throw new Error(`subtree (${level}, ${index}) of ${jurisdiction} is not stored: run GET /api/audit/verify`);
      nodes.set(key, hash);
    }
    return hash;
  };
}
