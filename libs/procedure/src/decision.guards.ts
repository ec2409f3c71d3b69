import type { AnyProcedureEvent, Payloads } from './events';
import type { DecisionContext } from './decision-context';
import type { Reason } from './reason';
import { reviewTimeOfEvent, reviewTimeTooShort } from './review-time';
import { reason, RULES } from './rule-codes';

/** Working-day arithmetic the guards and deadlines need; provided by libs/calendar. */
export interface ProcedureCalendar {
  /**
   * `n` Chinese working days after `from` (counting from the next day, keeping the time of
   * day). Exact where official holiday data exists; in a year estimated from the statutory
   * rules, bounds over the make-up days nobody knows yet. Throws (code
   * CALENDAR_YEAR_NOT_COVERED) only for a year it cannot compute at all.
   */
  addWorkingDays(from: string, n: number): WorkingDayBounds;
}

/** The n-th working day if every unknown day turns out a working day (`earliest`) or a day off (`latest`). */
export interface WorkingDayBounds {
  earliest: string;
  latest: string;
  /** computed in a year without official data: recompute when the State Council notice arrives */
  provisional: boolean;
}

export interface ProcedureDeps {
  calendar: ProcedureCalendar;
}

/**
 * A rule check: `null` when the transition does not apply to this event (a
 * branch selector, e.g. another outcome), `[]` when lawful, otherwise every
 * violated rule. The machine's guard passes only on `[]`; the engine reports
 * the reasons of the candidate transitions when none passes.
 */
export type RuleCheck = (context: DecisionContext, event: AnyProcedureEvent, params?: any) => Reason[] | null;

const DAY_MS = 86_400_000;
const ms = (iso: string) => Date.parse(iso);
const payload = <T extends keyof Payloads>(event: AnyProcedureEvent, _type: T) => event.payload as Payloads[T];
const ADOPTING_OUTCOMES = ['ADOPTED', 'ADOPTED_WITH_CHANGES'];
/** The statutory grounds on which each consultation step may be waived. */
const WAIVER_GROUNDS: Record<'publicParticipation' | 'expertArgumentation' | 'riskAssessment', readonly string[]> = {
  publicParticipation: ['CONFIDENTIAL'],
  expertArgumentation: ['NOT_PROFESSIONAL_OR_TECHNICAL'],
  riskAssessment: ['NO_SIGNIFICANT_RISK', 'ALREADY_ASSESSED'],
};

/** Is each of the three consultation steps completed or lawfully waived? Returns the violations. */
export function consultationUnsettled(ctx: DecisionContext): Reason[] {
  const out: Reason[] = [];
  const missing: string[] = [];
  const pp = ctx.publicParticipation;
  if (!pp.reportedAt && !pp.waiver) missing.push('公众参与');
  const ea = ctx.expertArgumentation;
  if (!ea.reportedAt && !ea.waiver) missing.push('专家论证');
  const ra = ctx.riskAssessment;
  const riskSettled = ra.waiver !== null || ra.lastReport?.controllable === true;
  if (!riskSettled) missing.push('风险评估');
  if (missing.length) out.push(reason('STEPS_NOT_SETTLED', `以下程序尚未完成或依法免除：${missing.join('、')}`));
  if (ra.lastReport && !ra.lastReport.controllable && !ra.waiver) out.push(reason('RISK_UNCONTROLLABLE'));
  return out;
}

/** Is there a lawful legality opinion bound to the current draft? Returns the violations. */
export function lawfulOpinionOnCurrentDraft(ctx: DecisionContext): Reason[] {
  const opinion = ctx.legalityReview.opinion;
  if (!opinion || (opinion.conclusion !== 'LAWFUL' && opinion.conclusion !== 'LAWFUL_WITH_RISKS')) {
    return [reason('LEGALITY_REVIEW_REQUIRED')];
  }
  if (opinion.draftHash !== ctx.draft.hash) return [reason('DRAFT_CHANGED_SINCE_REVIEW')];
  return [];
}

