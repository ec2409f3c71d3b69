/**
 * Test factories for the procedure engine: actors, a deterministic
 * working-day calendar, valid payloads per event type, and a harness that
 * drives one decision through `ProcedureEngine` to a named milestone.
 *
 * Everything here is deterministic: time only moves when the harness is told
 * to (or by one minute per accepted event), never from the process clock.
 */
import { systemActor, type Actor, type Role } from '../actor';
import type { DecisionContext } from '../decision-context';
import type { ProcedureCalendar } from '../decision.guards';
import type { DecisionView } from '../decision-view';
import { EVENT_ROLES } from '../event-roles';
import type { AnyProcedureEvent, EventType, Expert, Payloads } from '../events';
import { ProcedureEngine, type ApplyOutcome, type EventOptions, type ProcedureSnapshot } from '../procedure-engine';
import { NATIONAL_V1, type ProcedureProfile } from '../profiles';
import type { Reason } from '../reason';

// ---------------------------------------------------------------- time

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
/** Monday 3 March 2025, 09:00 in Shanghai. */
export const T0 = '2025-03-03T01:00:00.000Z';

export const addMs = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();
export const addDays = (iso: string, days: number): string => addMs(iso, days * DAY_MS);

const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/**
 * A fake working-day calendar: Monday to Friday (Shanghai civil date) are
 * working days, Saturday and Sunday are not, there are no public holidays.
 * Keeps the time of day, like the real calendar.
 */
export class WeekdayCalendar implements ProcedureCalendar {
  /** how many times the guards asked (to prove the calendar is used) */
  calls = 0;

  addWorkingDays(from: string, n: number): string {
    this.calls++;
    let local = Date.parse(from) + SHANGHAI_OFFSET_MS;
    let left = n;
    while (left > 0) {
      local += DAY_MS;
      const day = new Date(local).getUTCDay();
      if (day !== 0 && day !== 6) left--;
    }
    return new Date(local - SHANGHAI_OFFSET_MS).toISOString();
  }
}

export const createCalendar = (): WeekdayCalendar => new WeekdayCalendar();
export const createEngine = (calendar: ProcedureCalendar = createCalendar()): ProcedureEngine => new ProcedureEngine({ calendar });

// ---------------------------------------------------------------- actors

export const JURISDICTION = 'demo-county';

/** The units of one county government. The undertaking unit drafts; the justice bureau reviews. */
export const UNITS = {
  undertaking: '县发展和改革局',
  review: '县司法局',
  office: '县政府办公室',
  government: '县人民政府',
  executor: '县交通运输局',
  audit: '县审计局',
  data: '县政务服务数据管理局',
  thirdParty: '省社会科学院评估中心',
} as const;

const DEFAULT_UNIT: Record<Role, string> = {
  drafter: UNITS.undertaking,
  legal_reviewer: UNITS.review,
  secretary: UNITS.office,
  head: UNITS.government,
  executor: UNITS.executor,
  auditor: UNITS.audit,
  admin: UNITS.data,
  system: 'system',
};

/** A user with one role, in the unit that role usually sits in (or the given one). */
export function actor(role: Role, unit: string = DEFAULT_UNIT[role], overrides: Partial<Actor> = {}): Actor {
  if (role === 'system') return { ...systemActor(JURISDICTION), ...overrides };
  return { sub: `${role}@${unit}`, name: `${role}（${unit}）`, roles: [role], unit, jurisdiction: JURISDICTION, ...overrides };
}

/** The actor a well-behaved client would use for this event type. */
export function defaultActorFor(type: EventType): Actor {
  return actor(EVENT_ROLES[type][0]);
}

// ---------------------------------------------------------------- payloads

export const MEMBERS = ['副县长甲', '副县长乙', '副县长丙'] as const;
export const HEAD_MEMBER = '县长';
export const INDEPENDENT_EVALUATOR = UNITS.thirdParty;

export function expertPanel(size: number, options: { interested?: number[] } = {}): Expert[] {
  return Array.from({ length: size }, (_, i) => ({
    name: `专家${i + 1}`,
    field: i % 2 ? '交通工程' : '行政法',
    affiliation: `大学${i + 1}`,
    hasDirectInterest: options.interested?.includes(i) ?? false,
  }));
}

