import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';
import { expectError, markOf } from './utils/trail-assertions';

// Two API processes on one database (two apps: each remembers the projections it last wrote).
// What one remembers goes stale when the other moves a decision on; every answer must still be
// decided on the decision's current state, and the trail must stay one gapless chain.

const JURISDICTION = 'county-two-processes';

describe('Two processes writing the same decisions', () => {
  let a: TestApp;
  let b: TestApp;
  let viaA: DecisionFlow;
  let viaB: DecisionFlow;
  const who = people(JURISDICTION);

  beforeAll(async () => {
    [a, b] = await Promise.all([createTestApp(), createTestApp()]);
    viaA = new DecisionFlow(a, who);
    viaB = new DecisionFlow(b, who);
  });
  afterAll(() => Promise.all([a?.close(), b?.close()]));

  async function expectOneChain(id: string, events: number) {
    const history = await b.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(who.auditor));
    const trail: { seq: number; prevHash: string; hash: string }[] = history.body.events;
    expect(trail.map((e) => e.seq)).toEqual(Array.from({ length: events }, (_, i) => i + 1));
    trail.forEach((e, i) => expect(e.prevHash).toBe(i === 0 ? '0'.repeat(64) : trail[i - 1].hash));
    const replay = await a.http.get(`/api/decisions/${id}/replay`).set('Authorization', bearer(who.auditor));
    expect(replay.body).toMatchObject({ verified: true, mismatches: [], appliedEvents: events });
  }

  it('appends after the other process’s event, not over it', async () => {
    const id = await viaA.create();
    await viaA.ok(id, who.secretary, lawful.accept);
    await viaA.ok(id, who.drafter, lawful.draft('甲进程草案 1')); // A remembers version 3
    const fromB = await viaB.ok(id, who.drafter, lawful.draft('乙进程草案')); // version 4, unknown to A
    const fromA = await viaA.ok(id, who.drafter, lawful.draft('甲进程草案 2'));
    expect(fromB.event.seq).toBe(4);
    expect(fromA.event.seq).toBe(5);
    expect(fromA.decision).toMatchObject({ version: 5, draft: { version: 3 } });
    await expectOneChain(id, 5);
  });

  it('does not refuse on a remembered state the decision has left', async () => {
    const id = await viaA.create(); // A remembers `proposed`, where no draft is accepted
    await viaB.ok(id, who.secretary, lawful.accept); // now drafting
    const res = await viaA.send(id, who.drafter, lawful.draft());
    expect(res.status).toBe(200);
    expect(res.body.event.seq).toBe(3);
    await expectOneChain(id, 3);
  });

  it('refuses what the current state refuses, though the remembered state would allow it', async () => {
    const id = await viaA.create(); // A remembers `proposed`, where the proposal may be accepted
    await viaB.ok(id, who.secretary, lawful.accept); // accepted through B: drafting
    const before = await markOf(b, id, who.auditor);
    const fromA = await viaA.send(id, who.secretary, lawful.accept);
    const fromB = await viaB.send(id, who.secretary, lawful.accept);
    expectError(fromA, 422, 'EVENT_NOT_ALLOWED');
    expect(fromA.body).toEqual(fromB.body);
    expect(await markOf(b, id, who.auditor)).toEqual(before);
  });

  it('judges If-Match against the current version, not a remembered one', async () => {
    const id = await viaA.create();
    await viaA.ok(id, who.secretary, lawful.accept); // A remembers version 2
    await viaB.ok(id, who.drafter, lawful.draft('乙进程草案')); // version 3
    const current = await viaA.send(id, who.drafter, lawful.draft('基于最新版本')).set('If-Match', '"3"');
    expect(current.status).toBe(200);
    expect(current.body.event.seq).toBe(4);
    const stale = await viaB.send(id, who.drafter, lawful.draft('基于旧版本')).set('If-Match', '"3"');
    expectError(stale, 409, 'VERSION_CONFLICT');
    await expectOneChain(id, 4);
  });

  it('keeps one chain when both processes write the same decision at once', async () => {
    const id = await viaA.create();
    await viaA.ok(id, who.secretary, lawful.accept);
    await viaB.ok(id, who.drafter, lawful.draft('起点'));
    const writes = Array.from({ length: 16 }, (_, i) => (i % 2 ? viaA : viaB).send(id, who.drafter, lawful.draft(`并发 ${i}`)));
    const results = await Promise.all(writes);
    expect(results.map((r) => r.status)).toEqual(Array(16).fill(200));
    expect(results.map((r) => r.body.event.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 16 }, (_, i) => 4 + i));
    await expectOneChain(id, 19);
  });
});
