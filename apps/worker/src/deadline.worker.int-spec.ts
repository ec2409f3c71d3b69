// The harness first: it sets RECONCILE_EVERY_MS before DeadlineReconciler's module reads it.
import { closeAll, enqueued, flushQueueKeys, jobQueued, muteReconcile, sleep, startProducer, startWorker, waitFor, type Harness } from './testing/worker-harness';
import { ampleOpinionNeededBy, commentEndingIn, deadline, deadlinesOf, eventsOf, inLegalityReview, notificationsOf, who } from './testing/deadline-fixtures';

// Real PostgreSQL and Redis (jest global setup): the timers of the procedure, end to end below the HTTP layer.
jest.setTimeout(45_000);

/** Waits until the deadline row records its firing. */
const firedRow = (h: Harness, deadlineId: string) =>
  waitFor(`deadline ${deadlineId} to fire`, async () => {
    const row = await deadline(h.dataSource, deadlineId);
    return row.fired_at ? row : null;
  });

/** Exactly one PUBLIC_COMMENT_ELAPSED, sent by the system, the comment step closed and the chain intact. */
async function expectElapsedOnce(h: Harness, decisionId: string, deadlineId: string) {
  const row = await firedRow(h, deadlineId);
  expect(['fired', 'closed']).toContain(row.status);
  await sleep(500); // a late duplicate would land here
  const elapsed = await eventsOf(h.dataSource, decisionId, 'PUBLIC_COMMENT_ELAPSED');
  expect(elapsed).toHaveLength(1);
  expect(elapsed[0].actor.sub).toBe('system');
  const decision = await h.queries.get(decisionId, who.drafter);
  expect(decision.steps.publicParticipation.status).toBe('closed');
  const replay = await h.trails.replay(decisionId, who.auditor);
  expect(replay).toMatchObject({ verified: true, mismatches: [] });
}