/** Majority position of the members other than the head, or null on a tie. */
export function majorityPosition(ctx: DecisionContext): 'FOR' | 'AGAINST' | null {
  const members = ctx.meeting?.opinions.filter((o) => !o.isHead) ?? [];
  const forVotes = members.filter((o) => o.position === 'FOR').length;
  const against = members.filter((o) => o.position === 'AGAINST').length;
  if (forVotes === against) return null;
  return forVotes > against ? 'FOR' : 'AGAINST';
}

/** The rule checks behind the machine's named guards, each named after the rule it checks. */
export function createRuleChecks(deps: ProcedureDeps) {
  const checks = {
    draftNotUnderReview: () => [reason('DRAFT_UNDER_REVIEW')],

    commentPeriodLawful: (ctx, ev) => {
      const p = payload(ev, 'OPEN_PUBLIC_COMMENT');
      const out: Reason[] = [];
      if (ctx.facts.confidential) out.push(reason('CONFIDENTIAL_NO_PUBLIC_COMMENT'));
      if (!ctx.draft.hash) out.push(reason('DRAFT_MISSING'));
      const days = (ms(p.endsAt) - ms(p.startsAt)) / DAY_MS;
      const { minDays, urgencyShortening } = ctx.profile.publicComment;
      if (!(days > 0)) out.push(reason('COMMENT_PERIOD_INVALID'));
      else if (days < minDays && !(urgencyShortening && p.urgencyReason?.trim())) {
        out.push(reason('COMMENT_PERIOD_TOO_SHORT', `公开征求意见期限为 ${days.toFixed(1)} 日，少于 ${minDays} 日且未说明紧急理由`));
      }
      return out;
    },

    commentPeriodElapsed: (ctx, ev) => {
      const c = ctx.publicParticipation.comment;
      return c && ms(ev.occurredAt) >= ms(c.endsAt) ? [] : [reason('COMMENT_PERIOD_NOT_ELAPSED')];
    },

    hearingNoticeSufficient: (ctx, ev) => {
      const p = payload(ev, 'RECORD_HEARING');
      const noticeDays = (ms(p.heldAt) - ms(p.materialsSentAt)) / DAY_MS;
      const min = ctx.profile.hearing.minNoticeDays;
      return noticeDays >= min ? [] : [reason('HEARING_NOTICE_TOO_SHORT', `听证材料于听证会前 ${Math.max(noticeDays, 0).toFixed(1)} 日送达，少于 ${min} 日`)];
    },

    publicOpinionReportable: (ctx, ev) => {
      const pp = ctx.publicParticipation;
      const out: Reason[] = [];
      const report = ev.payload as Partial<Payloads['SUBMIT_PUBLIC_OPINION_REPORT']>;
      const handled = new Map((report.commentDispositions ?? []).map((d) => [d.commentId, d]));
      const unaccounted = (report.receivedComments ?? []).filter((c) => {
        const d = handled.get(c.id);
        return !d || (!d.adopted && !d.reason?.trim());
      });
      if (unaccounted.length) {
        out.push(reason('COMMENTS_NOT_ACCOUNTED', `${RULES.COMMENTS_NOT_ACCOUNTED}：${unaccounted.length} 条意见未说明（${unaccounted.map((c) => c.id).join(', ')}）`));
      }
      if (pp.comment && !pp.comment.closedAt) out.push(reason('COMMENT_PERIOD_NOT_ELAPSED'));
      // a confidential matter cannot be opened to public comment, so the strict profile's requirement does not apply to it
      if (ctx.profile.publicComment.required && !pp.comment && !ctx.facts.confidential) out.push(reason('PUBLIC_COMMENT_REQUIRED'));
      // likewise a confidential matter has no public hearing
      if (ctx.profile.hearing.requiredForPublicInterest && ctx.facts.publicInterest && !ctx.facts.confidential && pp.hearings.length === 0) {
        out.push(reason('HEARING_REQUIRED'));
      }
      return out;
    },

    waiverLawful: (ctx, ev, params: { step: 'publicParticipation' | 'expertArgumentation' | 'riskAssessment' }) => {
      if (!ctx.profile.waiversAllowed) return [reason('WAIVER_NOT_ALLOWED')];
      const { ground, reason: why } = ev.payload as { ground?: string; reason?: string };
      if (!ground || !WAIVER_GROUNDS[params.step].includes(ground) || !why?.trim()) {
        return [reason('WAIVER_GROUND_NOT_MET', `免除该程序须载明法定情形（${WAIVER_GROUNDS[params.step].join(' / ')}）及理由`)];
      }
      if (params.step === 'publicParticipation' && !ctx.facts.confidential) {
        return [reason('WAIVER_GROUND_NOT_MET', '仅依法不予公开的决策事项可以免除公众参与')];
      }
      if (params.step === 'riskAssessment') {
        const p = payload(ev, 'WAIVE_RISK_ASSESSMENT');
        if (p.ground === 'ALREADY_ASSESSED' && !p.reference?.trim()) return [reason('WAIVER_REFERENCE_REQUIRED')];
      }
      return [];
    },

    expertPanelLawful: (ctx, ev) => {
      const { experts } = payload(ev, 'APPOINT_EXPERTS');
      const { minPanel, oddPanel } = ctx.profile.experts;
      const out: Reason[] = [];
      // a name listed twice is one expert
      const size = new Set(experts.map((e) => e.name.trim())).size;
      if (size < minPanel) {
        out.push(reason('EXPERT_PANEL_TOO_SMALL', `论证专家 ${size} 人，少于规定的 ${minPanel} 人`));
      }
      if (oddPanel && size % 2 === 0) out.push(reason('EXPERT_PANEL_NOT_ODD'));
      const conflicted = experts.filter((e) => e.hasDirectInterest).map((e) => e.name);
      if (conflicted.length) {
        out.push(reason('EXPERT_CONFLICT_OF_INTEREST', `与决策事项有直接利害关系的专家不得参与论证：${conflicted.join('、')}`));
      }
      return out;
    },

    expertOpinionAcceptable: (ctx, ev) => {
      const p = payload(ev, 'RECORD_EXPERT_OPINION');
      const out: Reason[] = [];
      if (!ctx.expertArgumentation.panel.some((e) => e.name === p.expertName)) out.push(reason('EXPERT_NOT_ON_PANEL'));
      if (!p.signed) out.push(reason('EXPERT_OPINION_UNSIGNED'));
      return out;
    },

    allExpertOpinionsSigned: (ctx) => {
      const ea = ctx.expertArgumentation;
      const missing = ea.panel.filter((e) => !ea.signedOpinions.includes(e.name)).map((e) => e.name);
      return missing.length ? [reason('EXPERT_OPINIONS_MISSING', `以下专家尚未提交签名的书面论证意见：${missing.join('、')}`)] : [];
    },

    riskReportOutcome: (ctx, ev, params: { controllable: boolean; reassessment: boolean }) => {
      const p = payload(ev, 'SUBMIT_RISK_REPORT');
      if (p.controllable !== params.controllable) return null;
      const last = ctx.riskAssessment.lastReport;
      if (params.reassessment && last && last.draftVersion === ctx.draft.version) return [reason('RISK_DRAFT_NOT_ADJUSTED')];
      return [];
    },

    reviewSubmissionLawful: (ctx, ev): Reason[] => {
      const p = payload(ev, 'SUBMIT_FOR_LEGALITY_REVIEW');
      const out: Reason[] = [...(ctx.draft.hash ? [] : [reason('DRAFT_MISSING')]), ...consultationUnsettled(ctx)];
      const owed = ctx.profile.legalityReview.workingDaysOwed;
      // only a date too short in every arrangement of the unknown holidays is refused; in between, the action records the risk
      const time = p.opinionNeededBy ? reviewTimeOfEvent(deps.calendar, ev, p.opinionNeededBy, owed) : null;
      if (time?.verdict === 'tooShort') out.push(reviewTimeTooShort(owed, time.earliest));
      return out;
    },

    legalityOpinionLawful: (ctx, ev) => {
      const p = payload(ev, 'ISSUE_LEGALITY_OPINION');
      if (p.conclusion !== 'LAWFUL_WITH_RISKS') return [];
      const out: Reason[] = [];
      if (!ctx.facts.exploratoryReform) out.push(reason('LAWFUL_WITH_RISKS_NOT_ALLOWED'));
      if (!p.legalRisks?.length) out.push(reason('LEGAL_RISKS_REQUIRED'));
      return out;
    },

    readyForCollectiveDiscussion: (ctx) => [...consultationUnsettled(ctx), ...lawfulOpinionOnCurrentDraft(ctx)],

    quorumMet: (ctx, ev) => {
      const p = payload(ev, 'HOLD_MEETING');
      const present = new Set(p.attendees).size;
      if (present > p.membersTotal) return [reason('ATTENDEES_EXCEED_MEMBERS')];
      if (p.membersTotal < 1) return [reason('QUORUM_NOT_MET', '组成人员总数须至少为 1')];
      const ratio = ctx.profile.collectiveDiscussion.quorumRatio;
      return present >= p.membersTotal * ratio
        ? []
        : [reason('QUORUM_NOT_MET', `出席 ${present} 人，组成人员 ${p.membersTotal} 人，未达到 ${ratio * 100}% 的规定比例`)];
    },

    opinionInOrder: (ctx, ev) => {
      const p = payload(ev, 'RECORD_OPINION');
      const meeting = ctx.meeting!;
      const out: Reason[] = [];
      if (!meeting.attendees.includes(p.member)) out.push(reason('MEMBER_NOT_PRESENT'));
      if (meeting.opinions.some((o) => o.member === p.member)) out.push(reason('OPINION_ALREADY_RECORDED'));
      const headSpoke = meeting.opinions.some((o) => o.isHead);
      const membersSpoke = meeting.opinions.some((o) => !o.isHead);
      if (headSpoke || (p.isHead && !membersSpoke)) out.push(reason('HEAD_MUST_SPEAK_LAST'));
      return out;
    },

    decisionLawful: (ctx, ev, params: { outcomes: string[] }) => {
      const p = payload(ev, 'RECORD_DECISION');
      if (!params.outcomes.includes(p.outcome)) return null;
      if (!ctx.meeting?.opinions.some((o) => o.isHead)) return [reason('HEAD_OPINION_MISSING')];
      const majority = majorityPosition(ctx);
      const adopting = ADOPTING_OUTCOMES.includes(p.outcome);
      const deviates = (majority === 'FOR' && !adopting) || (majority === 'AGAINST' && adopting);
      return deviates && !p.deviationReason?.trim() ? [reason('DEVIATION_REASON_REQUIRED')] : [];
    },

    publicationLawful: (ctx, ev) => {
      const p = payload(ev, 'PUBLISH');
      const out: Reason[] = [];
      if (!ctx.reports.partyCommittee) out.push(reason('PARTY_COMMITTEE_REPORT_REQUIRED'));
      if (ctx.profile.reports.peoplesCongress && !ctx.reports.peoplesCongress) out.push(reason('PEOPLES_CONGRESS_REPORT_REQUIRED'));
      if (ctx.facts.confidential && !p.notPublished) out.push(reason('CONFIDENTIAL_NOT_PUBLISHED'));
      if (!ctx.facts.confidential && p.notPublished) out.push(reason('PUBLICATION_REQUIRED'));
      const consulted = ctx.publicParticipation.reportedAt !== null || ctx.expertArgumentation.reportedAt !== null;
      if (!p.notPublished && consulted && !p.interpretation?.trim()) out.push(reason('INTERPRETATION_REQUIRED'));
      return out;
    },

    executorAssigned: (ctx, ev) =>
      ctx.execution.assignments.some((a) => a.unit === ev.actor.unit) ? [] : [reason('EXECUTION_NOT_ASSIGNED')],

    evaluatorIndependent: (ctx, ev) => {
      const p = payload(ev, 'START_POST_EVALUATION');
      return p.evaluator.trim() === ctx.undertakingUnit ? [reason('EVALUATOR_NOT_INDEPENDENT')] : [];
    },
  } satisfies Record<string, RuleCheck>;
  return checks;
}

export type RuleChecks = ReturnType<typeof createRuleChecks>;
export type GuardName = keyof RuleChecks;