/** The smallest lawful panel under a profile (odd when the profile says so). */
export function lawfulPanel(profile: ProcedureProfile): Expert[] {
  const { minPanel, oddPanel } = profile.experts;
  return expertPanel(oddPanel && minPanel % 2 === 0 ? minPanel + 1 : minPanel);
}

/** What a payload builder may read: the decision as it is now, and the time of the event. */
export interface PayloadScope {
  context: DecisionContext;
  now: string;
}

export type PayloadBuilder<T extends EventType> = (scope: PayloadScope) => Payloads[T];

/** The draft content hash of a draft version (deterministic, distinct per version). */
export const draftHash = (version: number): string => `sha256:draft-v${version}`;

/** A lawful payload for every event type, given the decision and the time. */
export const validPayloads: { [T in EventType]: PayloadBuilder<T> } = {
  CREATE_DECISION: () => ({ title: '城区停车收费标准调整', category: 'PUBLIC_POLICY', summary: '调整城区道路停车收费标准' }),
  ACCEPT_PROPOSAL: () => ({ undertakingUnit: UNITS.undertaking }),
  DECLINE_PROPOSAL: () => ({ reason: '不属于重大行政决策事项' }),
  REVISE_DRAFT: ({ context }) => ({
    text: `决策草案第 ${context.draft.version + 1} 稿`,
    changeSummary: context.draft.version ? '根据意见修改' : '初稿',
    contentHash: draftHash(context.draft.version + 1),
  }),
  OPEN_PUBLIC_COMMENT: ({ now }) => ({ startsAt: now, endsAt: addDays(now, 30), channels: ['县政府门户网站', '县融媒体中心'] }),
  CLOSE_PUBLIC_COMMENT: () => ({}),
  PUBLIC_COMMENT_ELAPSED: () => ({}),
  SCHEDULE_HEARING: ({ now }) => ({ plannedAt: addDays(now, 14), place: '县政府第一会议室', participantSelection: '随机抽取' }),
  RECORD_HEARING: ({ now }) => ({ heldAt: now, materialsSentAt: addDays(now, -10), participants: ['市民代表', '商户代表', '人大代表'] }),
  SUBMIT_PUBLIC_OPINION_REPORT: () => ({
    summary: '共收到意见 126 条',
    adopted: ['夜间免费时段延长'],
    notAdopted: [{ opinion: '全部免费', reason: '不利于停车资源周转' }],
  }),
  WAIVE_PUBLIC_PARTICIPATION: () => ({ ground: 'CONFIDENTIAL', reason: '涉及国家秘密，依法不予公开' }),
  APPOINT_EXPERTS: ({ context }) => ({ experts: lawfulPanel(context.profile) }),
  RECORD_EXPERT_OPINION: ({ context }) => {
    const ea = context.expertArgumentation;
    const next = ea.panel.find((e) => !ea.signedOpinions.includes(e.name)) ?? ea.panel[0];
    return { expertName: next?.name ?? '专家1', opinion: '方案可行', signed: true };
  },
  SUBMIT_EXPERT_REPORT: () => ({ summary: '专家论证报告', adoption: '专家意见均已采纳' }),
  WAIVE_EXPERT_ARGUMENTATION: () => ({ ground: 'NOT_PROFESSIONAL_OR_TECHNICAL', reason: '事项不具有专业性、技术性' }),
  SUBMIT_RISK_REPORT: () => ({
    riskPoints: ['商户收入下降'],
    measures: ['过渡期优惠'],
    contingencyPlan: '应急预案',
    level: 'LOW',
    controllable: true,
  }),
  WAIVE_RISK_ASSESSMENT: () => ({ ground: 'NO_SIGNIFICANT_RISK', reason: '不涉及社会稳定、公共安全风险' }),
  SUBMIT_FOR_LEGALITY_REVIEW: () => ({ legalBasis: ['《价格法》', '《重大行政决策程序暂行条例》'], procedureStatement: '各项法定程序已履行' }),
  RETURN_FOR_MATERIALS: () => ({ missing: ['公平竞争审查材料'] }),
  ISSUE_LEGALITY_OPINION: () => ({ conclusion: 'LAWFUL', authority: '主体适格', procedure: '程序合法', content: '内容合法', opinion: '同意提交集体讨论' }),
  SUBMIT_FOR_COLLECTIVE_DISCUSSION: () => ({}),
  HOLD_MEETING: ({ now }) => ({ meetingType: 'EXECUTIVE', heldAt: now, membersTotal: 5, attendees: [...MEMBERS, HEAD_MEMBER] }),
  RECORD_OPINION: ({ context }) => {
    const spoken = new Set(context.meeting?.opinions.map((o) => o.member) ?? []);
    const member = MEMBERS.find((m) => !spoken.has(m));
    return member
      ? { member, isHead: false, position: 'FOR', text: '同意' }
      : { member: HEAD_MEMBER, isHead: true, position: 'FOR', text: '同意，按程序办理' };
  },
  RECORD_DECISION: () => ({ outcome: 'ADOPTED' }),
  REPORT_TO_PARTY_COMMITTEE: ({ now }) => ({ reportedAt: now, reference: '县委请示〔2025〕1号' }),
  REPORT_TO_PEOPLES_CONGRESS: ({ now }) => ({ reportedAt: now, reference: '县人大常委会报告〔2025〕1号' }),
  PUBLISH: ({ context, now }) =>
    context.facts.confidential
      ? { notPublished: true, ground: '依法不予公开' }
      : { publishedAt: now, channels: ['政府公报', '县政府门户网站'], interpretation: '公众意见和专家意见采纳情况说明' },
  ASSIGN_EXECUTION: ({ now }) => ({ unit: UNITS.executor, dueAt: addDays(now, 180), reportEveryDays: 30 }),
  REPORT_EXECUTION: () => ({ progress: '已完成 30%' }),
  START_POST_EVALUATION: () => ({ trigger: 'DEEMED_NECESSARY', evaluator: INDEPENDENT_EVALUATOR }),
  SUBMIT_POST_EVALUATION: () => ({ findings: '基本达到预期', recommendation: 'CONTINUE' }),
  SUSPEND_EXECUTION: () => ({ reason: '突发事件，先行暂停执行' }),
  RESUME_EXECUTION: () => ({ reason: '突发事件已消除' }),
  START_ADJUSTMENT: () => ({ reason: '后评估建议调整' }),
  STOP_EXECUTION: () => ({ reason: '决策后评估建议停止执行', meetingReference: '县政府常务会议纪要〔2025〕9号' }),
  COMPLETE_EXECUTION: () => ({ summary: '决策已执行完毕' }),
  WITHDRAW: () => ({ reason: '情况发生变化，撤回决策事项' }),
};

