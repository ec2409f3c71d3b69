/**
 * Deterministic test fixtures for the procedure engine: time, a working-day
 * calendar, actors and units, and a lawful payload for every event type
 * (machine v1; machine v2's differences are in payloads.v2.ts).
 */
import { systemActor, type Actor, type Role } from '../actor';
import type { DecisionContext } from '../decision-context';
import type { ProcedureCalendar, WorkingDayBounds } from '../decision.guards';
import { EVENT_ROLES } from '../event-roles';
import type { AnyProcedureEvent, EventType, Expert, Payloads } from '../events';
import { ProcedureEngine } from '../procedure-engine';
import type { ProcedureProfile } from '../profiles';

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

  /** exact, as over years with official holiday data */
  addWorkingDays(from: string, n: number): WorkingDayBounds {
    this.calls++;
    let local = Date.parse(from) + SHANGHAI_OFFSET_MS;
    let left = n;
    while (left > 0) {
      local += DAY_MS;
      const day = new Date(local).getUTCDay();
      if (day !== 0 && day !== 6) left--;
    }
    const due = new Date(local - SHANGHAI_OFFSET_MS).toISOString();
    return { earliest: due, latest: due, provisional: false };
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

export function roundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
