import type { ActorClaimsInput } from '../../apps/api/src/auth/actor-token';
import type { TestApp } from './create-test-app';
import { bearer } from './token-for';

/**
 * The people of one county, as tokens. Reviewer and drafter sit in different units (separation of duties); the head
 * is the member recorded as head at meetings (HEAD_PERSON).
 */
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

/** The members of the organ at the meetings of `lawful`: users of the system (their `sub`), the head last. */
export const MEMBERS = [
  { name: '委员甲', sub: 'member-1' },
  { name: '委员乙', sub: 'member-2' },
  { name: '委员丙', sub: 'member-3' },
];
/** The head as a meeting member: the head user of `people()`, who records the decision. */
export const HEAD_PERSON = { name: '县长', sub: people().head.sub! };

const EXPLANATION = '关于《高标准农田建设实施意见（征求意见稿）》的起草说明：制定背景、依据和主要内容';

/**
 * Lawful payloads of the events on the main path (machine v2: the explanation with every comment period, the
 * advisers' opinions, meeting members as persons with the head as the user who decides, an opinion for every
 * attendee). `openComment` began 40 days ago, outside the engine: it needs the published notice as evidence
 * (`DecisionFlow.openComment` uploads one); `urgentComment` opens now.
 */
export const lawful = {
  accept: { type: 'ACCEPT_PROPOSAL', undertakingUnit: 'agri-bureau' },
  draft: (text = '关于推进高标准农田建设的实施意见（草案）') => ({ type: 'REVISE_DRAFT', text, changeSummary: '初稿' }),
  openComment: { type: 'OPEN_PUBLIC_COMMENT', startsAt: inDays(-40), endsAt: inDays(-5), channels: ['政府网站'], explanation: EXPLANATION },
  /** a period shortened for urgency (lawful with its reason), starting now (within the clock tolerance) and ending at `endsAt` */
  urgentComment: (endsAt: Date | string | number, startsAt: Date | string | number = new Date()) => ({
    type: 'OPEN_PUBLIC_COMMENT',
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
    channels: ['政府网站'],
    urgencyReason: '防汛工程须在汛期前开工，缩短征求意见期限',
    explanation: EXPLANATION,
  }),
  closeComment: { type: 'CLOSE_PUBLIC_COMMENT' },
  /** a hearing held yesterday with its materials sent ten days before: public participation without a comment period */
  hearing: { type: 'RECORD_HEARING', heldAt: inDays(-1), materialsSentAt: inDays(-10), participants: ['村民代表张某', '种粮大户李某'] },
  opinionReport: { type: 'SUBMIT_PUBLIC_OPINION_REPORT', summary: '收到意见12条', adopted: ['延长补贴期限'], notAdopted: [{ opinion: '取消审批', reason: '与上位法不符' }] },
  experts: {
    type: 'APPOINT_EXPERTS',
    experts: ['王教授', '李研究员', '张工程师'].map((name) => ({ name, field: '农业经济', affiliation: '省农科院', hasDirectInterest: false })),
  },
  expertOpinion: (expertName: string) => ({ type: 'RECORD_EXPERT_OPINION', expertName, opinion: '方案可行', signed: true }),
  expertReport: { type: 'SUBMIT_EXPERT_REPORT', summary: '专家一致认为可行', adoption: '全部采纳' },
  riskReport: { type: 'SUBMIT_RISK_REPORT', riskPoints: ['土地流转纠纷'], measures: ['设立调解机制'], contingencyPlan: '应急预案', level: 'LOW', controllable: true },
  submitReview: { type: 'SUBMIT_FOR_LEGALITY_REVIEW', legalBasis: ['《中华人民共和国农业法》'], procedureStatement: '已依法履行公众参与、专家论证、风险评估程序' },
  lawfulOpinion: {
    type: 'ISSUE_LEGALITY_OPINION',
    conclusion: 'LAWFUL',
    authority: '县政府有权决定',
    procedure: '程序完备',
    content: '内容合法',
    opinion: '同意提交集体讨论',
    advisers: [{ name: '法律顾问王某', kind: 'LEGAL_ADVISER', opinion: '制定主体、程序、内容均合法' }],
  },
  toDiscussion: { type: 'SUBMIT_FOR_COLLECTIVE_DISCUSSION' },
  meeting: { type: 'HOLD_MEETING', meetingType: 'EXECUTIVE', heldAt: inDays(0), membersTotal: 7, attendees: [...MEMBERS, HEAD_PERSON] },
  /** the opinion of a member (by name, or as a person of MEMBERS / HEAD_PERSON) */
  opinion: (member: string | { name: string; sub: string }, position = 'FOR', isHead = false) => ({
    type: 'RECORD_OPINION',
    ...(typeof member === 'string' ? { member } : { member: member.name, memberSub: member.sub }),
    isHead,
    position,
    text: '同意',
  }),
  /** every member's opinion, then the head's */
  opinions: () => [...MEMBERS.map((m) => lawful.opinion(m)), lawful.opinion(HEAD_PERSON, 'FOR', true)],
  adopt: { type: 'RECORD_DECISION', outcome: 'ADOPTED' },
  partyCommittee: { type: 'REPORT_TO_PARTY_COMMITTEE', reportedAt: inDays(0), reference: '县委请示〔2026〕1号' },
  publish: { type: 'PUBLISH', publishedAt: inDays(0), channels: ['政府公报', '政府网站'], interpretation: '公众意见及专家意见采纳情况说明' },
};


/** Drives decisions over HTTP, failing loudly when a step is refused. */
export class DecisionFlow {
  private noticeId: Promise<string> | null = null;

  constructor(
    readonly t: TestApp,
    readonly who: People = people(),
  ) {}

  /** A material uploaded by the drafter: the published notice of a comment period held before it was recorded (uploaded once per flow). */
  notice(): Promise<string> {
    this.noticeId ??= this.t.http
      .post('/api/materials')
      .set('Authorization', bearer(this.who.drafter))
      .attach('file', Buffer.from('关于公开征求《高标准农田建设实施意见（征求意见稿）》意见的公告'), 'notice.txt')
      .then((res) => {
        if (res.status !== 201) throw new Error(`notice upload failed: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body.id as string;
      });
    return this.noticeId;
  }

  /** Open `lawful.openComment` (begun 40 days ago, over 5 days ago) with its notice as evidence. */
  async openComment(id: string, overrides: Record<string, unknown> = {}) {
    return this.ok(id, this.who.drafter, { ...lawful.openComment, evidenceMaterialId: await this.notice(), ...overrides });
  }

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
    await this.openComment(id);
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

  /** … → decided (adopted at a quorate meeting, every attendee's opinion, the head last). */
  async toDecided(id: string) {
    const { drafter, secretary, head } = this.who;
    await this.toReviewed(id);
    await this.ok(id, drafter, lawful.toDiscussion);
    await this.ok(id, secretary, lawful.meeting);
    for (const opinion of lawful.opinions()) await this.ok(id, secretary, opinion);
    return this.ok(id, head, lawful.adopt);
  }
}
