import type { DecisionContext } from '../decision-context';
import { createRuleChecks, type ProcedureDeps, type RuleCheck } from '../decision.guards';
import { CHANGE_TRIGGERS, type AnyProcedureEvent, type MeetingPerson, type OpinionDisposition, type Payloads } from '../events';
import type { Reason } from '../reason';
import { reason, RULES } from '../rule-codes';
import type { RuleDefinition } from '../rule-definition';
import { samePerson, scoped, personsOf, type CommentPeriodV2, type DecisionContextV2, type MeetingV2, type PublicParticipationV2, type Scope } from './context.v2';

/**
 * The rules of machine v2. A rule that did not change is v1's, applied to the
 * records of the round it guards (the decision's own, or a change round's, see
 * `scoped`); a changed rule is v1's plus what v2 adds. Every guard takes
 * `{ scope }` (default: the decision's own round).
 */

type Check = (ctx: DecisionContextV2, event: AnyProcedureEvent, params: any) => Reason[] | null;
interface ScopeParams {
  scope?: Scope;
}

const ms = (iso: string | undefined) => (iso === undefined ? NaN : Date.parse(iso));
const payload = <T extends keyof Payloads>(event: AnyProcedureEvent, _type: T) => event.payload as Partial<Payloads[T]>;
const ADOPTING = ['ADOPTED', 'ADOPTED_WITH_CHANGES'];
const names = (people: MeetingPerson[]) => people.map((p) => p.name).join('、');
/** How many ids a refusal names at most (a flood of comments must not make the message a flood). */
const LISTED = 10;

/** The times an event states that lie after the moment it is recorded (beyond the profile's clock tolerance). */
function laterThanNow(ctx: DecisionContextV2, event: AnyProcedureEvent, times: Record<string, string | undefined>): Reason[] {
  const latest = ms(event.occurredAt) + ctx.profile.clockToleranceMinutes * 60_000;
  return Object.entries(times)
    .filter(([, at]) => ms(at) > latest)
    .map(([field, at]) => reason('DATE_IN_FUTURE', `${field}（${at}）晚于记录时间（${event.occurredAt}）`));
}

/** The person a RECORD_OPINION payload names. */
const speakerOf = (p: Partial<Payloads['RECORD_OPINION']>): MeetingPerson => ({ name: p.member ?? '', ...(p.memberSub ? { sub: p.memberSub } : {}) });
const hasSpoken = (meeting: MeetingV2, person: MeetingPerson) => meeting.opinions.some((o) => samePerson({ name: o.member, ...(o.memberSub ? { sub: o.memberSub } : {}) }, person));

/**
 * Public comments the report leaves unaccounted for: every group the host counted (spam excluded) needs
 * a disposition covering exactly its comments, and a reason where not adopted. Linear in groups and dispositions.
 */
function unaccountedComments(report: Partial<Payloads['SUBMIT_PUBLIC_OPINION_REPORT']>): Reason[] {
  const groups =
    report.receivedCommentSummary?.groups ?? (report.receivedComments ?? []).map((c) => ({ groupId: `comment:${c.id}`, count: 1, digest: c.sha256 }));
  if (!groups.length) return [];
  const dispositions: OpinionDisposition[] = [
    ...(report.dispositions ?? []),
    // v1's per-comment dispositions still count, as groups of one
    ...(report.commentDispositions ?? []).map((d) => ({ commentIds: [d.commentId], count: 1, adopted: d.adopted, reason: d.reason })),
  ];
  const counts = new Map<string, number>();
  for (const g of groups) counts.set(g.groupId, g.count);
  const handled = new Set<string>();
  let miscounted = 0;
  for (const d of dispositions) {
    if (!d.adopted && !d.reason?.trim()) continue;
    const covered = d.groupId !== undefined ? [d.groupId] : (d.commentIds ?? []).map((id) => `comment:${id}`);
    let total = 0;
    for (const id of covered) total += counts.get(id) ?? NaN;
    if (total !== d.count) miscounted++;
    else for (const id of covered) handled.add(id);
  }
  const open = groups.filter((g) => !handled.has(g.groupId));
  if (!open.length && !miscounted) return [];
  const shown = open.slice(0, LISTED).map((g) => g.groupId);
  const parts = [
    open.length ? `${open.length} 组（共 ${open.reduce((n, g) => n + g.count, 0)} 条）意见未说明采纳情况或不采纳理由（${shown.join(', ')}${open.length > LISTED ? ' 等' : ''}）` : '',
    miscounted ? `${miscounted} 项处理意见所述条数与收到的意见不符或指向未知意见` : '',
  ].filter(Boolean);
  return [reason('COMMENTS_NOT_ACCOUNTED', `${RULES.COMMENTS_NOT_ACCOUNTED}：${parts.join('；')}`)];
}

