import { Clock } from '@app/common';
import { DecisionService } from '@app/decisions';
import { systemActor } from '@app/procedure';
import type { ActorClaimsInput } from '../apps/api/src/auth/actor-token';
import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, inDays, lawful, people } from './utils/decision-flow';
import { expectRefused } from './utils/trail-assertions';

// Public participation under machine v2 (Art. 14-15), over HTTP: each rule refuses with its code and
// records nothing; the public is shown the draft its period was opened on; the timer race is told.

const J = 'county-v2-participation';
const DAY = 86_400_000;
/** The server's clock, movable by the test. */
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

describe('Public participation (machine v2)', () => {
  let t: TestApp;
  let flow: DecisionFlow;
  const who = people(J);
  const refused = (id: string, send: () => Promise<import('supertest').Response>, status: number, code: string, among = false) =>
    expectRefused(t, id, who.auditor, send, status, code, { among });
  const openNow = (over: Record<string, unknown> = {}) => ({ type: 'OPEN_PUBLIC_COMMENT', startsAt: inDays(0), endsAt: inDays(30), channels: ['县政府门户网站'], explanation: '起草说明', ...over });
  const upload = async (actor: ActorClaimsInput, name = 'record.txt') =>
    (await t.http.post('/api/materials').set('Authorization', bearer(actor)).attach('file', Buffer.from(`${name} ${Math.random()}`), name)).body.id as string;

  async function drafting(text = '草案第一稿'): Promise<string> {
    const id = await flow.create({ title: '城区停车收费调整方案' });
    await flow.ok(id, who.secretary, lawful.accept);
    await flow.ok(id, who.drafter, lawful.draft(text));
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp({ configure: (b) => b.overrideProvider(Clock).useValue(clock) });
    flow = new DecisionFlow(t, who);
  });
  afterAll(() => t.close());

  it('publishes the draft with its explanation (COMMENT_EXPLANATION_REQUIRED)', async () => {
    const id = await drafting();
    await refused(id, () => flow.send(id, who.drafter, openNow({ explanation: '   ' })), 422, 'COMMENT_EXPLANATION_REQUIRED');
    await flow.ok(id, who.drafter, openNow());
  });

  it('counts a period from when it is recorded: one begun earlier needs the published notice (COMMENT_PERIOD_BACKDATED) and is shown as recorded afterwards', async () => {
    const id = await drafting();
    await refused(id, () => flow.send(id, who.drafter, { ...lawful.openComment }), 422, 'COMMENT_PERIOD_BACKDATED');
    const notice = await flow.notice();
    const opened = await flow.ok(id, who.drafter, { ...lawful.openComment, evidenceMaterialId: notice });
    expect(opened.decision.steps.publicParticipation.comment).toMatchObject({ recordedAfterwards: true, evidenceMaterialId: notice, openedAt: expect.any(String) });
    const history = (await t.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(who.auditor))).body.events;
    expect(history.at(-1).payload.materials).toEqual([expect.objectContaining({ id: notice, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
  });

  it('refuses as unknown a notice the drafter may not read (404 MATERIAL_NOT_FOUND): a citation never widens who reads it', async () => {
    const id = await drafting();
    const others = await upload({ ...who.drafter, sub: 'drafter-env', unit: 'env-bureau' }, 'env-notice.txt');
    const foreign = await upload({ ...people('county-elsewhere').drafter }, 'foreign.txt');
    for (const evidenceMaterialId of [others, foreign]) {
      await refused(id, () => flow.send(id, who.drafter, { ...lawful.openComment, evidenceMaterialId }), 404, 'MATERIAL_NOT_FOUND');
    }
    // the secretary sees confidential matters, and so may read (and cite) any material of the jurisdiction
    expect((await t.http.get(`/api/materials/${others}`).set('Authorization', bearer(who.secretary))).status).toBe(200);
    expect((await t.http.get(`/api/materials/${others}`).set('Authorization', bearer(who.drafter))).status).toBe(404);
  });

  it('holds one period per draft (COMMENT_PERIOD_ALREADY_OPEN); the public sees the draft its period was opened on, and a revised draft its own new period', async () => {
    const id = await drafting('停车收费方案（第一稿）');
    await flow.ok(id, who.drafter, openNow());
    await refused(id, () => flow.send(id, who.drafter, openNow()), 422, 'COMMENT_PERIOD_ALREADY_OPEN');
    const comment = (content: string) => t.http.post(`/api/public/consultations/${id}/comments`).send({ content });
    expect((await comment('第一期意见')).status).toBe(201);
    const first = (await t.http.get(`/api/public/consultations/${id}`)).body;
    await flow.ok(id, who.drafter, { type: 'REVISE_DRAFT', text: '停车收费方案（第二稿）', changeSummary: '调整夜间收费' });
    const still = (await t.http.get(`/api/public/consultations/${id}`)).body;
    expect(still.draft).toEqual(first.draft);
    expect(still.draft).toMatchObject({ version: 1, text: '停车收费方案（第一稿）' });
    await flow.ok(id, who.drafter, openNow({ explanation: '第二稿起草说明' }));
    const second = (await t.http.get(`/api/public/consultations/${id}`)).body;
    expect(second).toMatchObject({ period: 2, draft: { version: 2, text: '停车收费方案（第二稿）' }, explanation: '第二稿起草说明', comments: 0 });
    expect((await comment('第二期意见')).status).toBe(201);
    const staff = (await t.http.get(`/api/decisions/${id}/comments`).set('Authorization', bearer(who.drafter))).body.items;
    expect(staff.map((c: { content: string; period: number }) => [c.content, c.period])).toEqual(expect.arrayContaining([['第一期意见', 1], ['第二期意见', 2]]));
  });

  it('refuses a report on a period whose draft changed before it closed (COMMENT_ON_OLD_DRAFT)', async () => {
    const id = await drafting();
    await flow.openComment(id);
    await flow.ok(id, who.drafter, { type: 'REVISE_DRAFT', text: '期间修改的草案', changeSummary: '修改' });
    await flow.ok(id, who.drafter, lawful.closeComment);
    await refused(id, () => flow.send(id, who.drafter, lawful.opinionReport), 422, 'COMMENT_ON_OLD_DRAFT');
  });

  it('reports only on a method actually used (PARTICIPATION_NOT_HELD); other methods count with their record, never dated in the future (DATE_IN_FUTURE)', async () => {
    const id = await drafting();
    await refused(id, () => flow.send(id, who.drafter, lawful.opinionReport), 422, 'PARTICIPATION_NOT_HELD');
    const record = await upload(who.drafter, 'forum-record.txt');
    const forum = (heldAt: string, materialId = record) => ({ ...lawful.opinionReport, otherMethods: [{ method: 'FORUM', heldAt, summary: '商户座谈会', materialId }] });
    await refused(id, () => flow.send(id, who.drafter, forum(inDays(2))), 422, 'DATE_IN_FUTURE');
    const unreadable = await upload({ ...who.drafter, sub: 'drafter-env', unit: 'env-bureau' }, 'other-record.txt');
    await refused(id, () => flow.send(id, who.drafter, forum(inDays(-1), unreadable)), 404, 'MATERIAL_NOT_FOUND');
    const done = await flow.ok(id, who.drafter, forum(inDays(-1)));
    expect(done.decision.steps.publicParticipation.status).toBe('completed');
  });

  it('refuses a hearing recorded as held in the future (DATE_IN_FUTURE)', async () => {
    const id = await drafting();
    await refused(id, () => flow.send(id, who.drafter, { ...lawful.hearing, heldAt: inDays(3), materialsSentAt: inDays(-7) }), 422, 'DATE_IN_FUTURE');
    await flow.ok(id, who.drafter, lawful.hearing);
  });

  it('tells a drafter whose CLOSE_PUBLIC_COMMENT lost the race to the timer who closed the period and when (COMMENT_PERIOD_ALREADY_CLOSED)', async () => {
    const id = await drafting();
    await flow.openComment(id);
    // what the worker does when the PUBLIC_COMMENT_END deadline fires
    await t.app.get(DecisionService).apply(id, { type: 'PUBLIC_COMMENT_ELAPSED', payload: {} }, systemActor(J));
    const closedAt = (await flow.get(id)).body.steps.publicParticipation.comment.closedAt;
    const res = await refused(id, () => flow.send(id, who.drafter, lawful.closeComment), 422, 'COMMENT_PERIOD_ALREADY_CLOSED');
    expect(res.body.message).toContain('系统定时器');
    expect(res.body.message).toContain(closedAt);
  });

  it('names the person who closed a period first (COMMENT_PERIOD_ALREADY_CLOSED)', async () => {
    const id = await drafting();
    await flow.openComment(id);
    await flow.ok(id, who.drafter, lawful.closeComment);
    const colleague = { ...who.drafter, sub: 'drafter-2', name: '起草人乙' };
    const res = await refused(id, () => flow.send(id, colleague, lawful.closeComment), 422, 'COMMENT_PERIOD_ALREADY_CLOSED');
    expect(res.body.message).toContain(who.drafter.name);
  });

  it('offers CLOSE_PUBLIC_COMMENT as blocked with its rule while the period runs, and only to the drafters of the undertaking unit', async () => {
    const id = await drafting();
    await flow.ok(id, who.drafter, openNow());
    const own = (await flow.get(id)).body;
    expect(own.allowedEvents).not.toContain('CLOSE_PUBLIC_COMMENT');
    expect(own.blockedEvents).toEqual(expect.arrayContaining([{ type: 'CLOSE_PUBLIC_COMMENT', reasons: [expect.objectContaining({ code: 'COMMENT_PERIOD_NOT_ELAPSED' })] }]));
    const stranger = (await flow.get(id, { ...who.drafter, sub: 'drafter-env', unit: 'env-bureau' })).body;
    expect([...stranger.allowedEvents, ...stranger.blockedEvents.map((b: { type: string }) => b.type)]).not.toContain('CLOSE_PUBLIC_COMMENT');
    clock.offsetMs = 31 * DAY;
    try {
      const later = (await flow.get(id)).body;
      expect(later.allowedEvents).toContain('CLOSE_PUBLIC_COMMENT');
      expect(later.blockedEvents.map((b: { type: string }) => b.type)).not.toContain('CLOSE_PUBLIC_COMMENT');
    } finally {
      clock.offsetMs = 0;
    }
  });
});
