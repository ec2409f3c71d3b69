import { CheckpointLog } from '@app/archive';
import { merkleHasher, merkleRootOf, trailLeafHash } from '@app/audit';
import { openSqlSession, type SqlSession } from '@app/persistence';
import { seedTrail } from '../bench/seed-trail';
import { bearer, createTestApp, type TestApp } from './utils';
import { people } from './utils/decision-flow';

// A backlog larger than one hashing slice (2,000 leaves) and one leaf insert (5,000 rows): the writer places every
// event exactly once, at consecutive indexes across the parts, and signs the root of exactly those leaves.
jest.setTimeout(120_000);

describe('a checkpoint of a backlog of thousands of events', () => {
  const jurisdiction = 'ckpt-backlog';
  let t: TestApp;
  let session: SqlSession & { end(): Promise<void> };

  beforeAll(async () => {
    t = await createTestApp();
    session = await openSqlSession(process.env.DATABASE_URL!);
    await seedTrail({ databaseUrl: process.env.DATABASE_URL!, jurisdiction, decisions: 3, eventsPerDecision: 2_400 });
  });
  afterAll(async () => {
    await session?.end();
    await t?.close();
  });

  it('places 7,200 events once each at leaf indexes 0..7199, each trail in order, and signs their root; verify checks the tree', async () => {
    const made = await t.app.get(CheckpointLog).checkpoint(jurisdiction);
    expect(made).toMatchObject({ tree_size: '7200' });
    const placed: { leaf_index: string; trail: 'decision'; trail_id: string; seq: number; hash: string }[] = await session.query(
      `SELECT l.leaf_index, l.trail, l.trail_id, l.seq, e.hash FROM merkle_leaves l
         JOIN decision_events e ON e.decision_id::text = l.trail_id AND e.seq = l.seq
        WHERE l.jurisdiction = $1 ORDER BY l.leaf_index`,
      [jurisdiction],
    );
    expect(placed.map((l) => Number(l.leaf_index))).toEqual(Array.from({ length: 7_200 }, (_, i) => i));
    const events: { decision_id: string; seq: number }[] = await session.query(
      `SELECT decision_id::text, seq FROM decision_events WHERE jurisdiction = $1 ORDER BY decision_id, seq`,
      [jurisdiction],
    );
    // every event exactly once, and each trail's events in their order
    const key = (id: string, seq: number) => `${id}#${String(seq).padStart(5, '0')}`;
    expect(placed.map((l) => key(l.trail_id, l.seq)).sort()).toEqual(events.map((e) => key(e.decision_id, e.seq)).sort());
    for (const id of new Set(placed.map((l) => l.trail_id))) {
      const seqs = placed.filter((l) => l.trail_id === id).map((l) => l.seq);
      expect(seqs).toEqual(Array.from({ length: 2_400 }, (_, i) => i + 1));
    }
    const hasher = merkleHasher(made!.hash_alg as 'sha256');
    const root = merkleRootOf(hasher, placed.map((l) => trailLeafHash(hasher, { trail: l.trail, id: l.trail_id, seq: l.seq, hash: l.hash })));
    expect(made!.root).toBe(Buffer.from(root).toString('base64'));
    const verified = await t.http.get('/api/audit/verify').set('Authorization', bearer(people(jurisdiction).auditor));
    expect(verified.body).toMatchObject({ ok: true, checkedEvents: 7_200, tree: { ok: true, checkedLeaves: 7_200 } });
  });
});