/** The rule checks behind machine v2's named guards. */
export function createRuleChecksV2(deps: ProcedureDeps) {
  const v1 = createRuleChecks(deps);
  /** v1's rule, on the records of the guarded round */
  const onRound =
    (check: RuleCheck): Check =>
    (ctx, event, params: ScopeParams | undefined) =>
      check(scoped(ctx, params?.scope) as DecisionContext, event, params);

  const checks = {
    draftNotUnderReview: onRound(v1.draftNotUnderReview),
    commentPeriodElapsed: onRound(v1.commentPeriodElapsed),
    expertPanelLawful: onRound(v1.expertPanelLawful),
    expertOpinionAcceptable: onRound(v1.expertOpinionAcceptable),
    allExpertOpinionsSigned: onRound(v1.allExpertOpinionsSigned),
    riskReportOutcome: onRound(v1.riskReportOutcome),
    reviewSubmissionLawful: onRound(v1.reviewSubmissionLawful),
    readyForCollectiveDiscussion: onRound(v1.readyForCollectiveDiscussion),
    waiverLawful: onRound(v1.waiverLawful),
    executorAssigned: onRound(v1.executorAssigned),

    /** Art. 14-15: the draft and its explanation published; the period counts from when it is recorded, unless evidence shows it began earlier. */
    commentPeriodLawful: (ctx, event, params: ScopeParams) => {
      const c = scoped(ctx, params?.scope);
      const p = payload(event, 'OPEN_PUBLIC_COMMENT');
      const out = [...(v1.commentPeriodLawful(c, event) ?? [])];
      if (!p.explanation?.trim()) out.push(reason('COMMENT_EXPLANATION_REQUIRED'));
      const tolerance = c.profile.clockToleranceMinutes * 60_000;
      if (ms(p.startsAt) < ms(event.occurredAt) - tolerance && !p.evidenceMaterialId) {
        out.push(reason('COMMENT_PERIOD_BACKDATED', `${RULES.COMMENT_PERIOD_BACKDATED}（开始时间 ${p.startsAt} 早于记录时间 ${event.occurredAt}）`));
      }
      const open = (c.publicParticipation as PublicParticipationV2).comment;
      if (open && !open.closedAt && open.draftHash === c.draft.hash) out.push(reason('COMMENT_PERIOD_ALREADY_OPEN'));
      return out;
    },

    hearingNoticeSufficient: (ctx, event, params: ScopeParams) => {
      const p = payload(event, 'RECORD_HEARING');
      return [...(onRound(v1.hearingNoticeSufficient)(ctx, event, params) ?? []), ...laterThanNow(ctx, event, { heldAt: p.heldAt, materialsSentAt: p.materialsSentAt })];
    },

    /** Art. 14-15: a method was actually used, on the draft as it stands, and every comment is accounted for. */
    publicOpinionReportable: (ctx, event, params: ScopeParams) => {
      const c = scoped(ctx, params?.scope);
      const p = payload(event, 'SUBMIT_PUBLIC_OPINION_REPORT');
      // v1's rules on the state of the step (period elapsed, comment or hearing required); its accounting is replaced by groups
      const out = [...(v1.publicOpinionReportable(c, { ...event, payload: {} } as AnyProcedureEvent) ?? [])];
      const pp = c.publicParticipation as DecisionContext['publicParticipation'] & PublicParticipationV2;
      const comment = pp.comment as (CommentPeriodV2 & { draftHashAtClose?: string }) | null;
      if (comment?.draftHashAtClose !== undefined && comment.draftHashAtClose !== comment.draftHash) out.push(reason('COMMENT_ON_OLD_DRAFT'));
      const others = p.otherMethods ?? [];
      if (!comment && pp.hearings.length === 0 && others.length === 0) out.push(reason('PARTICIPATION_NOT_HELD'));
      out.push(...others.flatMap((m, i) => laterThanNow(ctx, event, { [`otherMethods[${i}].heldAt`]: m.heldAt })));
      out.push(...unaccountedComments(p));
      return out;
    },

    /** Art. 28: the opinion records the legal advisers' / public-sector lawyers' opinions. */
    legalityOpinionLawful: (ctx, event, params: ScopeParams) => {
      const c = scoped(ctx, params?.scope);
      const out = [...(v1.legalityOpinionLawful(c, event) ?? [])];
      const recorded = (payload(event, 'ISSUE_LEGALITY_OPINION').advisers ?? []).filter((a) => typeof a === 'object' && a.name?.trim() && a.opinion?.trim());
      const owed = c.profile.legalityReview.minAdviserOpinions;
      if (recorded.length < owed) out.push(reason('ADVISER_OPINION_REQUIRED', `${RULES.ADVISER_OPINION_REQUIRED}（已载明 ${recorded.length} 份，至少 ${owed} 份）`));
      return out;
    },

    /** Art. 30: at least the profile's share of members present, counted as persons; a meeting already held. */
    quorumMet: (ctx, event, params: ScopeParams) => {
      const p = payload(event, 'HOLD_MEETING');
      const persons = personsOf(p.attendees).map((a) => a.sub ?? `name:${a.name}`);
      const counted = { ...event, payload: { ...p, attendees: persons } } as AnyProcedureEvent;
      return [...(onRound(v1.quorumMet)(ctx, counted, params) ?? []), ...laterThanNow(ctx, event, { heldAt: p.heldAt })];
    },

    /** Art. 30: every attendee speaks once; the head after every other attendee, and nobody after the head. */
    opinionInOrder: (ctx, event, params: ScopeParams) => {
      const meeting = scoped(ctx, params?.scope).meeting as MeetingV2;
      const p = payload(event, 'RECORD_OPINION');
      const speaker = speakerOf(p);
      const out: Reason[] = [];
      if (!meeting.persons.some((a) => samePerson(a, speaker))) out.push(reason('MEMBER_NOT_PRESENT'));
      if (hasSpoken(meeting, speaker)) out.push(reason('OPINION_ALREADY_RECORDED'));
      if (meeting.opinions.some((o) => o.isHead)) out.push(reason('HEAD_MUST_SPEAK_LAST', '行政首长已发表意见，其后不再记录其他人员的意见'));
      else if (p.isHead) {
        const silent = meeting.persons.filter((a) => !samePerson(a, speaker) && !hasSpoken(meeting, a));
        if (silent.length) out.push(reason('HEAD_MUST_SPEAK_LAST', `行政首长应当最后发表意见，尚未发表意见的出席人员：${names(silent)}`));
      }
      return out;
    },

    /** Art. 30: every attendee's position on record, and the head who decides is the head who spoke last. */
    decisionLawful: (ctx, event, params: ScopeParams & { outcomes: string[] }) => {
      const p = payload(event, 'RECORD_DECISION');
      if (!params.outcomes.includes(p.outcome as string)) return null;
      const c = scoped(ctx, params.scope);
      const out = [...(v1.decisionLawful(c, event, params) ?? [])];
      const meeting = c.meeting as MeetingV2 | null;
      const silent = meeting ? meeting.persons.filter((a) => !hasSpoken(meeting, a)) : [];
      if (silent.length) out.push(reason('ATTENDEE_POSITION_MISSING', `${RULES.ATTENDEE_POSITION_MISSING}：${names(silent)}`));
      const head = meeting?.opinions.find((o) => o.isHead);
      if (head && !samePerson({ name: head.member, ...(head.memberSub ? { sub: head.memberSub } : {}) }, { name: event.actor.name, sub: event.actor.sub })) {
        out.push(reason('HEAD_NOT_PRESIDING', `${RULES.HEAD_NOT_PRESIDING}（会议记录中的行政首长：${head.member}）`));
      }
      return out;
    },

    /** A report to the party committee / people's congress is made once, and not dated in the future. */
    reportLawful: (ctx, event, params: ScopeParams & { report: 'partyCommittee' | 'peoplesCongress' }) => {
      const c = scoped(ctx, params.scope);
      const filed = c.reports[params.report];
      const out = filed ? [reason('REPORT_ALREADY_FILED', `${RULES.REPORT_ALREADY_FILED}（${filed.reportedAt}，${filed.reference}）`)] : [];
      return [...out, ...laterThanNow(ctx, event, { reportedAt: payload(event, 'REPORT_TO_PARTY_COMMITTEE').reportedAt })];
    },

    publicationLawful: (ctx, event, params: ScopeParams) => [
      ...(onRound(v1.publicationLawful)(ctx, event, params) ?? []),
      ...laterThanNow(ctx, event, { publishedAt: payload(event, 'PUBLISH').publishedAt }),
    ],

    /** Art. 34: execution ends only after it was assigned, and not while a change round is under way. */
    executionCompletable: (ctx) => [
      ...(ctx.execution.assignments.length ? [] : [reason('EXECUTION_NOT_ASSIGNED', '尚未指定决策执行单位，不得结束执行')]),
      ...(ctx.change ? [reason('ADJUSTMENT_IN_PROGRESS', `${RULES.ADJUSTMENT_IN_PROGRESS}，须先作出决定或撤回`)] : []),
    ],

    /** Art. 36: not the undertaking unit, nor a unit that did the main argumentation or assessment. */
    evaluatorIndependent: (ctx, event) => {
      const evaluator = payload(event, 'START_POST_EVALUATION').evaluator?.trim();
      if (evaluator && evaluator === ctx.undertakingUnit) return [reason('EVALUATOR_NOT_INDEPENDENT', `${RULES.EVALUATOR_NOT_INDEPENDENT}（${evaluator} 为决策承办单位）`)];
      if (evaluator && ctx.assessmentUnits.includes(evaluator)) return [reason('EVALUATOR_NOT_INDEPENDENT', `${RULES.EVALUATOR_NOT_INDEPENDENT}（${evaluator} 承担了论证或风险评估）`)];
      return [];
    },

    /** Art. 36: the evaluation records how the public took part. */
    postEvaluationRecorded: (_ctx, event) => {
      const pp = payload(event, 'SUBMIT_POST_EVALUATION').publicParticipation;
      return pp?.methods?.length && pp.summary?.trim() ? [] : [reason('POST_EVALUATION_PARTICIPATION_REQUIRED')];
    },

    /** Art. 37: a change round rests on a reason and a post-evaluation or another stated circumstance; `purpose` selects the round. */
    changeStartLawful: (ctx, event, params: { purpose: 'ADJUST' | 'STOP' }) => {
      const p = payload(event, 'START_ADJUSTMENT');
      if ((p.purpose ?? 'ADJUST') !== params.purpose) return null;
      if (!p.reason?.trim() || !p.trigger || !CHANGE_TRIGGERS.includes(p.trigger)) return [reason('ADJUSTMENT_TRIGGER_REQUIRED')];
      if (p.trigger === 'POST_EVALUATION' && ctx.execution.evaluations.length === 0) {
        return [reason('ADJUSTMENT_TRIGGER_REQUIRED', '尚无已完成的决策后评估可作为依据；依据其他情形的，须说明该情形')];
      }
      if (p.trigger === 'OTHER' && !p.triggerDescription?.trim()) return [reason('ADJUSTMENT_TRIGGER_REQUIRED', '依据其他情形启动的，须说明该情形')];
      return [];
    },

    changeRoundRunning: () => [reason('ADJUSTMENT_IN_PROGRESS')],

    /** Art. 37: stopping execution rests on a collective decision to stop, taken on a lawful legality opinion. */
    collectiveStopDecision: (ctx) => {
      const decided = ctx.change?.purpose === 'STOP' && ADOPTING.includes(ctx.change.record.decision?.outcome ?? '');
      return decided ? [] : [reason('COLLECTIVE_DECISION_REQUIRED')];
    },
  } satisfies Record<string, Check>;
  return checks;
}

