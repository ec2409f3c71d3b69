import { ArchiveModule, CheckpointLog, CheckpointQueries, CheckpointVerification, STORED_LEVEL, storedSubtreeHashes } from '@app/archive';
import {
  checkpointsConsistent, consistencyProof, inclusionProof, memorySubtreeHashes, merkleHasher, merkleRootOf, parseCheckpoint, parseNote, trailLeafHash, verifyInclusion,
} from '@app/audit';
import { AppConfigModule, ClockModule } from '@app/config';
import { DatabaseModule, leafRange } from '@app/persistence';
import { SchedulingModule } from '@app/scheduling';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

// Proofs of a tree larger than the stored subtrees (2^8 leaves): made from merkle_nodes and a few
// leaves, they must equal the proofs made from every leaf in memory, over several checkpoints.
jest.setTimeout(120_000);

describe('inclusion and consistency proofs from stored subtrees', () => {
  let app: INestApplicationContext;
  let db: DataSource;
  const jurisdiction = `ckpt-proofs-${randomUUID().slice(0, 8)}`;
  const catalogue = randomUUID();
  const sizes = [300, 1100, 1333];

  /** Catalogue events seq from..to with distinct hashes, inserted as an owner would (no catalogue row: foreign keys off). */
  async function events(from: number, to: number) {
    await db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(
        `INSERT INTO catalogue_events (catalogue_id, seq, jurisdiction, type, payload, actor, occurred_at, prev_hash, hash)
         SELECT $2::uuid, g, $1, 'ITEM_ADDED', '{}', '{}', now(), repeat('0', 64), encode(sha256(convert_to($2 || ':' || g, 'UTF8')), 'hex')
           FROM generate_series($3::int, $4::int) g`,
        [jurisdiction, catalogue, from, to],
      );
    });
  }

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, DatabaseModule, SchedulingModule, ArchiveModule] }).compile();
    moduleRef.useLogger(['error']);
    app = await moduleRef.init();
    db = app.get(DataSource);
    const log = app.get(CheckpointLog);
    let from = 1;
    for (const size of sizes) {
      await events(from, size);
      from = size + 1;
      expect(await log.checkpoint(jurisdiction)).toMatchObject({ tree_size: String(size) });
    }
  });
  afterAll(() => app?.close());

  it('stores the roots of the completed subtrees of 256 leaves and more, and no other', async () => {
    const rows: { level: number; n: string }[] = await db.query(`SELECT level, count(*) AS n FROM merkle_nodes WHERE jurisdiction = $1 GROUP BY level ORDER BY level`, [jurisdiction]);
    expect(rows.map((r) => [r.level, Number(r.n)])).toEqual([[STORED_LEVEL, 5], [STORED_LEVEL + 1, 2], [STORED_LEVEL + 2, 1]]);
  });

  it('gives the same proofs as the whole tree in memory, and they verify against each signed root', async () => {
    const hasher = merkleHasher('sha256');
    const leaves = (await leafRange(db, jurisdiction, 0, 1333)).map((l) => trailLeafHash(hasher, l));
    expect(leaves).toHaveLength(1333);
    const memory = memorySubtreeHashes(hasher, leaves);
    const checkpoints: { tree_size: string; note: string }[] = await db.query(`SELECT tree_size, note FROM checkpoints WHERE jurisdiction = $1 ORDER BY tree_size`, [jurisdiction]);
    for (const row of checkpoints) {
      const c = parseCheckpoint(parseNote(row.note).text);
      expect(Buffer.from(c.root)).toEqual(Buffer.from(merkleRootOf(hasher, leaves, c.size)));
      const stored = storedSubtreeHashes(db, hasher, jurisdiction, c.size);
      for (const index of [0, 1, 255, 256, 299, 511, 512, 777, 1023, 1024, 1099, 1100, 1332].filter((i) => i < c.size)) {
        const proof = await inclusionProof(hasher, stored, index, c.size);
        expect(proof.map((p) => Buffer.from(p).toString('hex'))).toEqual((await inclusionProof(hasher, memory, index, c.size)).map((p) => Buffer.from(p).toString('hex')));
        expect(verifyInclusion(hasher, index, c.size, leaves[index], proof, c.root)).toBe(true);
      }
      for (const first of [1, 256, 300, 1000].filter((f) => f < c.size)) {
        const proof = await consistencyProof(hasher, stored, first, c.size);
        expect(proof).toEqual(await consistencyProof(hasher, memory, first, c.size));
      }
    }
  });

  it('answers consistency between the signed checkpoints through the API service', async () => {
    const queries = app.get(CheckpointQueries);
    for (const [from, to] of [[300, 1100], [1100, 1333], [300, undefined]] as const) {
      const answer = await queries.consistency(jurisdiction, from, to);
      const older = parseCheckpoint(parseNote(answer.from.note).text);
      const newer = parseCheckpoint(parseNote(answer.to.note).text);
      expect(checkpointsConsistent(older, newer, answer.proof.map((p) => Buffer.from(p, 'base64')))).toBe(true);
    }
  });

  it('verifies the tree against its last checkpoint, and names the catalogue entry an owner rewrote', async () => {
    const verification = app.get(CheckpointVerification);
    expect(await verification.verify(jurisdiction)).toMatchObject({ ok: true, checkedLeaves: 1333, checkpoint: { treeSize: 1333 } });
    await db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`UPDATE catalogue_events SET hash = repeat('a', 64) WHERE catalogue_id = $1 AND seq = 700`, [catalogue]);
    });
    expect(await verification.verify(jurisdiction)).toMatchObject({ ok: false, firstBroken: { catalogueId: catalogue, seq: 700, leafIndex: 699 } });
  });

  it('puts the unit trails in the tree too, and names the unit entry an owner deleted', async () => {
    const j = `ckpt-units-${randomUUID().slice(0, 8)}`;
    await db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(
        `INSERT INTO unit_events (jurisdiction, unit_id, seq, type, payload, actor, occurred_at, prev_hash, hash)
         SELECT $1, 'review-office', g, 'UNIT_NAMED', '{}', '{}', now(), repeat('0', 64), encode(sha256(convert_to($1 || ':' || g, 'UTF8')), 'hex')
           FROM generate_series(1, 3) g`,
        [j],
      );
    });
    expect(await app.get(CheckpointLog).checkpoint(j)).toMatchObject({ tree_size: '3' });
    const verification = app.get(CheckpointVerification);
    expect(await verification.verify(j)).toMatchObject({ ok: true, checkedLeaves: 3 });
    await db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`DELETE FROM unit_events WHERE jurisdiction = $1 AND seq = 3`, [j]);
    });
    expect(await verification.verify(j)).toMatchObject({ ok: false, firstBroken: { trail: 'unit', unitId: 'review-office', seq: 3 } });
  });
});
