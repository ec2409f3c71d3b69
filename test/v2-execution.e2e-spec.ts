import { NotificationRepository } from '@app/persistence';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { NotificationService } from '../apps/worker/src/notification.service';
import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, inDays, lawful, people } from './utils/decision-flow';
import { expectRefused } from './utils/trail-assertions';

// After the decision (Art. 34-37) under machine v2, over HTTP: execution, the serious problem that
// notifies the organ, post-evaluation, and change rounds beside execution (an adjustment with its own
// public consultation; the collective procedure on stopping). Each rule refuses with its code and
// records nothing.

const J = 'county-v2-execution';

describe('Execution, evaluation and change rounds (machine v2)', () => {
  let t: TestApp;
  let flow: DecisionFlow;
  const who = people(J);
  const refused = (id: string, send: () => Promise<import('supertest').Response>, status: number, code: string) => expectRefused(t, id, who.auditor, send, status, code);
  const admin = (unitId: string, name: string, kind: string) =>
    t.http.put(`/api/jurisdictions/${J}/units/${unitId}`).set('Authorization', bearer(who.admin)).send({ name, kind }).expect(200);
  const assign = { type: 'ASSIGN_EXECUTION', unit: 'agri-bureau', dueAt: inDays(180), reportEveryDays: 30 };
  const evaluation = { type: 'SUBMIT_POST_EVALUATION', findings: '达到预期', recommendation: 'ADJUST' };
  const participation = { methods: ['QUESTIONNAIRE'], summary: '问卷 300 份' };

  /** A decision published and in execution; its argumentation organised by the agricultural research institute. */
  async function implementing(): Promise<string> {
    const id = await flow.create({ title: '种粮补贴标准调整方案' });
    const { drafter, secretary, reviewer, head } = who;
    await flow.ok(id, secretary, lawful.accept);
    await flow.ok(id, drafter, lawful.draft());
    await flow.openComment(id);
    for (const event of [lawful.closeComment, lawful.opinionReport, lawful.experts]) await flow.ok(id, drafter, event);
    for (const e of lawful.experts.experts) await flow.ok(id, drafter, lawful.expertOpinion(e.name));
    await flow.ok(id, drafter, { ...lawful.expertReport, organizerUnit: 'agri-research' });
    await flow.ok(id, drafter, { ...lawful.riskReport, assessorUnit: 'stability-centre' });
    await flow.ok(id, drafter, lawful.submitReview);
    await flow.ok(id, reviewer, lawful.lawfulOpinion);
    await flow.ok(id, drafter, lawful.toDiscussion);
    await flow.ok(id, secretary, lawful.meeting);
    for (const opinion of lawful.opinions()) await flow.ok(id, secretary, opinion);
    await flow.ok(id, head, lawful.adopt);
    await flow.ok(id, secretary, lawful.partyCommittee);
    await flow.ok(id, secretary, lawful.publish);
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    flow = new DecisionFlow(t, who);
    await admin('agri-research', '县农业科学研究所', 'THIRD_PARTY');
    await admin('stability-centre', '县社会稳定风险评估中心', 'THIRD_PARTY');
    await admin('policy-institute', '某大学公共政策研究院', 'THIRD_PARTY');
    await admin('agri-bureau', '县农业农村局', 'DEPARTMENT');
  });
  afterAll(() => t.close());

  it('ends execution only after it was assigned (EXECUTION_NOT_ASSIGNED)', async () => {
    const id = await implementing();
    await refused(id, () => flow.send(id, who.secretary, { type: 'COMPLETE_EXECUTION', summary: '完成' }), 422, 'EXECUTION_NOT_ASSIGNED');
    await flow.ok(id, who.secretary, assign);
    expect((await flow.ok(id, who.secretary, { type: 'COMPLETE_EXECUTION', summary: '完成' })).decision.status).toBe('closed');
  });

  describe('a serious problem reported in execution', () => {
    let hook: { server: Server; url: string; bodies: Record<string, unknown>[] };
    beforeAll(async () => {
      const bodies: Record<string, unknown>[] = [];
      const server = createServer((req, res) => {
        let raw = '';
        req.on('data', (c) => (raw += c));
        req.on('end', () => {
          bodies.push(JSON.parse(raw));
          res.end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      hook = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
      process.env.WEBHOOK_ALLOW_HOSTS = '127.0.0.1'; // the receiver is on loopback
      await t.http.put(`/api/jurisdictions/${J}/settings`).set('Authorization', bearer(who.admin)).send({ profileId: 'national', webhookUrl: hook.url }).expect(200);
    });
    afterAll(async () => {
      await t.http.put(`/api/jurisdictions/${J}/settings`).set('Authorization', bearer(who.admin)).send({ profileId: 'national' });
      hook.server.close();
      delete process.env.WEBHOOK_ALLOW_HOSTS;
    });

    it('notifies the decision organ, in the same write as the event, and the worker delivers it', async () => {
      const id = await implementing();
      await flow.ok(id, who.secretary, assign);
      const db = t.app.get(DataSource);
      const notices = () => db.query(`SELECT kind, message, event_seq FROM notifications WHERE decision_id = $1 AND event_seq IS NOT NULL`, [id]);
      await flow.ok(id, who.executor, { type: 'REPORT_EXECUTION', progress: '按计划推进', problems: '个别乡镇进度滞后' });
      expect(await notices()).toEqual([]);
      const reported = await flow.ok(id, who.executor, { type: 'REPORT_EXECUTION', progress: '二期停工', problems: '资金挪用，群众集中上访', serious: true });
      const [notice] = await notices();
      expect(notice).toMatchObject({ kind: 'SERIOUS_EXECUTION_PROBLEM', event_seq: reported.event.seq });
      expect(notice.message).toContain('县农业农村局');
      expect(notice.message).toContain('资金挪用，群众集中上访');
      // the worker's delivery (NotificationService, as the reconciler runs it)
      await new NotificationService(t.app.get(NotificationRepository)).deliverPending();
      expect(hook.bodies).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'SERIOUS_EXECUTION_PROBLEM', decisionId: id, eventSeq: reported.event.seq, message: notice.message })]));
    });
  });

  it('has the decision evaluated by none of the units that argued or assessed it (EVALUATOR_NOT_INDEPENDENT), recording how the public took part (POST_EVALUATION_PARTICIPATION_REQUIRED)', async () => {
    const id = await implementing();
    await flow.ok(id, who.secretary, assign);
    for (const evaluator of ['agri-research', 'stability-centre', 'agri-bureau']) {
      await refused(id, () => flow.send(id, who.secretary, { type: 'START_POST_EVALUATION', trigger: 'DEEMED_NECESSARY', evaluator }), 422, 'EVALUATOR_NOT_INDEPENDENT');
    }
    const started = await flow.ok(id, who.secretary, { type: 'START_POST_EVALUATION', trigger: 'DEEMED_NECESSARY', evaluator: 'policy-institute' });
    expect(started.decision.execution.postEvaluation).toMatchObject({ evaluator: 'policy-institute' });
    expect(started.decision.unitNames['policy-institute']).toBe('某大学公共政策研究院');
    await refused(id, () => flow.send(id, who.secretary, evaluation), 422, 'POST_EVALUATION_PARTICIPATION_REQUIRED');
    await flow.ok(id, who.secretary, { ...evaluation, publicParticipation: participation });
  });

  it('runs an adjustment beside execution: it rests on a trigger (ADJUSTMENT_TRIGGER_REQUIRED), one at a time (ADJUSTMENT_IN_PROGRESS), with its own public consultation, and a withdrawn one leaves the decision in force', async () => {
    const id = await implementing();
    await flow.ok(id, who.secretary, assign);
    const start = (over: Record<string, unknown>) => flow.send(id, who.head, { type: 'START_ADJUSTMENT', reason: '上位政策调整', ...over });
    await refused(id, () => start({}), 422, 'ADJUSTMENT_TRIGGER_REQUIRED');
    await refused(id, () => start({ trigger: 'POST_EVALUATION' }), 422, 'ADJUSTMENT_TRIGGER_REQUIRED');
    await refused(id, () => start({ trigger: 'OTHER' }), 422, 'ADJUSTMENT_TRIGGER_REQUIRED');
    await flow.ok(id, who.head, { type: 'START_ADJUSTMENT', reason: '上位政策调整', trigger: 'OTHER', triggerDescription: '省级补贴政策修订' });
    await refused(id, () => start({ trigger: 'OTHER', triggerDescription: '又一项调整' }), 422, 'ADJUSTMENT_IN_PROGRESS');
    await refused(id, () => flow.send(id, who.secretary, { type: 'COMPLETE_EXECUTION', summary: '完成' }), 422, 'ADJUSTMENT_IN_PROGRESS');

    await flow.ok(id, who.drafter, { type: 'REVISE_DRAFT', text: '补贴标准调整稿', changeSummary: '提高补贴标准' });
    const opened = await flow.ok(id, who.drafter, { type: 'OPEN_PUBLIC_COMMENT', startsAt: inDays(0), endsAt: inDays(30), channels: ['县政府门户网站'], explanation: '调整说明' });
    expect(opened.decision).toMatchObject({ status: 'implementing', adjustment: { number: 1, purpose: 'ADJUST', status: 'drafting', steps: { publicParticipation: { status: 'open' } } } });
    const consultation = (await t.http.get(`/api/public/consultations/${id}`)).body;
    expect(consultation).toMatchObject({ adjustment: 1, draft: { text: '补贴标准调整稿', hash: opened.decision.adjustment.draft.hash }, explanation: '调整说明', period: 1 });
    expect((await t.http.get(`/api/public/consultations?jurisdiction=${J}`)).body.items.map((c: { decisionId: string }) => c.decisionId)).toContain(id);
    expect((await t.http.post(`/api/public/consultations/${id}/comments`).send({ content: '建议分档补贴' })).status).toBe(201);
    const [stored] = (await t.http.get(`/api/decisions/${id}/comments`).set('Authorization', bearer(who.drafter))).body.items;
    expect(stored).toMatchObject({ content: '建议分档补贴', change: 1, period: 1 });
    // execution goes on while the round runs
    await flow.ok(id, who.executor, { type: 'REPORT_EXECUTION', progress: '继续执行原决策' });
    const suspended = await flow.ok(id, who.head, { type: 'SUSPEND_EXECUTION', reason: '紧急情况' });
    expect(suspended.decision).toMatchObject({ status: 'suspended', adjustment: { number: 1 } });
    await flow.ok(id, who.head, { type: 'RESUME_EXECUTION', reason: '情况消除' });

    const withdrawn = await flow.ok(id, who.drafter, { type: 'WITHDRAW', reason: '调整暂缓' });
    expect(withdrawn.decision).toMatchObject({ status: 'implementing', adjustment: null, adjustments: [expect.objectContaining({ number: 1, outcome: 'WITHDRAWN' })] });
    expect((await t.http.get(`/api/public/consultations/${id}`)).status).toBe(404);
  });

  it('stops execution only on a collective decision to stop, taken on a lawful legality opinion (COLLECTIVE_DECISION_REQUIRED)', async () => {
    const id = await implementing();
    await flow.ok(id, who.secretary, assign);
    const stop = { type: 'STOP_EXECUTION', reason: '决策依据已废止', meetingReference: '县政府常务会议纪要〔2027〕5号' };
    await refused(id, () => flow.send(id, who.head, stop), 422, 'COLLECTIVE_DECISION_REQUIRED');
    await flow.ok(id, who.head, { type: 'START_ADJUSTMENT', purpose: 'STOP', reason: '决策依据已废止', trigger: 'OTHER', triggerDescription: '上位法废止' });
    await flow.ok(id, who.drafter, { type: 'REVISE_DRAFT', text: '关于停止执行的建议', changeSummary: '停止执行建议' });
    await refused(id, () => flow.send(id, who.head, stop), 422, 'COLLECTIVE_DECISION_REQUIRED');
    await flow.ok(id, who.drafter, lawful.submitReview);
    await flow.ok(id, who.reviewer, lawful.lawfulOpinion);
    await flow.ok(id, who.drafter, lawful.toDiscussion);
    await flow.ok(id, who.secretary, lawful.meeting);
    for (const opinion of lawful.opinions()) await flow.ok(id, who.secretary, opinion);
    await flow.ok(id, who.head, lawful.adopt);
    const stopped = await flow.ok(id, who.head, stop);
    expect(stopped.decision.status).toBe('stopped');
  });
});