export function validPayload<T extends EventType>(type: T, scope: PayloadScope, overrides: Partial<Payloads[T]> = {}): Payloads[T] {
  return { ...(validPayloads[type] as PayloadBuilder<T>)(scope), ...overrides };
}

/** An event object as the engine receives it. */
export function procedureEvent<T extends EventType>(type: T, payload: Payloads[T], occurredAt: string, by: Actor = defaultActorFor(type)): AnyProcedureEvent {
  return { type, payload, occurredAt, actor: by } as AnyProcedureEvent;
}

// ---------------------------------------------------------------- harness

export interface DecisionFacts {
  confidential?: boolean;
  exploratoryReform?: boolean;
  publicInterest?: boolean;
}

export interface HarnessOptions {
  profile?: ProcedureProfile;
  facts?: DecisionFacts;
  engine?: ProcedureEngine;
  decisionId?: string;
  start?: string;
}

export interface SendOptions {
  by?: Actor;
  at?: string;
}

/** Raised by `must` when the engine refuses an event the test expected to pass. */
export class UnexpectedRefusal extends Error {
  constructor(
    readonly type: EventType,
    readonly reasons: Reason[],
  ) {
    super(`${type} refused: ${reasons.map((r) => r.code).join(', ')}`);
  }
}

/**
 * One decision driven through the pure engine, with a clock that only moves
 * forward. Every accepted snapshot is JSON round-tripped, as the database
 * would store it.
 */
export class DecisionHarness {
  readonly engine: ProcedureEngine;
  readonly profile: ProcedureProfile;
  snapshot: ProcedureSnapshot;
  now: string;
  /** accepted events, oldest first (the trail) */
  readonly accepted: AnyProcedureEvent[] = [];

  constructor(options: HarnessOptions = {}) {
    this.engine = options.engine ?? createEngine();
    this.profile = options.profile ?? NATIONAL_V1;
    this.now = options.start ?? T0;
    const started = this.engine.start({
      decisionId: options.decisionId ?? 'decision-1',
      profile: this.profile,
      payload: { ...validPayloads.CREATE_DECISION({} as PayloadScope), ...options.facts },
      occurredAt: this.now,
      actor: actor('drafter'),
    });
    this.snapshot = roundTrip(started.snapshot);
  }

