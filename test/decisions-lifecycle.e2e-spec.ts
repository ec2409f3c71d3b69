import { createTestApp, type TestApp } from './utils';
import { DecisionFlow, inDays, lawful } from './utils/decision-flow';
import { bearer } from './utils/token-for';

describe('Decision lifecycle over HTTP', () => {
  let t: TestApp;
  let flow: DecisionFlow;

  beforeAll(async () => {
    t = await createTestApp();
    flow = new DecisionFlow(t);
  });
  afterAll(() => t.close());

  it('registers a decision in proposed as event 1 with an ETag', async () => {
    const res = await t.http
      .post('/api/decisions')
      .set('Authorization', bearer(flow.who.drafter))
      .send({ title: '农村人居环境整治方案', category: 'PUBLIC_POLICY', summary: '整治方案' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'proposed', version: 1, category: 'PUBLIC_POLICY', profile: { id: 'national', version: 2 } });
    expect(res.headers.etag).toBe('"1"');
    const history = await t.http.get(`/api/decisions/${res.body.id}/history`).set('Authorization', bearer(flow.who.auditor));
    expect(history.body.events).toHaveLength(1);
    expect(history.body.events[0]).toMatchObject({ seq: 1, type: 'CREATE_DECISION', prevHash: '0'.repeat(64) });
  });

  it('runs the full path from proposal to implementation and closure, with a gapless verified trail', async () => {
    const { drafter, secretary, head, executor, auditor } = flow.who;
    const id = await flow.create();
    await flow.toDecided(id);
    await flow.ok(id, secretary, lawful.partyCommittee);
    const published = await flow.ok(id, secretary, lawful.publish);
    expect(published.decision.status).toBe('implementing');
    await flow.ok(id, secretary, { type: 'ASSIGN_EXECUTION', unit: 'agri-bureau', dueAt: inDays(180), reportEveryDays: 30 });
    await flow.ok(id, executor, { type: 'REPORT_EXECUTION', progress: '已完成一期建设' });
    const kinds = (d: { deadlines: { kind: string; id: string }[] }) => d.deadlines.map((x) => x.kind).sort();
    const assigned = (await flow.get(id)).body;
    expect(kinds(assigned)).toEqual(['EXECUTION_DUE', 'EXECUTION_REPORT_DUE']);
    const suspended = await flow.ok(id, head, { type: 'SUSPEND_EXECUTION', reason: '突发自然灾害' });
    expect(suspended.decision.deadlines).toEqual([]); // nothing is owed while execution is suspended
    const resumed = await flow.ok(id, head, { type: 'RESUME_EXECUTION', reason: '灾情解除' });
    expect(kinds(resumed.decision)).toEqual(['EXECUTION_DUE', 'EXECUTION_REPORT_DUE']);
    // the same statutory deadline is reopened, not duplicated
    expect(resumed.decision.deadlines.find((x: { kind: string }) => x.kind === 'EXECUTION_DUE').id).toBe(
      assigned.deadlines.find((x: { kind: string }) => x.kind === 'EXECUTION_DUE').id,
    );
    const closed = await flow.ok(id, secretary, { type: 'COMPLETE_EXECUTION', summary: '全部完成' });
    expect(closed.decision.status).toBe('closed');
    expect(closed.decision.allowedEvents).toEqual([]);

    const history = await t.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(auditor));
    const seqs = history.body.events.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
    expect(history.body.events.every((e: { prevHash: string }, i: number, all: { hash: string }[]) => i === 0 || e.prevHash === all[i - 1].hash)).toBe(true);

    const replay = await t.http.get(`/api/decisions/${id}/replay`).set('Authorization', bearer(auditor));
    expect(replay.body).toMatchObject({ status: 'closed', verified: true, mismatches: [], appliedEvents: seqs.length });
    const partial = await t.http.get(`/api/decisions/${id}/replay?toSeq=2`).set('Authorization', bearer(auditor));
    expect(partial.body).toMatchObject({ status: 'drafting', appliedEvents: 2, verified: true });
    const huge = await t.http.get(`/api/decisions/${id}/replay?toSeq=99999999999999999999`).set('Authorization', bearer(auditor));
    expect(huge.status).toBe(400);
    expect(huge.body.code).toBe('VALIDATION_FAILED');
    expect(drafter).toBeDefined();
  });

  it('shows steps, the draft hash, deadlines and the events the caller may send', async () => {
    const id = await flow.create();
    await flow.ok(id, flow.who.secretary, lawful.accept);
    await flow.ok(id, flow.who.drafter, lawful.draft('草案正文'));
    await flow.ok(id, flow.who.drafter, { ...lawful.openComment, startsAt: inDays(0), endsAt: inDays(31) });
    const res = await flow.get(id);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"4"');
    expect(res.body.draft).toEqual({ version: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(res.body.steps).toMatchObject({
      publicParticipation: { status: 'open' },
      expertArgumentation: { status: 'pending' },
      riskAssessment: { status: 'pending' },
      legalityReview: { status: 'pending' },
      collectiveDiscussion: { status: 'pending' },
    });
    expect(res.body.deadlines).toEqual([expect.objectContaining({ kind: 'PUBLIC_COMMENT_END', overdue: false })]);
    expect(res.body.allowedEvents).toEqual(expect.arrayContaining(['REVISE_DRAFT', 'APPOINT_EXPERTS', 'SUBMIT_RISK_REPORT', 'WITHDRAW']));
    expect(res.body.allowedEvents).not.toContain('CLOSE_PUBLIC_COMMENT');
    expect(res.body.allowedEvents).not.toContain('SUBMIT_FOR_COLLECTIVE_DISCUSSION');
    const asReviewer = await flow.get(id, flow.who.reviewer);
    expect(asReviewer.body.allowedEvents).toEqual([]);
  });

  it('lists decisions with filters and pagination', async () => {
    await flow.create({ category: 'CONSTRUCTION_PROJECT', title: '县城污水处理厂建设' });
    const res = await t.http.get('/api/decisions?category=CONSTRUCTION_PROJECT&page=1&pageSize=5').set('Authorization', bearer(flow.who.secretary));
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThanOrEqual(1);
    expect(res.body.items.every((d: { category: string }) => d.category === 'CONSTRUCTION_PROJECT')).toBe(true);
  });
});
