import type { SqlExecutor, SqlSession } from '../sql/sql-session';

/**
 * SQL of the signed checkpoints (migration 1733950000000): the leaves of each jurisdiction's
 * Merkle tree, the signed checkpoints, the key log and the exports. Plain functions over any
 * executor, so the API, the worker and the offline CLI (`npm run verify`) share them.
 */

export type LeafTrail = 'decision' | 'catalogue' | 'unit';

/** An event not yet placed in its jurisdiction's tree. */
export interface PendingLeaf {
  trail: LeafTrail;
  id: string;
  seq: number;
  hash: string;
}

export interface CheckpointRow {
  id: string;
  jurisdiction: string;
  origin: string;
  tree_size: string;
  root: string;
  hash_alg: string;
  signed_at: Date;
  key_id: string;
  note: string;
  frontier: { size: number; nodes: string[] };
}

export interface KeyLogRow {
  id: string;
  jurisdiction: string;
  key_id: string;
  vkey: string;
  tree_size: string;
  note: string;
  created_at: Date;
}

/** A leaf as stored, with its event in the trail now: there with the leaf's hash, there with another hash, or gone. */
export interface StoredLeaf {
  index: number;
  trail: LeafTrail;
  id: string;
  seq: number;
  leafHash: string;
  event: 'same' | 'rewritten' | 'gone';
}