  get context(): DecisionContext {
    return this.engine.context(this.snapshot);
  }

  get view(): DecisionView {
    return this.engine.view(this.snapshot);
  }

  get status() {
    return this.view.status;
  }

  get stateValue() {
    return this.view.stateValue;
  }

  advanceDays(days: number): this {
    this.now = addDays(this.now, days);
    return this;
  }

  advanceTo(iso: string): this {
    if (Date.parse(iso) < Date.parse(this.now)) throw new Error(`time only moves forward (${iso} < ${this.now})`);
    this.now = iso;
    return this;
  }

  /** The event a client would send now (valid payload unless overridden). */
  event<T extends EventType>(type: T, overrides: Partial<Payloads[T]> = {}, options: SendOptions = {}): AnyProcedureEvent {
    const at = options.at ?? this.now;
    return procedureEvent(type, validPayload(type, { context: this.context, now: at }, overrides), at, options.by ?? defaultActorFor(type));
  }

  /** Apply an already built event; on acceptance the snapshot moves and the clock ticks one minute. */
  apply(event: AnyProcedureEvent): ApplyOutcome {
    const outcome = this.engine.apply(this.snapshot, event);
    if (outcome.accepted) {
      this.snapshot = roundTrip(outcome.snapshot);
      this.accepted.push(event);
      const next = addMs(event.occurredAt, 60_000);
      if (Date.parse(next) > Date.parse(this.now)) this.now = next;
    }
    return outcome;
  }

  send<T extends EventType>(type: T, overrides: Partial<Payloads[T]> = {}, options: SendOptions = {}): ApplyOutcome {
    return this.apply(this.event(type, overrides, options));
  }

  /** Send an event that must be accepted. */
  must<T extends EventType>(type: T, overrides: Partial<Payloads[T]> = {}, options: SendOptions = {}): this {
    const outcome = this.send(type, overrides, options);
    if (!outcome.accepted) throw new UnexpectedRefusal(type, outcome.reasons);
    return this;
  }

  /** The codes of the reasons an event is refused for ([] when accepted; the snapshot then moves). */
  refusal<T extends EventType>(type: T, overrides: Partial<Payloads[T]> = {}, options: SendOptions = {}): string[] {
    const outcome = this.send(type, overrides, options);
    return outcome.accepted ? [] : outcome.reasons.map((r) => r.code);
  }

  /** Event types this actor may send now. */
  allowed(by: Actor | Role): EventType[] {
    return this.engine.allowedEvents(this.snapshot, typeof by === 'string' ? actor(by) : by, this.now);
  }

  /** What this actor may send now, and what is blocked for which rules. */
  options(by: Actor | Role): EventOptions {
    return this.engine.eventOptions(this.snapshot, typeof by === 'string' ? actor(by) : by, this.now);
  }

  /** A copy of this decision (same engine, same snapshot and clock) to try alternatives on. */
  fork(): DecisionHarness {
    const copy = Object.create(DecisionHarness.prototype) as DecisionHarness;
    Object.assign(copy, { engine: this.engine, profile: this.profile, snapshot: roundTrip(this.snapshot), now: this.now, accepted: [...this.accepted] });
    return copy;
  }

  // ------------------------------------------------------------ step helpers

  draft(): this {
    return this.must('REVISE_DRAFT');
  }

  /** Public participation, lawfully: open comment for the full period (plus a hearing when the profile demands it), close, report. */
  settlePublicParticipation(): this {
    const ctx = this.context;
    const hearingRequired = ctx.profile.hearing.requiredForPublicInterest && ctx.facts.publicInterest;
    if (ctx.facts.confidential) {
      // no public comment on a confidential matter: waived where the profile allows, else performed by other means
      if (ctx.profile.waiversAllowed) return this.must('WAIVE_PUBLIC_PARTICIPATION');
      if (hearingRequired) this.must('RECORD_HEARING');
      return this.must('SUBMIT_PUBLIC_OPINION_REPORT');
    }
    this.must('OPEN_PUBLIC_COMMENT');
    if (hearingRequired) this.advanceDays(10).must('RECORD_HEARING');
    this.advanceTo(this.context.publicParticipation.comment!.endsAt);
    return this.must('CLOSE_PUBLIC_COMMENT').must('SUBMIT_PUBLIC_OPINION_REPORT');
  }

