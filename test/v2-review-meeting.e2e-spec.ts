import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, HEAD_PERSON, inDays, lawful, MEMBERS, people } from './utils/decision-flow';
import { expectRefused } from './utils/trail-assertions';

// Legality review (Art. 26-28) and the meeting (Art. 30) under machine v2, over HTTP: each rule refuses
// with its code and records nothing. Members are persons; the head who decides is the head recorded.

const J = 'county-v2-meeting';

describe('Legality review and collective decision (machine v2)', () => {
  let t: TestApp;
  let flow: DecisionFlow;
  const who = people(J);
  const refused = (id: string, send: () => Promise<import('supertest').Response>, status: number, code: string, among = false) =>
    expectRefused(t, id, who.auditor, send, status, code, { among });
  /** A decision in collective discussion with its meeting held (every member and the head attending). */
  async function inMeeting(): Promise<string> {
    const id = await flow.create({ title: '县城供水价格调整方案' });
    await flow.toReviewed(id);
    await flow.ok(id, who.drafter, lawful.toDiscussion);
    await flow.ok(id, who.secretary, lawful.meeting);
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    flow = new DecisionFlow(t, who);
  });
  afterAll(() => t.close());

  it('records the advisers’ and public-sector lawyers’ opinions in the legality opinion (ADVISER_OPINION_REQUIRED)', async () => {
    const id = await flow.create();
    await flow.toConsulted(id);
    await flow.ok(id, who.drafter, lawful.submitReview);
    const { advisers: _advisers, ...none } = lawful.lawfulOpinion;
    await refused(id, () => flow.send(id, who.reviewer, none), 422, 'ADVISER_OPINION_REQUIRED');
    // names alone are no opinions
    await refused(id, () => flow.send(id, who.reviewer, { ...none, advisers: ['法律顾问王某'] }), 422, 'ADVISER_OPINION_REQUIRED');
    const issued = await flow.ok(id, who.reviewer, { ...none, advisers: [{ name: '李律师', kind: 'PUBLIC_SECTOR_LAWYER', opinion: '无法律障碍' }] });
    expect(issued.decision.steps.legalityReview.status).toBe('completed');
  });

  it('refuses a meeting recorded as held in the future (DATE_IN_FUTURE)', async () => {
    const id = await flow.create();
    await flow.toReviewed(id);
    await flow.ok(id, who.drafter, lawful.toDiscussion);
    await refused(id, () => flow.send(id, who.secretary, { ...lawful.meeting, heldAt: inDays(1) }), 422, 'DATE_IN_FUTURE');
  });

  it('hears the head after every other attendee (HEAD_MUST_SPEAK_LAST), dissent attributed to the person', async () => {
    const id = await inMeeting();
    await flow.ok(id, who.secretary, lawful.opinion(MEMBERS[0], 'AGAINST'));
    await flow.ok(id, who.secretary, lawful.opinion(MEMBERS[1]));
    await refused(id, () => flow.send(id, who.secretary, lawful.opinion(HEAD_PERSON, 'FOR', true)), 422, 'HEAD_MUST_SPEAK_LAST');
    const history = (await t.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(who.auditor))).body.events;
    const dissent = history.find((e: { type: string; payload: { position: string } }) => e.type === 'RECORD_OPINION' && e.payload.position === 'AGAINST');
    expect(dissent.payload).toMatchObject({ member: MEMBERS[0].name, memberSub: MEMBERS[0].sub });
  });

  it('decides only with every attendee’s position on record (ATTENDEE_POSITION_MISSING)', async () => {
    const id = await inMeeting();
    await flow.ok(id, who.secretary, lawful.opinion(MEMBERS[0]));
    const res = await refused(id, () => flow.send(id, who.head, lawful.adopt), 422, 'ATTENDEE_POSITION_MISSING', true);
    expect(res.body.reasons.find((r: { code: string }) => r.code === 'ATTENDEE_POSITION_MISSING').message).toContain(MEMBERS[1].name);
  });

  it('lets only the head recorded at the meeting record the decision (HEAD_NOT_PRESIDING)', async () => {
    const id = await inMeeting();
    for (const opinion of lawful.opinions()) await flow.ok(id, who.secretary, opinion);
    const deputy = { ...who.head, sub: 'head-2', name: '副县长' };
    await refused(id, () => flow.send(id, deputy, lawful.adopt), 422, 'HEAD_NOT_PRESIDING');
    const decided = await flow.ok(id, who.head, lawful.adopt);
    expect(decided.decision.status).toBe('decided');
  });

  it('files each report once and never dated in the future (REPORT_ALREADY_FILED, DATE_IN_FUTURE); publication not in the future either', async () => {
    const id = await flow.create();
    await flow.toDecided(id);
    await refused(id, () => flow.send(id, who.secretary, { ...lawful.partyCommittee, reportedAt: inDays(2) }), 422, 'DATE_IN_FUTURE');
    await flow.ok(id, who.secretary, lawful.partyCommittee);
    await refused(id, () => flow.send(id, who.secretary, lawful.partyCommittee), 422, 'REPORT_ALREADY_FILED');
    const blocked = (await flow.get(id, who.secretary)).body.blockedEvents;
    expect(blocked).toEqual(expect.arrayContaining([{ type: 'REPORT_TO_PARTY_COMMITTEE', reasons: [expect.objectContaining({ code: 'REPORT_ALREADY_FILED' })] }]));
    await refused(id, () => flow.send(id, who.secretary, { ...lawful.publish, publishedAt: inDays(3) }), 422, 'DATE_IN_FUTURE');
    expect((await flow.ok(id, who.secretary, lawful.publish)).decision.status).toBe('implementing');
  });
});
