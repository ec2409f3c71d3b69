import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnly } from './1732700000000-catalogues';

/**
 * Signed checkpoints (issue #14): per jurisdiction an append-only Merkle tree over its trail
 * events (decisions, catalogue, units). `merkle_leaves` fixes each event's place in the tree (assigned by the checkpoint writer,
 * one writer per jurisdiction under an advisory lock, so a leaf is never inserted before a signed
 * one); `merkle_nodes` the subtree roots proofs are made of; `checkpoints` holds every signed note (C2SP tlog-checkpoint) with the tree's frontier to
 * resume from; `checkpoint_key_log` the signed key-log entries (first key, rotations);
 * `checkpoint_exports` what has been written to CHECKPOINT_DIR or accepted by the witness. All four
 * are append-only for every role, as the trails are.
 */
export class Checkpoints1733950000000 implements MigrationInterface {
  name = 'Checkpoints1733950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE merkle_leaves (
        jurisdiction text NOT NULL,
        leaf_index bigint NOT NULL CHECK (leaf_index >= 0),
        trail text NOT NULL CHECK (trail IN ('decision', 'catalogue', 'unit')),
        trail_id text NOT NULL,
        seq integer NOT NULL CHECK (seq >= 1),
        hash char(64) NOT NULL,
        PRIMARY KEY (jurisdiction, leaf_index),
        UNIQUE (jurisdiction, trail, trail_id, seq)
      )`);
    // The roots of the perfect subtrees of 2^8 leaves and more, as the writer completes them: an
    // inclusion or consistency proof reads O(log n) of them and at most a few hundred leaves.
    await q.query(`
      CREATE TABLE merkle_nodes (
        jurisdiction text NOT NULL,
        level smallint NOT NULL CHECK (level >= 0),
        node_index bigint NOT NULL CHECK (node_index >= 0),
        hash bytea NOT NULL CHECK (octet_length(hash) = 32),
        PRIMARY KEY (jurisdiction, level, node_index)
      )`);
    await q.query(`
      CREATE TABLE checkpoints (
        id bigserial PRIMARY KEY,
        jurisdiction text NOT NULL,
        origin text NOT NULL,
        tree_size bigint NOT NULL CHECK (tree_size >= 0),
        root text NOT NULL,
        hash_alg text NOT NULL,
        signed_at timestamptz NOT NULL,
        key_id text NOT NULL,
        note text NOT NULL,
        frontier jsonb NOT NULL,
        UNIQUE (jurisdiction, tree_size)
      )`);
    await q.query(`
      CREATE TABLE checkpoint_key_log (
        id bigserial PRIMARY KEY,
        jurisdiction text NOT NULL,
        key_id text NOT NULL,
        vkey text NOT NULL,
        tree_size bigint NOT NULL,
        note text NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (jurisdiction, vkey)
      )`);
    await q.query(`
      CREATE TABLE checkpoint_exports (
        checkpoint_id bigint NOT NULL REFERENCES checkpoints(id),
        target text NOT NULL CHECK (target IN ('dir', 'witness')),
        done_at timestamptz NOT NULL,
        PRIMARY KEY (checkpoint_id, target)
      )`);
    for (const table of ['merkle_leaves', 'merkle_nodes', 'checkpoints', 'checkpoint_key_log', 'checkpoint_exports']) await appendOnly(q, table);
    const role = process.env.DB_APP_ROLE && `"${process.env.DB_APP_ROLE.replace(/"/g, '""')}"`;
    if (role) {
      await q.query(`GRANT SELECT, INSERT ON merkle_leaves, merkle_nodes, checkpoints, checkpoint_key_log, checkpoint_exports TO ${role}`);
      await q.query(`GRANT USAGE ON SEQUENCE checkpoints_id_seq, checkpoint_key_log_id_seq TO ${role}`);
    }
  }

  async down(): Promise<void> {
    throw new Error('refusing to drop the signed checkpoints; restore from backup instead');
  }
}
