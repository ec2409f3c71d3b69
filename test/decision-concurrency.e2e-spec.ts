import type { Response } from 'supertest';
import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';
import { expectError, markOf } from './utils/trail-assertions';

// Many writers on one decision: the row lock serialises them, If-Match makes all but one lose,
// the trail stays gapless and verifiable; Idempotency-Key makes repeats (even concurrent ones) record once.

const JURISDICTION = 'county-concurrency';
const WRITERS = 20;

describe('Concurrent writers and idempotency', () => {
  let t: TestApp;
  let flow: DecisionFlow;
  const who = people(JURISDICTION);

  beforeAll(async () => {
    t = await createTestApp();
    flow = new DecisionFlow(t, who);
  });
  afterAll(() => t.close());

  const mark = (id: string) => markOf(t, id, who.auditor);
  async function drafting(): Promise<string> {
    const id = await flow.create();
    await flow.ok(id, who.secretary, lawful.accept);
    return id;
  }
  const parallel = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));
  const statuses = (rs: Response[]) => rs.map((r) => r.status).sort((a, b) => a - b);

  async function expectIntactTrail(id: string) {
    const history = await t.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(who.auditor));
    const events: { seq: number; prevHash: string; hash: string }[] = history.body.events;
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    events.forEach((e, i) => expect(e.prevHash).toBe(i === 0 ? '0'.repeat(64) : events[i - 1].hash));
    const replay = await t.http.get(`/api/decisions/${id}/replay`).set('Authorization', bearer(who.auditor));
    expect(replay.body).toMatchObject({ verified: true, mismatches: [], appliedEvents: events.length });
    const verify = await t.http.get('/api/audit/verify').set('Authorization', bearer(who.auditor));
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ ok: true });
    expect(verify.body.firstBroken).toBeUndefined();
    return events;
  }

  it(`lets exactly one of ${WRITERS} writers with the same If-Match win; the others get 409`, async () => {
    const id = await drafting();
    const before = await mark(id);
    const results = await parallel(WRITERS, (i) => flow.send(id, who.drafter, lawful.draft(`并发草案 ${i}`)).set('If-Match', `"${before.version}"`));
    expect(statuses(results)).toEqual([200, ...Array(WRITERS - 1).fill(409)]);
    const winner = results.find((r) => r.status === 200)!;
    expect(winner.body.event.seq).toBe(before.version + 1);
    for (const loser of results.filter((r) => r.status !== 200)) expectError(loser, 409, 'VERSION_CONFLICT');
    expect(await mark(id)).toMatchObject({ version: before.version + 1, events: before.events + 1, lastHash: winner.body.event.hash });
    await expectIntactTrail(id);
  });

  it(`accepts ${WRITERS} concurrent writers without If-Match, one after another, gapless and verified`, async () => {
    const id = await drafting();
    const before = await mark(id);
    const results = await parallel(WRITERS, (i) => flow.send(id, who.drafter, lawful.draft(`并发草案 ${i}`)));
    expect(statuses(results)).toEqual(Array(WRITERS).fill(200));
    const seqs = results.map((r) => r.body.event.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: WRITERS }, (_, i) => before.version + 1 + i));
    expect(new Set(results.map((r) => r.body.event.hash)).size).toBe(WRITERS);
    // every answer shows the decision as that writer left it
    for (const r of results) expect(r.body.decision.version).toBe(r.body.event.seq);
    const events = await expectIntactTrail(id);
    expect(events).toHaveLength(before.events + WRITERS);
    const final = await flow.get(id);
    expect(final.body).toMatchObject({ version: before.version + WRITERS, draft: { version: WRITERS } });
  });

  it('serialises concurrent writers of different roles and events on one decision', async () => {
    const id = await drafting();
    const bodies = [
      ...Array.from({ length: 8 }, (_, i) => [who.drafter, lawful.draft(`草案 ${i}`)] as const),
      [who.drafter, lawful.experts] as const,
      [who.drafter, lawful.riskReport] as const,
    ];
    const results = await Promise.all(bodies.map(([actor, body]) => flow.send(id, actor, body)));
    expect(statuses(results)).toEqual(Array(bodies.length).fill(200));
    await expectIntactTrail(id);
  });

  describe('Idempotency-Key', () => {
    it('answers a repeat with the first answer and records once', async () => {
      const id = await drafting();
      const before = await mark(id);
      const first = await flow.send(id, who.drafter, lawful.draft('幂等草案')).set('Idempotency-Key', 'draft-once-1');
      expect(first.status).toBe(200);
      const again = await flow.send(id, who.drafter, lawful.draft('幂等草案')).set('Idempotency-Key', 'draft-once-1');
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(await mark(id)).toMatchObject({ version: before.version + 1, events: before.events + 1 });
      // also after the decision moved on: still the first answer, still nothing new
      await flow.ok(id, who.drafter, lawful.draft('另一版草案'));
      const late = await flow.send(id, who.drafter, lawful.draft('幂等草案')).set('Idempotency-Key', 'draft-once-1');
      expect(late.body).toEqual(first.body);
      expect(await mark(id)).toMatchObject({ version: before.version + 2, events: before.events + 2 });
    });

    it('records once when 10 duplicates arrive at the same time; every answer is the same', async () => {
      const id = await drafting();
      const before = await mark(id);
      const results = await parallel(10, () => flow.send(id, who.drafter, lawful.draft('并发幂等草案')).set('Idempotency-Key', 'draft-burst-1'));
      expect(statuses(results)).toEqual(Array(10).fill(200));
      for (const r of results) expect(r.body).toEqual(results[0].body);
      expect(results[0].body.event.seq).toBe(before.version + 1);
      expect(await mark(id)).toMatchObject({ version: before.version + 1, events: before.events + 1 });
      await expectIntactTrail(id);
    });

    it('registers one decision when 10 duplicate registrations arrive at the same time', async () => {
      const title = `幂等登记 ${Date.now()}`;
      const results = await parallel(10, () =>
        t.http.post('/api/decisions').set('Authorization', bearer(who.drafter)).set('Idempotency-Key', 'create-burst-1').send({ title, category: 'OTHER_MAJOR' }),
      );
      expect(statuses(results)).toEqual(Array(10).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      const list = await t.http.get('/api/decisions?category=OTHER_MAJOR&pageSize=100').set('Authorization', bearer(who.auditor));
      expect(list.body.items.filter((d: { title: string }) => d.title === title)).toHaveLength(1);
    });

    it('refuses the same key with a different body: 409 IDEMPOTENCY_KEY_REUSED, nothing recorded', async () => {
      const id = await drafting();
      await flow.send(id, who.drafter, lawful.draft('第一版')).set('Idempotency-Key', 'draft-reuse-1').expect(200);
      const before = await mark(id);
      const reused = await flow.send(id, who.drafter, lawful.draft('第二版')).set('Idempotency-Key', 'draft-reuse-1');
      expectError(reused, 409, 'IDEMPOTENCY_KEY_REUSED');
      const otherType = await flow.send(id, who.drafter, lawful.riskReport).set('Idempotency-Key', 'draft-reuse-1');
      expectError(otherType, 409, 'IDEMPOTENCY_KEY_REUSED');
      expect(await mark(id)).toEqual(before);
    });

    it("does not hand one user's answer to another user using the same key", async () => {
      const id = await drafting();
      const before = await mark(id);
      const colleague = { ...who.drafter, sub: 'drafter-2', name: '另一位起草人' };
      const mine = await flow.send(id, who.drafter, lawful.draft('同一草案')).set('Idempotency-Key', 'shared-key-1');
      const theirs = await flow.send(id, colleague, lawful.draft('同一草案')).set('Idempotency-Key', 'shared-key-1');
      expect([mine.status, theirs.status]).toEqual([200, 200]);
      expect(theirs.body.event.seq).toBe(mine.body.event.seq + 1);
      expect(theirs.body.event.hash).not.toBe(mine.body.event.hash);
      expect(await mark(id)).toMatchObject({ version: before.version + 2, events: before.events + 2 });
      const history = await t.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(who.auditor));
      expect(history.body.events.slice(-2).map((e: { actor: { sub: string } }) => e.actor.sub)).toEqual(['drafter-1', 'drafter-2']);
    });

    // Regression: stored idempotent answers were once keyed without the jurisdiction and served before the visibility check.
    it('does not hand an answer to a same-named user of another jurisdiction (404, as for any stranger)', async () => {
      const id = await drafting();
      const first = await flow.send(id, who.drafter, lawful.draft('跨辖区幂等')).set('Idempotency-Key', 'cross-tenant-1');
      expect(first.status).toBe(200);
      const namesake = people('county-concurrency-namesake').drafter; // same sub 'drafter-1', another county
      const res = await flow.send(id, namesake, lawful.draft('跨辖区幂等')).set('Idempotency-Key', 'cross-tenant-1');
      expectError(res, 404, 'NOT_FOUND');
      expect(JSON.stringify(res.body)).not.toContain(id);
    });
  });
});