  settleExpertArgumentation(): this {
    this.must('APPOINT_EXPERTS');
    for (let i = 0; i < this.context.expertArgumentation.panel.length; i++) this.must('RECORD_EXPERT_OPINION');
    return this.must('SUBMIT_EXPERT_REPORT');
  }

  settleRiskAssessment(): this {
    return this.must('SUBMIT_RISK_REPORT');
  }

  /** All three consultation steps, with the expert and risk work done while the comment period runs. */
  settleConsultation(): this {
    const ctx = this.context;
    if (ctx.facts.confidential) {
      this.settlePublicParticipation();
      return this.settleExpertArgumentation().settleRiskAssessment();
    }
    this.must('OPEN_PUBLIC_COMMENT');
    this.settleExpertArgumentation().settleRiskAssessment();
    if (ctx.profile.hearing.requiredForPublicInterest && ctx.facts.publicInterest) this.advanceDays(10).must('RECORD_HEARING');
    this.advanceTo(this.context.publicParticipation.comment!.endsAt);
    return this.must('CLOSE_PUBLIC_COMMENT').must('SUBMIT_PUBLIC_OPINION_REPORT');
  }

  /** Record every member's opinion (FOR unless given), then the head's. */
  recordOpinions(positions: Payloads['RECORD_OPINION']['position'][] = MEMBERS.map(() => 'FOR'), head: Payloads['RECORD_OPINION']['position'] = 'FOR'): this {
    positions.forEach((position, i) => this.must('RECORD_OPINION', { member: MEMBERS[i], isHead: false, position, text: position }));
    return this.must('RECORD_OPINION', { member: HEAD_MEMBER, isHead: true, position: head, text: '行政首长意见' });
  }

  /** Party committee (and people's congress when the profile requires it). */
  fileReports(): this {
    this.must('REPORT_TO_PARTY_COMMITTEE');
    if (this.context.profile.reports.peoplesCongress) this.must('REPORT_TO_PEOPLES_CONGRESS');
    return this;
  }
}

export function roundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

// ---------------------------------------------------------------- milestones

/** Named points of the procedure, in order. */
export const MILESTONES = [
  'proposed',
  'drafting',
  'drafted',
  'readyForReview',
  'underReview',
  'reviewedLawful',
  'awaitingMeeting',
  'inMeeting',
  'opinionsRecorded',
  'decided',
  'reported',
  'implementing',
  'postEvaluation',
  'suspended',
] as const;
export type Milestone = (typeof MILESTONES)[number];

const STEPS: Record<Milestone, (h: DecisionHarness) => void> = {
  proposed: () => undefined,
  drafting: (h) => h.must('ACCEPT_PROPOSAL'),
  drafted: (h) => h.draft(),
  readyForReview: (h) => h.settleConsultation(),
  underReview: (h) => h.must('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: addDays(h.now, 14) }),
  reviewedLawful: (h) => h.advanceDays(5).must('ISSUE_LEGALITY_OPINION'),
  awaitingMeeting: (h) => h.must('SUBMIT_FOR_COLLECTIVE_DISCUSSION'),
  inMeeting: (h) => h.advanceDays(3).must('HOLD_MEETING'),
  opinionsRecorded: (h) => h.recordOpinions(),
  decided: (h) => h.must('RECORD_DECISION'),
  reported: (h) => h.advanceDays(1).fileReports(),
  implementing: (h) => h.advanceDays(1).must('PUBLISH').must('ASSIGN_EXECUTION'),
  postEvaluation: (h) => h.advanceDays(90).must('START_POST_EVALUATION'),
  suspended: (h) => h.must('SUSPEND_EXECUTION'),
};

/**
 * A decision driven lawfully through the engine up to `milestone`:
 * `driveTo('reviewedLawful')` is back in drafting with a lawful opinion on the
 * current draft; `driveTo('implementing')` is published with execution assigned.
 * `postEvaluation` and `suspended` branch off `implementing`.
 */
export function driveTo(milestone: Milestone, options: HarnessOptions = {}): DecisionHarness {
  const h = new DecisionHarness(options);
  const last = MILESTONES.indexOf(milestone);
  for (const m of MILESTONES.slice(0, last + 1)) {
    if ((m === 'postEvaluation' && milestone === 'suspended') || m === 'proposed') continue;
    STEPS[m](h);
  }
  return h;
}
