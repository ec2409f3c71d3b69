import { NEW_DECISION_MACHINE } from '@app/decisions';
import { createTestApp, type TestApp } from './utils';
import { DecisionFlow, inDays, lawful, people } from './utils/decision-flow';
import { bearer } from './utils/token-for';
import { expectError, markOf, reasonCodes } from './utils/trail-assertions';

// The upgrade to machine v2: a build from before it (new decisions on v1) and the current build (new
// decisions on v2) serve one database. A decision keeps the machine version it started on to its end:
// a v1 decision in flight finishes under v1's rules while a new decision runs under v2's, side by side.

const J = 'county-upgrade';

describe('Upgrade to machine v2', () => {
  const who = people(J);
  let before: TestApp;
  let after: TestApp;
  let v1: string;
  let v2: string;
  let flow: DecisionFlow;

  beforeAll(async () => {
    before = await createTestApp({ configure: (b) => b.overrideProvider(NEW_DECISION_MACHINE).useValue(1) });
    after = await createTestApp();
    const old = new DecisionFlow(before, who);
    v1 = await old.create({ title: '升级前立项的决策' });
    await old.ok(v1, who.secretary, lawful.accept);
    await old.ok(v1, who.drafter, lawful.draft('升级前的草案'));
    flow = new DecisionFlow(after, who);
    v2 = await flow.create({ title: '升级后立项的决策' });
    await flow.ok(v2, who.secretary, lawful.accept);
    await flow.ok(v2, who.drafter, lawful.draft('升级后的草案'));
  });
  afterAll(async () => {
    await before.close();
    await after.close();
  });

  it('starts new decisions on v2 while one started before the upgrade stays on v1', async () => {
    const [a, b] = [(await flow.get(v1)).body, (await flow.get(v2)).body];
    expect({ machine: a.machine, profile: a.profile }).toEqual({ machine: { id: 'major-decision', version: 1 }, profile: { id: 'national', version: 1 } });
    expect({ machine: b.machine, profile: b.profile }).toEqual({ machine: { id: 'major-decision', version: 2 }, profile: { id: 'national', version: 2 } });
  });

  it('applies v2 rules to the new decision only: a period begun before it was recorded needs its notice on v2', async () => {
    const mark = await markOf(after, v2, who.auditor);
    expectError(await flow.send(v2, who.drafter, lawful.openComment), 422, 'COMMENT_PERIOD_BACKDATED');
    expect(await markOf(after, v2, who.auditor)).toEqual(mark);
    await flow.ok(v1, who.drafter, lawful.openComment);
    const opened = await flow.openComment(v2);
    expect(opened.decision.steps.publicParticipation.comment).toMatchObject({ recordedAfterwards: true, number: 1 });
  });

  it('finishes the v1 decision under v1 after the upgrade: no advisers owed, members by name, the head after one member', async () => {
    const { drafter, secretary, reviewer, head, executor } = who;
    for (const event of [lawful.closeComment, lawful.opinionReport, lawful.experts]) await flow.ok(v1, drafter, event);
    for (const e of lawful.experts.experts) await flow.ok(v1, drafter, lawful.expertOpinion(e.name));
    for (const event of [lawful.expertReport, lawful.riskReport, lawful.submitReview]) await flow.ok(v1, drafter, event);
    const { advisers: _none, ...withoutAdvisers } = lawful.lawfulOpinion;
    await flow.ok(v1, reviewer, withoutAdvisers);
    await flow.ok(v1, drafter, lawful.toDiscussion);
    await flow.ok(v1, secretary, { ...lawful.meeting, attendees: ['委员甲', '委员乙', '委员丙', '县长'] });
    await flow.ok(v1, secretary, lawful.opinion('委员甲'));
    await flow.ok(v1, secretary, lawful.opinion('县长', 'FOR', true));
    await flow.ok(v1, head, lawful.adopt);
    await flow.ok(v1, secretary, lawful.partyCommittee);
    await flow.ok(v1, secretary, lawful.publish);
    await flow.ok(v1, secretary, { type: 'ASSIGN_EXECUTION', unit: 'agri-bureau', dueAt: inDays(90), reportEveryDays: 30 });
    await flow.ok(v1, executor, { type: 'REPORT_EXECUTION', progress: '已完成' });
    const closed = await flow.ok(v1, secretary, { type: 'COMPLETE_EXECUTION', summary: '执行完毕' });
    expect(closed.decision.status).toBe('closed');
    const history = (await after.http.get(`/api/decisions/${v1}/history`).set('Authorization', bearer(who.auditor))).body.events;
    expect(new Set(history.map((e: { machine: { version: number } }) => e.machine.version))).toEqual(new Set([1]));
    const replay = (await after.http.get(`/api/decisions/${v1}/replay`).set('Authorization', bearer(who.auditor))).body;
    expect(replay).toMatchObject({ status: 'closed', verified: true, mismatches: [], decision: { machine: { version: 1 } } });
  });

  it('holds the v2 decision to v2 at the same steps: advisers owed, every attendee heard, the head last of all', async () => {
    const { drafter, secretary, reviewer, head } = who;
    for (const event of [lawful.closeComment, lawful.opinionReport, lawful.experts]) await flow.ok(v2, drafter, event);
    for (const e of lawful.experts.experts) await flow.ok(v2, drafter, lawful.expertOpinion(e.name));
    for (const event of [lawful.expertReport, lawful.riskReport, lawful.submitReview]) await flow.ok(v2, drafter, event);
    const { advisers: _none, ...withoutAdvisers } = lawful.lawfulOpinion;
    const refused = await flow.send(v2, reviewer, withoutAdvisers);
    expectError(refused, 422, 'ADVISER_OPINION_REQUIRED');
    await flow.ok(v2, reviewer, lawful.lawfulOpinion);
    await flow.ok(v2, drafter, lawful.toDiscussion);
    await flow.ok(v2, secretary, lawful.meeting);
    await flow.ok(v2, secretary, lawful.opinions()[0]);
    const early = await flow.send(v2, secretary, lawful.opinions()[3]);
    expectError(early, 422, 'HEAD_MUST_SPEAK_LAST');
    expect(reasonCodes(early)).toEqual(['HEAD_MUST_SPEAK_LAST']);
    for (const opinion of lawful.opinions().slice(1)) await flow.ok(v2, secretary, opinion);
    const decided = await flow.ok(v2, head, lawful.adopt);
    expect(decided.decision).toMatchObject({ status: 'decided', machine: { version: 2 } });
    const replay = (await after.http.get(`/api/decisions/${v2}/replay`).set('Authorization', bearer(who.auditor))).body;
    expect(replay).toMatchObject({ status: 'decided', verified: true, mismatches: [], decision: { machine: { version: 2 } } });
  });
});
