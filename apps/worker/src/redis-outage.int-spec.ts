// The harness first: it sets RECONCILE_EVERY_MS before DeadlineReconciler's module reads it.
import { closeAll, enqueued, startWorker, waitFor } from './testing/worker-harness';
import { commentEndingIn, deadline, eventsOf, who } from './testing/deadline-fixtures';
import { TcpProxy } from './testing/tcp-proxy';

jest.setTimeout(60_000);

// Redis behind a proxy the test cuts and restores: what the app sees when Redis goes down and comes back.
describe('the timers while Redis is down', () => {
  let redis: TcpProxy;

  beforeAll(async () => {
    const real = new URL(process.env.REDIS_URL!);
    redis = await new TcpProxy({ host: real.hostname, port: Number(real.port || 6379) }).start();
  });
  afterEach(closeAll);
  afterAll(() => redis.close());

  it('answers every committed event at once, keeps its deadline in the outbox, and fires it once Redis is back', async () => {
    const w = await startWorker({ redisUrl: `redis://127.0.0.1:${redis.port}` });
    await redis.cut();

    const started = Date.now();
    const { decisionId, deadlineId, dueAt } = await commentEndingIn(w.decisions, w.dataSource, 4_000);
    // Three events (accept, draft, open comment) and the deadline row, with Redis down: no wait on the queue.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await deadline(w.dataSource, deadlineId)).toMatchObject({ status: 'pending', fired_at: null });
    // The drainer claims the row, fails to reach the queue within its bound, and puts the row back.
    await waitFor('the drainer to try', async () => w.queue.has('deadlines', deadlineId).then(() => false, () => true), 10_000);
    await waitFor('the row back in the outbox', async () => (await w.dataSource.query(`SELECT enqueued_at FROM deadlines WHERE id = $1`, [deadlineId]))[0].enqueued_at === null, 10_000);
    // A later event on the same decision answers at once too.
    const t = Date.now();
    await w.decisions.apply(decisionId, { type: 'REVISE_DRAFT', payload: { text: '修订稿（停电期间）', changeSummary: '文字修改' } }, who.drafter);
    expect(Date.now() - t).toBeLessThan(1_000);

    await redis.restore();
    await enqueued(w, deadlineId);
    await waitFor('the deadline to fire', async () => (await deadline(w.dataSource, deadlineId)).fired_at, 30_000);
    expect(Date.now()).toBeGreaterThanOrEqual(dueAt.getTime());
    expect(await eventsOf(w.dataSource, decisionId, 'PUBLIC_COMMENT_ELAPSED')).toHaveLength(1);
  });

  it('starts a worker while Redis is down and consumes once it is back', async () => {
    await redis.cut();
    const started = Date.now();
    const w = await startWorker({ redisUrl: `redis://127.0.0.1:${redis.port}` });
    expect(Date.now() - started).toBeLessThan(15_000);
    const { decisionId, deadlineId } = await commentEndingIn(w.decisions, w.dataSource, 2_000);
    await redis.restore();
    await waitFor('the deadline to fire', async () => (await deadline(w.dataSource, deadlineId)).fired_at, 30_000);
    expect(await eventsOf(w.dataSource, decisionId, 'PUBLIC_COMMENT_ELAPSED')).toHaveLength(1);
  });
});