export type GuardNameV2 = keyof ReturnType<typeof createRuleChecksV2>;

/** What `allowedEvents` may judge of each v2 rule without a payload (see RuleDefinition). */
const PROBES: Partial<Record<GuardNameV2, Omit<RuleDefinition, 'check'>>> = {
  draftNotUnderReview: { stateCodes: 'all' },
  commentPeriodElapsed: { stateCodes: 'all' },
  allExpertOpinionsSigned: { stateCodes: 'all' },
  readyForCollectiveDiscussion: { stateCodes: 'all' },
  executorAssigned: { stateCodes: 'all' },
  executionCompletable: { stateCodes: 'all' },
  changeRoundRunning: { stateCodes: 'all' },
  collectiveStopDecision: { stateCodes: 'all' },
  reviewSubmissionLawful: { stateCodes: ['DRAFT_MISSING', 'STEPS_NOT_SETTLED', 'RISK_UNCONTROLLABLE'] },
  commentPeriodLawful: { stateCodes: ['DRAFT_MISSING', 'CONFIDENTIAL_NO_PUBLIC_COMMENT', 'COMMENT_PERIOD_ALREADY_OPEN'] },
  publicOpinionReportable: { stateCodes: ['COMMENT_PERIOD_NOT_ELAPSED', 'PUBLIC_COMMENT_REQUIRED', 'HEARING_REQUIRED', 'COMMENT_ON_OLD_DRAFT'] },
  publicationLawful: { stateCodes: ['PARTY_COMMITTEE_REPORT_REQUIRED', 'PEOPLES_CONGRESS_REPORT_REQUIRED'] },
  reportLawful: { stateCodes: ['REPORT_ALREADY_FILED'] },
  waiverLawful: { stateCodes: ['WAIVER_NOT_ALLOWED'] },
  decisionLawful: {
    stateCodes: ['HEAD_OPINION_MISSING', 'ATTENDEE_POSITION_MISSING', 'HEAD_NOT_PRESIDING'],
    probePayload: (p: { outcomes: string[] }) => ({ outcome: p.outcomes[0] }),
  },
  riskReportOutcome: { stateCodes: ['RISK_DRAFT_NOT_ADJUSTED'], probePayload: (p: { controllable: boolean }) => ({ controllable: p.controllable }) },
};

/** Machine v2's rules as the engine evaluates them. */
export function createRulesV2(deps: ProcedureDeps): Record<GuardNameV2, RuleDefinition> {
  const checks = createRuleChecksV2(deps);
  return Object.fromEntries(Object.entries(checks).map(([name, check]) => [name, { check: check as RuleCheck, ...PROBES[name as GuardNameV2] }])) as Record<
    GuardNameV2,
    RuleDefinition
  >;
}
