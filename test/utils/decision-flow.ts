import type { ActorClaimsInput } from '../../apps/api/src/auth/actor-token';
import type { TestApp } from './create-test-app';
import { bearer } from './token-for';

/** The people of one county, as tokens. Reviewer and drafter sit in different units (separation of duties). */
export function people(jurisdiction = 'county-a') {
  const who = (sub: string, role: ActorClaimsInput['roles'][number], unit: string): ActorClaimsInput => ({ sub, name: sub, roles: [role], unit, jurisdiction });
  return {
    drafter: who('drafter-1', 'drafter', 'agri-bureau'),
    secretary: who('secretary-1', 'secretary', 'general-office'),
    head: who('head-1', 'head', 'county-government'),
    reviewer: who('reviewer-1', 'legal_reviewer', 'justice-bureau'),
    executor: who('executor-1', 'executor', 'agri-bureau'),
    auditor: who('auditor-1', 'auditor', 'audit-office'),
    admin: who('admin-1', 'admin', 'it-office'),
  };
}
export type People = ReturnType<typeof people>;

const DAY = 86_400_000;
/** An ISO instant `days` from now (the server clock is real in e2e tests). */
export const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** Lawful payloads of the events on the main path. */
export const lawful = {
  accept: { type: 'ACCEPT_PROPOSAL', undertakingUnit: 'agri-bureau' },
  draft: (text = '关于推进高标准农田建设的实施意见（草案）') => ({ type: 'REVISE_DRAFT', text, changeSummary: '初稿' }),
  openComment: { type: 'OPEN_PUBLIC_COMMENT', startsAt: inDays(-40), endsAt: inDays(-5), channels: ['政府网站'] },
  closeComment: { type: 'CLOSE_PUBLIC_COMMENT' },
  opinionReport: { type: 'SUBMIT_PUBLIC_OPINION_REPORT', summary: '收到意见12条', adopted: ['延长补贴期限'], notAdopted: [{ opinion: '取消审批', reason: '与上位法不符' }] },
  experts: {
    type: 'APPOINT_EXPERTS',
    experts: ['王教授', '李研究员', '张工程师'].map((name) => ({ name, field: '农业经济', affiliation: '省农科院', hasDirectInterest: false })),
  },
  expertOpinion: (expertName: string) => ({ type: 'RECORD_EXPERT_OPINION', expertName, opinion: '方案可行', signed: true }),
  expertReport: { type: 'SUBMIT_EXPERT_REPORT', summary: '专家一致认为可行', adoption: '全部采纳' },
  riskReport: { type: 'SUBMIT_RISK_REPORT', riskPoints: ['土地流转纠纷'], measures: ['设立调解机制'], contingencyPlan: '应急预案', level: 'LOW', controllable: true },
  submitReview: { type: 'SUBMIT_FOR_LEGALITY_REVIEW', legalBasis: ['《中华人民共和国农业法》'], procedureStatement: '已依法履行公众参与、专家论证、风险评估程序' },
  lawfulOpinion: { type: 'ISSUE_LEGALITY_OPINION', conclusion: 'LAWFUL', authority: '县政府有权决定', procedure: '程序完备', content: '内容合法', opinion: '同意提交集体讨论' },
  toDiscussion: { type: 'SUBMIT_FOR_COLLECTIVE_DISCUSSION' },
  meeting: { type: 'HOLD_MEETING', meetingType: 'EXECUTIVE', heldAt: inDays(0), membersTotal: 7, attendees: ['委员甲', '委员乙', '委员丙', '县长'] },
  opinion: (member: string, position = 'FOR', isHead = false) => ({ type: 'RECORD_OPINION', member, isHead, position, text: '同意' }),
  adopt: { type: 'RECORD_DECISION', outcome: 'ADOPTED' },
  partyCommittee: { type: 'REPORT_TO_PARTY_COMMITTEE', reportedAt: inDays(0), reference: '县委请示〔2026〕1号' },
  publish: { type: 'PUBLISH', publishedAt: inDays(0), channels: ['政府公报', '政府网站'], interpretation: '公众意见及专家意见采纳情况说明' },
};

/** Drives decisions over HTTP, failing loudly when a step is refused. */
export class DecisionFlow {
  constructor(
    readonly t: TestApp,
    readonly who: People = people(),
  ) {}

  async create(body: Record<string, unknown> = {}, actor = this.who.drafter): Promise<string> {
    const res = await this.t.http
      .post('/api/decisions')
      .set('Authorization', bearer(actor))
      .send({ title: '高标准农田建设实施意见', category: 'PUBLIC_POLICY', ...body });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  send(id: string, actor: ActorClaimsInput, event: Record<string, unknown>) {
    return this.t.http.post(`/api/decisions/${id}/events`).set('Authorization', bearer(actor)).send(event);
  }

  /** Send and require acceptance. */
  async ok(id: string, actor: ActorClaimsInput, event: Record<string, unknown>) {
    const res = await this.send(id, actor, event);
    if (res.status !== 200) throw new Error(`${event.type} refused: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  get(id: string, actor: ActorClaimsInput = this.who.drafter) {
    return this.t.http.get(`/api/decisions/${id}`).set('Authorization', bearer(actor));
  }

  /** proposed → drafting with a draft and all three consultation steps completed. */
  async toConsulted(id: string) {
    const { drafter, secretary } = this.who;
    await this.ok(id, secretary, lawful.accept);
    await this.ok(id, drafter, lawful.draft());
    await this.ok(id, drafter, lawful.openComment);
    await this.ok(id, drafter, lawful.closeComment);
    await this.ok(id, drafter, lawful.opinionReport);
    await this.ok(id, drafter, lawful.experts);
    for (const e of lawful.experts.experts) await this.ok(id, drafter, lawful.expertOpinion(e.name));
    await this.ok(id, drafter, lawful.expertReport);
    await this.ok(id, drafter, lawful.riskReport);
  }

  /** … → a lawful opinion on the current draft, back in drafting. */
  async toReviewed(id: string) {
    await this.toConsulted(id);
    await this.ok(id, this.who.drafter, lawful.submitReview);
    await this.ok(id, this.who.reviewer, lawful.lawfulOpinion);
  }

  /** … → decided (adopted at a quorate meeting, head last). */
  async toDecided(id: string) {
    const { drafter, secretary, head } = this.who;
    await this.toReviewed(id);
    await this.ok(id, drafter, lawful.toDiscussion);
    await this.ok(id, secretary, lawful.meeting);
    for (const m of ['委员甲', '委员乙', '委员丙']) await this.ok(id, secretary, lawful.opinion(m));
    await this.ok(id, secretary, lawful.opinion('县长', 'FOR', true));
    return this.ok(id, head, lawful.adopt);
  }
}