/** One writer per jurisdiction at a time (checkpoint writer, on-demand checkpoints of the API). */
export async function lockJurisdictionTree(tx: SqlExecutor, jurisdiction: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(1733950000, hashtext($1))`, [jurisdiction]);
}

const NOT_A_LEAF = (trail: LeafTrail, alias: string, idColumn: string) =>
  `NOT EXISTS (SELECT 1 FROM merkle_leaves l WHERE l.jurisdiction = ${alias}.jurisdiction AND l.trail = '${trail}' AND l.trail_id = ${alias}.${idColumn}::text AND l.seq = ${alias}.seq)`;

/**
 * One pass over the trails and the leaves, whatever the statistics say: right after a large append
 * the planner, believing merkle_leaves small, chose a nested loop that rescanned the jurisdiction's
 * leaves for every event (minutes at 100,000 events). A hash anti-join is linear. Inside a transaction.
 */
export async function linearAntiJoins(tx: SqlExecutor): Promise<void> {
  await tx.query(`SET LOCAL enable_nestloop = off`);
}

/**
 * Events of the jurisdiction (decision, catalogue and unit trails) not yet in its tree, in the order
 * they are appended (trail, id, seq), at most `limit`. In a transaction (see linearAntiJoins).
 */
export async function pendingLeaves(tx: SqlExecutor, jurisdiction: string, limit: number): Promise<PendingLeaf[]> {
  await linearAntiJoins(tx);
  const rows: { trail: LeafTrail; id: string; seq: number; hash: string }[] = await tx.query(
    `SELECT * FROM (
       SELECT 'decision' AS trail, e.decision_id::text AS id, e.seq, e.hash FROM decision_events e
        WHERE e.jurisdiction = $1 AND ${NOT_A_LEAF('decision', 'e', 'decision_id')}
       UNION ALL
       SELECT 'catalogue', c.catalogue_id::text, c.seq, c.hash FROM catalogue_events c
        WHERE c.jurisdiction = $1 AND ${NOT_A_LEAF('catalogue', 'c', 'catalogue_id')}
       UNION ALL
       SELECT 'unit', u.unit_id, u.seq, u.hash FROM unit_events u
        WHERE u.jurisdiction = $1 AND ${NOT_A_LEAF('unit', 'u', 'unit_id')}
     ) p ORDER BY trail, id, seq LIMIT $2`,
    [jurisdiction, limit],
  );
  return rows.map((r) => ({ trail: r.trail, id: r.id, seq: Number(r.seq), hash: r.hash }));
}

/** Jurisdictions with events not yet in their tree. In a transaction (see linearAntiJoins). */
export async function jurisdictionsWithPendingLeaves(tx: SqlExecutor): Promise<string[]> {
  await linearAntiJoins(tx);
  const db = tx;
  const rows: { jurisdiction: string }[] = await db.query(
    `SELECT DISTINCT e.jurisdiction FROM decision_events e WHERE ${NOT_A_LEAF('decision', 'e', 'decision_id')}
     UNION SELECT DISTINCT c.jurisdiction FROM catalogue_events c WHERE ${NOT_A_LEAF('catalogue', 'c', 'catalogue_id')}
     UNION SELECT DISTINCT u.jurisdiction FROM unit_events u WHERE ${NOT_A_LEAF('unit', 'u', 'unit_id')}
     ORDER BY 1`,
  );
  return rows.map((r) => r.jurisdiction);
}

/** Appends leaves at indexes from..from+n-1. */
export async function insertLeaves(tx: SqlExecutor, jurisdiction: string, from: number, leaves: readonly PendingLeaf[]): Promise<void> {
  // in parts: the parameters of 100,000 leaves are one ~12 MB text serialised on the event loop at once
  for (let i = 0; i < leaves.length; i += 5000) {
    const part = leaves.slice(i, i + 5000);
    await tx.query(
      `INSERT INTO merkle_leaves (jurisdiction, leaf_index, trail, trail_id, seq, hash)
       SELECT $1, $2::bigint + u.i - 1, u.t, u.id, u.s, u.h FROM unnest($3::text[], $4::text[], $5::int[], $6::text[]) WITH ORDINALITY AS u(t, id, s, h, i)`,
      [jurisdiction, from + i, part.map((l) => l.trail), part.map((l) => l.id), part.map((l) => l.seq), part.map((l) => l.hash)],
    );
  }
}

/** Stores completed perfect subtree roots (level, index, 32-byte hash). */
export async function insertNodes(tx: SqlExecutor, jurisdiction: string, nodes: readonly { level: number; index: number; hash: Uint8Array }[]): Promise<void> {
  for (let i = 0; i < nodes.length; i += 5000) {
    const part = nodes.slice(i, i + 5000);
    await tx.query(
      `INSERT INTO merkle_nodes (jurisdiction, level, node_index, hash) SELECT $1, u.l, u.i, u.h FROM unnest($2::smallint[], $3::bigint[], $4::bytea[]) AS u(l, i, h)`,
      [jurisdiction, part.map((n) => n.level), part.map((n) => n.index), part.map((n) => Buffer.from(n.hash))],
    );
  }
}

/** A stored subtree root, if the writer completed it. */
export async function nodeHash(db: SqlExecutor, jurisdiction: string, level: number, index: number): Promise<Buffer | undefined> {
  const [row]: { hash: Buffer }[] = await db.query(`SELECT hash FROM merkle_nodes WHERE jurisdiction = $1 AND level = $2 AND node_index = $3`, [jurisdiction, level, index]);
  return row?.hash;
}

/** The stored leaves [from, to) as placed (no join with the trails: what the signed tree holds). */
export async function leafRange(db: SqlExecutor, jurisdiction: string, from: number, to: number): Promise<PendingLeaf[]> {
  const rows: { trail: LeafTrail; trail_id: string; seq: number; hash: string }[] = await db.query(
    `SELECT trail, trail_id, seq, hash FROM merkle_leaves WHERE jurisdiction = $1 AND leaf_index >= $2 AND leaf_index < $3 ORDER BY leaf_index`,
    [jurisdiction, from, to],
  );
  return rows.map((r) => ({ trail: r.trail, id: r.trail_id, seq: Number(r.seq), hash: r.hash }));
}

export interface NewCheckpoint {
  jurisdiction: string;
  origin: string;
  size: number;
  root: string;
  hashAlg: string;
  signedAt: Date;
  keyId: string;
  note: string;
  frontier: { size: number; nodes: string[] };
}

export async function insertCheckpoint(tx: SqlExecutor, c: NewCheckpoint): Promise<CheckpointRow> {
  const [row]: CheckpointRow[] = await tx.query(
    `INSERT INTO checkpoints (jurisdiction, origin, tree_size, root, hash_alg, signed_at, key_id, note, frontier)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [c.jurisdiction, c.origin, c.size, c.root, c.hashAlg, c.signedAt, c.keyId, c.note, JSON.stringify(c.frontier)],
  );
  return row;
}

