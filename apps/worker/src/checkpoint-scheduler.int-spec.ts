import { draftingDecision, who } from './testing/deadline-fixtures';
import { closeAll, startWorker, waitFor } from './testing/worker-harness';

// Real PostgreSQL and Redis (jest global setup): the worker signs checkpoints on its own, through the queue.
jest.setTimeout(60_000);

describe('the checkpoint scheduler', () => {
  const saved = process.env.CHECKPOINT_INTERVAL_MS;
  afterEach(async () => {
    await closeAll();
    if (saved === undefined) delete process.env.CHECKPOINT_INTERVAL_MS;
    else process.env.CHECKPOINT_INTERVAL_MS = saved;
  });

  it('signs, every CHECKPOINT_INTERVAL_MS, a checkpoint that covers the events recorded since the last one', async () => {
    process.env.CHECKPOINT_INTERVAL_MS = '1000';
    const w = await startWorker();
    const id = await draftingDecision(w.decisions);
    const { version } = await w.queries.get(id, who.drafter);
    const covered = await waitFor('a checkpoint covering the decision', async () => {
      const [row] = await w.dataSource.query(
        `SELECT c.tree_size, c.note FROM checkpoints c JOIN merkle_leaves l ON l.jurisdiction = c.jurisdiction
          WHERE l.trail = 'decision' AND l.trail_id = $1 AND l.seq = $2 AND l.leaf_index < c.tree_size ORDER BY c.tree_size LIMIT 1`,
        [id, version],
      );
      return row as { tree_size: string; note: string } | undefined;
    });
    expect(covered.note).toMatch(/^major-decision-engine\/county-a\n\d+\n/);
    const leaves = await w.dataSource.query(`SELECT seq FROM merkle_leaves WHERE trail_id = $1 ORDER BY seq`, [id]);
    expect(leaves.map((l: { seq: number }) => l.seq)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
  });
});
