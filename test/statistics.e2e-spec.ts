import { Clock } from '@app/common';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { ActorClaimsInput } from '../apps/api/src/auth/actor-token';
import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, inDays, lawful, people } from './utils/decision-flow';

// GET /api/statistics?year=: the annual figures, checked against an oracle that counts what this test itself
// sent (each entry in the year of its recorded time, Beijing), as the auditor (every decision) and as an admin
// (who does not see a confidential decision of another unit).

jest.setTimeout(180_000);
const J = 'county-statistics';

interface Sent {
  decisionId: string;
  seq: number;
  type: string;
  payload: Record<string, unknown>;
}
interface Figure {
  count: number;
  decisionIds: string[];
}
type Deadline = { id: string; kind: string; dueAt: string };

/** The real clock, moved forward on demand: after seeding, past the due date of a review still owed. */
class ShiftedClock extends Clock {
  offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

const beijingYear = (instant: string | number) => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date(instant)));

describe('GET /api/statistics', () => {
  let t: TestApp;
  let flow: DecisionFlow;
  const who = people(J);
  const sent: Sent[] = [];
  const deadlines = new Map<string, Deadline & { decisionId: string; unit: string }>();
  const comments: { decisionId: string; receivedAt: string }[] = [];
  const confidentialIds: string[] = [];
  let year: number;
  let overdueYear: number;
  const clock = new ShiftedClock();

  const remember = (decisionId: string, decision: { deadlines: Deadline[]; undertakingUnit: string | null }) => {
    for (const d of decision.deadlines) deadlines.set(d.id, { ...d, decisionId, unit: decision.undertakingUnit ?? '' });
  };
  const send = async (id: string, actor: ActorClaimsInput, event: Record<string, unknown>) => {
    const body = await flow.ok(id, actor, event);
    const { type, ...payload } = event;
    sent.push({ decisionId: id, seq: body.event.seq, type: type as string, payload });
    remember(id, body.decision);
    return body;
  };
  const create = async (body: Record<string, unknown>) => {
    const id = await flow.create(body);
    sent.push({ decisionId: id, seq: 1, type: 'CREATE_DECISION', payload: { category: 'PUBLIC_POLICY', ...body } });
    return id;
  };
  const statistics = (actor: ActorClaimsInput, query: string) => t.http.get(`/api/statistics${query}`).set('Authorization', bearer(actor));

  beforeAll(async () => {
    t = await createTestApp({ configure: (b) => b.overrideProvider(Clock).useValue(clock) });
    flow = new DecisionFlow(t, who);
    await t.http.get('/api/decisions').set('Authorization', bearer(who.drafter)).expect(200);

    // A: the whole main path, reported to the party committee and published
    const consulted = async (id: string) => {
      await send(id, who.secretary, lawful.accept);
      await send(id, who.drafter, lawful.draft());
      await send(id, who.drafter, { ...lawful.openComment, evidenceMaterialId: await flow.notice() });
      await send(id, who.drafter, lawful.closeComment);
      await send(id, who.drafter, lawful.opinionReport);
      await send(id, who.drafter, lawful.experts);
      for (const e of lawful.experts.experts) await send(id, who.drafter, lawful.expertOpinion(e.name));
      await send(id, who.drafter, lawful.expertReport);
      await send(id, who.drafter, lawful.riskReport);
      await send(id, who.drafter, lawful.submitReview);
    };
    const a = await create({ title: '高标准农田建设实施意见' });
    await consulted(a);
    await send(a, who.reviewer, lawful.lawfulOpinion);
    await send(a, who.drafter, lawful.toDiscussion);
    await send(a, who.secretary, lawful.meeting);
    for (const opinion of lawful.opinions()) await send(a, who.secretary, opinion);
    await send(a, who.head, lawful.adopt);
    await send(a, who.secretary, lawful.partyCommittee);
    await send(a, who.secretary, lawful.publish);

    // B: a construction project with a comment period open now (two comments received), a hearing, two waivers, returned for materials
    const b = await create({ title: '县城污水处理厂扩建工程', category: 'CONSTRUCTION_PROJECT' });
    await send(b, who.secretary, lawful.accept);
    await send(b, who.drafter, lawful.draft('污水处理厂扩建方案'));
    await send(b, who.drafter, lawful.urgentComment(inDays(10)));
    for (const content of ['建议公开环评报告', '建议夜间停止施工']) {
      const res = await t.http.post(`/api/public/consultations/${b}/comments`).send({ content }).expect(201);
      comments.push({ decisionId: b, receivedAt: res.body.receivedAt });
    }
    // an advertisement, marked as spam by the undertaking unit: received, never counted
    const ad = await t.http.post(`/api/public/consultations/${b}/comments`).send({ content: '专业代办各类证件' }).expect(201);
    await t.http.post(`/api/decisions/${b}/comments/spam`).set('Authorization', bearer(who.drafter)).send({ commentIds: [ad.body.id], reason: '商业广告' }).expect(200);
    await send(b, who.drafter, lawful.hearing);
    await send(b, who.drafter, { type: 'WAIVE_EXPERT_ARGUMENTATION', ground: 'NOT_PROFESSIONAL_OR_TECHNICAL', reason: '不涉及专业性、技术性问题' });
    await send(b, who.drafter, { type: 'WAIVE_RISK_ASSESSMENT', ground: 'NO_SIGNIFICANT_RISK', reason: '经研判不存在重大风险' });

    // C: confidential (its public participation waived on that ground), seen by the auditor, not by the admin of another unit
    const c = await create({ title: '涉密：边境设施建设方案', confidential: true, category: 'DEVELOPMENT_PLAN' });
    confidentialIds.push(c);
    await send(c, who.secretary, lawful.accept);
    await send(c, who.drafter, lawful.draft('涉密草案'));
    await send(c, who.drafter, { type: 'WAIVE_PUBLIC_PARTICIPATION', ground: 'CONFIDENTIAL', reason: '涉及国家秘密' });
    await send(c, who.drafter, lawful.experts);
    for (const e of lawful.experts.experts) await send(c, who.drafter, lawful.expertOpinion(e.name));
    await send(c, who.drafter, lawful.expertReport);
    await send(c, who.drafter, { ...lawful.riskReport, level: 'HIGH', controllable: true });
    await send(c, who.drafter, lawful.submitReview);
    await send(c, who.reviewer, { type: 'RETURN_FOR_MATERIALS', missing: ['风险评估报告附件'] });

    // D: under review, its opinion still owed when the clock is moved past its due date (overdue)
    const d = await create({ title: '县级储备粮管理办法', category: 'RESOURCE_POLICY' });
    await consulted(d);

    // another jurisdiction's decision is never counted
    const other = people('county-statistics-other');
    await new DecisionFlow(t, other).create({ title: '他县决策' });

    // the year is the Beijing year of the trail entries; the oracle counts each entry in its own year
    const history = new Map<string, { seq: number; occurredAt: string }[]>();
    for (const id of [a, b, c, d]) history.set(id, (await t.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(who.auditor)).expect(200)).body.events);
    for (const s of sent) Object.assign(s, { occurredAt: history.get(s.decisionId)!.find((e) => e.seq === s.seq)!.occurredAt });
    year = beijingYear((sent[0] as Sent & { occurredAt: string }).occurredAt);
    // deadlines still open now: those due already are overdue, the others not yet counted; the rest were closed in time
    for (const id of [a, b, c, d]) {
      const open = (await flow.get(id, who.auditor)).body.deadlines as Deadline[];
      for (const o of open) deadlines.set(o.id, { ...deadlines.get(o.id)!, ...o, open: true } as never);
    }
    const owedReview = [...deadlines.values()].find((o) => o.decisionId === d && o.kind === 'LEGALITY_REVIEW_DUE')!;
    clock.offset = Date.parse(owedReview.dueAt) + 3_600_000 - Date.now();
    overdueYear = beijingYear(owedReview.dueAt);
  });
  afterAll(() => t.close());

  /** The figures as the oracle counts them, for a viewer who sees `visible` decisions. */
  function expected(visible: (decisionId: string) => boolean, year: number) {
    const mine = (sent as (Sent & { occurredAt: string })[]).filter((s) => visible(s.decisionId) && beijingYear(s.occurredAt) === year);
    const fig = (entries: { decisionId: string; n?: number }[]): Figure => ({ count: entries.reduce((sum, e) => sum + (e.n ?? 1), 0), decisionIds: [...new Set(entries.map((e) => e.decisionId))].sort() });
    const of = (...types: string[]) => mine.filter((s) => types.includes(s.type));
    const by = (entries: Sent[], key: (s: Sent) => string) => {
      const out: Record<string, Figure> = {};
      for (const k of new Set(entries.map(key))) out[k] = fig(entries.filter((s) => key(s) === k));
      return out;
    };
    const adopted = of('SUBMIT_PUBLIC_OPINION_REPORT').map((s) => ({ decisionId: s.decisionId, n: (s.payload.adopted as string[]).length })).filter((e) => e.n > 0);
    const owed = [...deadlines.values()].filter((d) => visible(d.decisionId) && !d.kind.endsWith('_REMINDER') && d.kind !== 'PUBLIC_COMMENT_END' && beijingYear(d.dueAt) === year);
    const isOverdue = (d: Deadline & { open?: boolean }) => d.open === true && Date.parse(d.dueAt) < clock.now().getTime();
    const met = owed.filter((o) => !(o as { open?: boolean }).open);
    const overdue = owed.filter(isOverdue);
    const byUnit: Record<string, { met: Figure; overdue: Figure }> = {};
    for (const unit of new Set([...met, ...overdue].map((d) => d.unit))) byUnit[unit] = { met: fig(met.filter((d) => d.unit === unit)), overdue: fig(overdue.filter((d) => d.unit === unit)) };
    const meetings = fig(of('HOLD_MEETING'));
    return {
      year,
      jurisdiction: J,
      decisions: { registered: fig(of('CREATE_DECISION')), byCategory: by(of('CREATE_DECISION'), (s) => s.payload.category as string), byOutcome: by(of('RECORD_DECISION'), (s) => s.payload.outcome as string) },
      meetings: { held: meetings, decisionsDiscussed: { count: meetings.decisionIds.length, decisionIds: meetings.decisionIds } },
      legalityReviews: { submitted: fig(of('SUBMIT_FOR_LEGALITY_REVIEW')), opinionsByConclusion: by(of('ISSUE_LEGALITY_OPINION'), (s) => s.payload.conclusion as string), returnsForMaterials: fig(of('RETURN_FOR_MATERIALS')) },
      participation: {
        commentRounds: fig(of('OPEN_PUBLIC_COMMENT')),
        commentsReceived: fig(comments.filter((c) => visible(c.decisionId) && beijingYear(c.receivedAt) === year)),
        commentsAdopted: fig(adopted),
        hearings: fig(of('RECORD_HEARING')),
      },
      expertPanels: fig(of('SUBMIT_EXPERT_REPORT')),
      riskAssessments: by(of('SUBMIT_RISK_REPORT'), (s) => s.payload.level as string),
      waivers: by(of('WAIVE_PUBLIC_PARTICIPATION', 'WAIVE_EXPERT_ARGUMENTATION', 'WAIVE_RISK_ASSESSMENT'), (s) => s.payload.ground as string),
      reports: { partyCommittee: fig(of('REPORT_TO_PARTY_COMMITTEE')), peoplesCongress: fig(of('REPORT_TO_PEOPLES_CONGRESS')), publications: fig(of('PUBLISH').filter((s) => !s.payload.notPublished)) },
      postEvaluations: fig(of('SUBMIT_POST_EVALUATION')),
      deadlines: { met: fig(met), overdue: fig(overdue), byUnit },
    };
  }

  it('gives the auditor every figure of the year, each with the decisions behind it, as the events sent count them', async () => {
    for (const y of new Set([year, overdueYear])) {
      const res = await statistics(who.auditor, `?year=${y}`).expect(200);
      const { computedAt, ...figures } = res.body;
      // the answer has the shape the OpenAPI document gives the console's generated types
      const document = (await t.http.get('/api/docs-json')).body;
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      ajv.addSchema({ $id: 'api', components: document.components });
      const check = ajv.getSchema('api#/components/schemas/AnnualStatistics')!;
      expect(check(res.body) ? [] : check.errors).toEqual([]);
      expect(document.paths['/api/statistics'].get['x-roles']).toEqual(['secretary', 'head', 'auditor', 'admin']);
      // computed at the application's clock (moved past the review's due date), not the machine's
      expect(Date.parse(computedAt)).toBeGreaterThan(Date.now());
      expect(figures).toEqual(expected(() => true, y));
    }
    // the seeded year is not empty, and a deadline is overdue: the comparison above is about something
    const oracle = expected(() => true, year);
    expect(oracle.decisions.registered.count).toBe(4);
    expect(oracle.meetings.held.count).toBe(1);
    expect(oracle.participation.commentsReceived.count).toBe(2);
    expect(oracle.waivers.CONFIDENTIAL.count).toBe(1);
    expect(expected(() => true, overdueYear).deadlines.overdue.count).toBe(1);
  });

  it('shows the admin of another unit only what they may see: no confidential decision behind any figure', async () => {
    const res = await statistics(who.admin, `?year=${year}`).expect(200);
    const { computedAt: _, ...figures } = res.body;
    expect(figures).toEqual(expected((id) => !confidentialIds.includes(id), year));
    expect(JSON.stringify(res.body)).not.toContain(confidentialIds[0]);
    expect(res.body.riskAssessments.HIGH).toBeUndefined();
  });

  it('counts nothing in a year without entries', async () => {
    const res = await statistics(who.secretary, `?year=${year - 3}`).expect(200);
    expect(res.body.decisions.registered).toEqual({ count: 0, decisionIds: [] });
    expect(res.body.deadlines).toEqual({ met: { count: 0, decisionIds: [] }, overdue: { count: 0, decisionIds: [] }, byUnit: {} });
    expect(res.body.waivers).toEqual({});
  });

  it('refuses a missing or malformed year (400, in words) and callers without the roles (403)', async () => {
    for (const query of ['', '?year=26', '?year=abcd', '?year=20260', '?year=2026&year=2027', '?year=%202026']) {
      const res = await statistics(who.head, query);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: ['year'] } });
      expect(res.body.message).toContain('四位数字');
    }
    const english = await statistics(who.head, '?year=26').set('Accept-Language', 'en');
    expect(english.body.message).toContain('4-digit year');
    for (const actor of [who.drafter, who.reviewer, who.executor]) expect((await statistics(actor, `?year=${year}`)).status).toBe(403);
    expect((await t.http.get(`/api/statistics?year=${year}`)).status).toBe(401);
  });
});