export async function latestCheckpoint(db: SqlExecutor, jurisdiction: string): Promise<CheckpointRow | undefined> {
  const [row]: CheckpointRow[] = await db.query(`SELECT * FROM checkpoints WHERE jurisdiction = $1 ORDER BY tree_size DESC LIMIT 1`, [jurisdiction]);
  return row;
}

/** The jurisdiction's checkpoints, newest first, `limit` from `offset`; with the total. */
export async function listCheckpoints(db: SqlExecutor, jurisdiction: string, limit: number, offset: number): Promise<{ rows: CheckpointRow[]; total: number }> {
  const rows: CheckpointRow[] = await db.query(`SELECT * FROM checkpoints WHERE jurisdiction = $1 ORDER BY tree_size DESC LIMIT $2 OFFSET $3`, [jurisdiction, limit, offset]);
  const [{ n }]: { n: string }[] = await db.query(`SELECT count(*) AS n FROM checkpoints WHERE jurisdiction = $1`, [jurisdiction]);
  return { rows, total: Number(n) };
}

/** Every checkpoint of the jurisdiction, oldest first (verification). */
export async function allCheckpoints(db: SqlExecutor, jurisdiction: string): Promise<CheckpointRow[]> {
  return db.query(`SELECT * FROM checkpoints WHERE jurisdiction = $1 ORDER BY tree_size`, [jurisdiction]);
}

export async function checkpointOfSize(db: SqlExecutor, jurisdiction: string, size: number): Promise<CheckpointRow | undefined> {
  const [row]: CheckpointRow[] = await db.query(`SELECT * FROM checkpoints WHERE jurisdiction = $1 AND tree_size = $2`, [jurisdiction, size]);
  return row;
}

/** The leaf index and recorded hash of a trail event in its jurisdiction's tree, if it has one. */
export async function leafIndexOf(db: SqlExecutor, jurisdiction: string, trail: LeafTrail, id: string, seq: number): Promise<{ index: number; hash: string } | undefined> {
  const [row]: { leaf_index: string; hash: string }[] = await db.query(
    `SELECT leaf_index, hash FROM merkle_leaves WHERE jurisdiction = $1 AND trail = $2 AND trail_id = $3 AND seq = $4`,
    [jurisdiction, trail, id, seq],
  );
  return row ? { index: Number(row.leaf_index), hash: row.hash } : undefined;
}

/** How many of a decision's events 1..`version` are leaves of the tree's first `size` (all of them: a checkpoint of `size` covers it). */
export async function decisionLeavesWithin(db: SqlExecutor, jurisdiction: string, decisionId: string, version: number, size: number): Promise<number> {
  const [row]: { n: number }[] = await db.query(
    `SELECT count(*)::int AS n FROM merkle_leaves WHERE jurisdiction = $1 AND trail = 'decision' AND trail_id = $2 AND seq BETWEEN 1 AND $3 AND leaf_index < $4`,
    [jurisdiction, decisionId, version, size],
  );
  return row.n;
}

/** Leaf indexes of a decision's events `fromSeq`..`toSeq` (seq → index). */
export async function leafIndexesOfEvents(db: SqlExecutor, jurisdiction: string, decisionId: string, fromSeq: number, toSeq: number): Promise<Map<number, number>> {
  const rows: { seq: number; leaf_index: string }[] = await db.query(
    `SELECT seq, leaf_index FROM merkle_leaves WHERE jurisdiction = $1 AND trail = 'decision' AND trail_id = $2 AND seq BETWEEN $3 AND $4`,
    [jurisdiction, decisionId, fromSeq, toSeq],
  );
  return new Map(rows.map((r) => [Number(r.seq), Number(r.leaf_index)]));
}