describe('the deadline timers (outbox, queue, firing, reconciler)', () => {
  afterEach(async () => {
    jest.restoreAllMocks();
    await closeAll();
  });

  it('fires a due PUBLIC_COMMENT_END once, as PUBLIC_COMMENT_ELAPSED sent by the system through apply', async () => {
    const w = await startWorker();
    muteReconcile(w); // only the delayed BullMQ job may fire it
    const { decisionId, deadlineId } = await commentEndingIn(w.decisions, w.dataSource, 2_000);
    expect(await deadline(w.dataSource, deadlineId)).toMatchObject({ status: 'pending', fire_event: 'PUBLIC_COMMENT_ELAPSED', fired_at: null });

    await expectElapsedOnce(w, decisionId, deadlineId);
    // Asked again, it records nothing new.
    expect(await w.firing.fire(deadlineId)).toBe('already-handled');
    expect(await eventsOf(w.dataSource, decisionId, 'PUBLIC_COMMENT_ELAPSED')).toHaveLength(1);
  });

  it('still fires once when the queue is flushed between scheduling and the due time, after reconcile()', async () => {
    const w = await startWorker();
    const { decisionId, deadlineId, dueAt } = await commentEndingIn(w.decisions, w.dataSource, 3_000);
    await enqueued(w, deadlineId);

    await flushQueueKeys(); // FLUSHALL, scoped to this run's queues
    expect(await jobQueued(w, deadlineId)).toBe(false);
    expect(Date.now()).toBeLessThan(dueAt.getTime());

    await w.reconciler.reconcile();
    expect(await jobQueued(w, deadlineId)).toBe(true); // re-created from the deadlines table
    await expectElapsedOnce(w, decisionId, deadlineId);
  });

  // Regression: the periodic reconcile once stopped for good after the queue store was flushed.
  it('keeps reconciling periodically after the queue is flushed', async () => {
    const w = await startWorker();
    await flushQueueKeys(); // loses the reconcile scheduler
    const { decisionId, deadlineId } = await commentEndingIn(w.decisions, w.dataSource, 500);
    await enqueued(w, deadlineId);
    await w.queue.remove('deadlines', deadlineId); // and this deadline's job: only a reconcile can fire it now
    await expectElapsedOnce(w, decisionId, deadlineId);
  });

  it('fires once when two workers race reconcile() and fire() on the same due deadline', async () => {
    const a = await startWorker();
    const b = await startWorker();
    const reconcile = [muteReconcile(a), muteReconcile(b)];
    const { decisionId, deadlineId, dueAt } = await commentEndingIn(a.decisions, a.dataSource, 1_000);
    await enqueued(a, deadlineId);
    await a.queue.remove('deadlines', deadlineId); // the racers below are the only ones to fire it
    await waitFor('the due time', async () => Date.now() > dueAt.getTime() + 50);

    const fires = [a, b].flatMap((w) => Array.from({ length: 5 }, () => w.firing.fire(deadlineId)));
    const outcomes = await Promise.all([...fires, ...reconcile.map((r) => r())]);
    expect(outcomes.slice(0, 10).every((o) => ['fired', 'already-handled'].includes(o as string))).toBe(true);

    await expectElapsedOnce(a, decisionId, deadlineId);
    expect(await b.trails.verifyJurisdiction('county-a')).toMatchObject({ ok: true });
  });

  it('fires a deadline that fell due while no worker ran, in the bootstrap reconcile of the next worker', async () => {
    const api = await startProducer(); // DecisionService + the queue producer, nobody consuming
    const { decisionId, deadlineId, dueAt } = await commentEndingIn(api.decisions, api.dataSource, 1_000);
    await waitFor('the due time', async () => Date.now() > dueAt.getTime() + 500);
    expect(await deadline(api.dataSource, deadlineId)).toMatchObject({ status: 'pending', fired_at: null });

    const w = await startWorker(); // resolves once onApplicationBootstrap (and its reconcile) is done
    const row = await deadline(w.dataSource, deadlineId);
    expect(row.fired_at).not.toBeNull();
    expect(await eventsOf(w.dataSource, decisionId, 'PUBLIC_COMMENT_ELAPSED')).toHaveLength(1);
    await expectElapsedOnce(w, decisionId, deadlineId);
  });

  it('raises one overdue notice for a past-due LEGALITY_REVIEW_DUE however often it fires, and lists it as overdue', async () => {
    const api = await startProducer();
    const opinionNeededBy = ampleOpinionNeededBy(api);
    const decisionId = await inLegalityReview(api.decisions, opinionNeededBy);
    const [due] = await deadlinesOf(api.dataSource, decisionId, 'LEGALITY_REVIEW_DUE');
    expect(due).toMatchObject({ status: 'pending', fire_event: null });
    expect(due.due_at.toISOString()).toBe(new Date(opinionNeededBy).toISOString());

    const w = await startWorker();
    expect(await w.firing.fire(due.id)).toBe('not-due');
    await w.dataSource.query(`UPDATE deadlines SET due_at = now() - interval '1 hour' WHERE id = $1`, [due.id]);

    const outcomes = await Promise.all([w.firing.fire(due.id), w.firing.fire(due.id)]);
    expect(outcomes).toContain('notified');
    await w.firing.fire(due.id);
    await w.reconciler.reconcile();

    const notices = await notificationsOf(w.dataSource, due.id);
    expect(notices).toHaveLength(1);
    expect(notices[0].kind).toBe('LEGALITY_REVIEW_DUE');
    expect(await deadline(w.dataSource, due.id)).toMatchObject({ status: 'fired', fired_at: expect.any(Date) });
    // A notice changes no state: the decision is still under review, and no event was recorded for it.
    expect((await w.queries.get(decisionId, who.reviewer)).status).toBe('legalityReview');

    const { items } = await w.queries.deadlines(who.secretary, true);
    expect(items).toContainEqual(expect.objectContaining({ id: due.id, kind: 'LEGALITY_REVIEW_DUE', overdue: true, decisionId }));
  });

  // Regression: reminders were once listed among the open deadlines (LIKE pattern escaped twice).
  it('lists no reminders among the open deadlines', async () => {
    const api = await startProducer();
    const opinionNeededBy = ampleOpinionNeededBy(api);
    const decisionId = await inLegalityReview(api.decisions, opinionNeededBy);
    expect(await deadlinesOf(api.dataSource, decisionId, 'LEGALITY_REVIEW_DUE_REMINDER')).toHaveLength(1);

    const { items } = await api.queries.deadlines(who.secretary, false);
    const ofDecision = items.filter((d: { decisionId: string }) => d.decisionId === decisionId).map((d: { kind: string }) => d.kind);
    expect(ofDecision).toEqual(['LEGALITY_REVIEW_DUE']);
  });

  it('fires a due PUBLIC_COMMENT_END through the BullMQ PostgreSQL backend when REDIS_URL is unset', async () => {
    const redisUrl = process.env.REDIS_URL;
    const w = await startWorker({ withoutRedis: true });
    expect(process.env.REDIS_URL).toBe(redisUrl); // restored once the module is built
    expect(w.queue.kind).toBe('postgres');
    muteReconcile(w); // only the delayed job, stored in PostgreSQL, may fire it

    const { decisionId, deadlineId } = await commentEndingIn(w.decisions, w.dataSource, 2_000);
    await enqueued(w, deadlineId);
    await expectElapsedOnce(w, decisionId, deadlineId);
  });
});