// Each leaf with what its event says now: null (the event is gone), or whether its hash is still the leaf's
// (compared here: 64 characters a leaf less to send and decode).
const LEAVES = {
  name: 'tree_leaves',
  text: `SELECT l.leaf_index, l.trail, l.trail_id, l.seq, l.hash, coalesce(d.hash, c.hash, u.hash) = l.hash
       FROM merkle_leaves l
       LEFT JOIN decision_events d ON d.decision_id = (CASE WHEN l.trail = 'decision' THEN l.trail_id::uuid END) AND d.seq = l.seq AND d.jurisdiction = l.jurisdiction
       LEFT JOIN catalogue_events c ON c.catalogue_id = (CASE WHEN l.trail = 'catalogue' THEN l.trail_id::uuid END) AND c.seq = l.seq AND c.jurisdiction = l.jurisdiction
       LEFT JOIN unit_events u ON l.trail = 'unit' AND u.unit_id = l.trail_id AND u.seq = l.seq AND u.jurisdiction = l.jurisdiction
      WHERE l.jurisdiction = $1 AND l.leaf_index >= $2 AND l.leaf_index < $3
      ORDER BY l.leaf_index LIMIT $4`,
};
type LeafRow = [string, LeafTrail, string, number, string, boolean | null];

/**
 * The stored leaves [0, upTo) in index order, each with what its event in the trail says now,
 * in batches (keyset pages on the primary key, rows as arrays; memory stays flat).
 */
export async function* readLeaves(session: SqlSession, jurisdiction: string, upTo = Number.MAX_SAFE_INTEGER, batchSize = 20_000): AsyncGenerator<StoredLeaf[]> {
  let from = 0;
  for (;;) {
    const rows = await session.arrays<LeafRow>(LEAVES.name, LEAVES.text, [jurisdiction, from, upTo, batchSize]);
    if (rows.length === 0) return;
    yield rows.map((r) => ({ index: Number(r[0]), trail: r[1], id: r[2], seq: r[3], leafHash: r[4], event: r[5] === null ? 'gone' : r[5] ? 'same' : 'rewritten' }));
    if (rows.length < batchSize) return;
    from = Number(rows[rows.length - 1][0]) + 1;
  }
}

export async function keyLog(db: SqlExecutor, jurisdiction: string): Promise<KeyLogRow[]> {
  return db.query(`SELECT * FROM checkpoint_key_log WHERE jurisdiction = $1 ORDER BY id`, [jurisdiction]);
}

export async function appendKeyLog(tx: SqlExecutor, e: { jurisdiction: string; keyId: string; vkey: string; size: number; note: string; at: Date }): Promise<void> {
  await tx.query(`INSERT INTO checkpoint_key_log (jurisdiction, key_id, vkey, tree_size, note, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
    e.jurisdiction, e.keyId, e.vkey, e.size, e.note, e.at,
  ]);
}

/** Checkpoints not yet exported to `target`, oldest first. */
export async function unexportedCheckpoints(db: SqlExecutor, target: 'dir' | 'witness', limit: number): Promise<CheckpointRow[]> {
  return db.query(
    `SELECT c.* FROM checkpoints c WHERE NOT EXISTS (SELECT 1 FROM checkpoint_exports x WHERE x.checkpoint_id = c.id AND x.target = $1) ORDER BY c.id LIMIT $2`,
    [target, limit],
  );
}

export async function markExported(db: SqlExecutor, checkpointId: string, target: 'dir' | 'witness', at: Date): Promise<void> {
  await db.query(`INSERT INTO checkpoint_exports (checkpoint_id, target, done_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [checkpointId, target, at]);
}
