import { actorRef } from '../decision-context';
import type { ProcedureDeps } from '../decision.guards';
import { contextPatches as v1 } from '../decision.actions';
import type { AnyProcedureEvent, ChangePurpose, Payloads } from '../events';
import {
  freshRecord,
  personsOf,
  RECORD_KEYS,
  scoped,
  unscoped,
  type ChangeSummary,
  type CommentPeriodV2,
  type DecisionContextV2,
  type LegalityOpinionV2,
  type MeetingV2,
  type PublicParticipationV2,
  type Scope,
} from './context.v2';

type Patch = (ctx: DecisionContextV2, event: AnyProcedureEvent, params: any, deps: ProcedureDeps) => Partial<DecisionContextV2>;
type V1Patch = (ctx: any, event: AnyProcedureEvent, deps: ProcedureDeps) => Partial<any>;
interface ScopeParams {
  scope?: Scope;
}

const p = <T extends keyof Payloads>(event: AnyProcedureEvent, _type: T) => event.payload as Payloads[T];
const ms = (iso: string) => Date.parse(iso);

/** v1's patch, computed on and written back to the records of the round the transition belongs to. */
const onRound =
  (patch: V1Patch): Patch =>
  (ctx, event, params: ScopeParams | undefined, deps) =>
    unscoped(ctx, params?.scope, patch(scoped(ctx, params?.scope), event, deps));

/** v1's patch, then v2's additions computed on the same scoped context. */
const extended =
  (patch: V1Patch, more: (c: DecisionContextV2, event: AnyProcedureEvent, base: Partial<DecisionContextV2>) => Partial<DecisionContextV2>): Patch =>
  (ctx, event, params: ScopeParams | undefined, deps) => {
    const c = scoped(ctx, params?.scope);
    const base = patch(c, event, deps) as Partial<DecisionContextV2>;
    return unscoped(ctx, params?.scope, { ...base, ...more(c, event, base) });
  };

const withUnit = (units: string[], unit: string | undefined) => (unit && !units.includes(unit) ? [...units, unit] : units);

/**
 * What each accepted event writes into a v2 decision's memory. Patches that did
 * not change are v1's; every one applies to the round named by `params.scope`.
 */
export const contextPatchesV2 = {
  recordUndertakingUnit: (ctx, event) => ({ ...v1.recordUndertakingUnit(ctx, event), involvedUnits: p(event, 'ACCEPT_PROPOSAL').involvedUnits ?? [] }),
  recordDraft: onRound(v1.recordDraft),
  recordHearingPlanned: onRound(v1.recordHearingPlanned),
  recordHearing: onRound(v1.recordHearing),
  recordParticipationWaiver: onRound(v1.recordParticipationWaiver),
  recordExpertPanel: onRound(v1.recordExpertPanel),
  recordExpertOpinion: onRound(v1.recordExpertOpinion),
  recordExpertWaiver: onRound(v1.recordExpertWaiver),
  recordRiskWaiver: onRound(v1.recordRiskWaiver),
  recordReviewSubmission: onRound(v1.recordReviewSubmission),
  recordReturnForMaterials: onRound(v1.recordReturnForMaterials),
  recordDecision: onRound(v1.recordDecision),
  clearMeeting: onRound(v1.clearMeeting),
  recordPartyCommitteeReport: onRound(v1.recordPartyCommitteeReport),
  recordPeoplesCongressReport: onRound(v1.recordPeoplesCongressReport),
  recordPublication: onRound(v1.recordPublication),
  recordAssignment: v1.recordAssignment,
  recordPostEvaluationStart: v1.recordPostEvaluationStart,
  recordSuspension: v1.recordSuspension,
  clearSuspension: v1.clearSuspension,
  recordEnd: v1.recordEnd,

  /** The period is bound to the draft it publishes; one held outside the engine is marked as recorded afterwards. */
  recordCommentOpened: (ctx, event, params: ScopeParams) => {
    const c = scoped(ctx, params?.scope);
    const { startsAt, endsAt, urgencyReason, explanation, evidenceMaterialId } = p(event, 'OPEN_PUBLIC_COMMENT');
    const pp = c.publicParticipation as DecisionContextV2['publicParticipation'] & PublicParticipationV2;
    const number = (pp.periods ?? 0) + 1;
    const afterwards = ms(startsAt) < ms(event.occurredAt) - c.profile.clockToleranceMinutes * 60_000;
    const comment: CommentPeriodV2 = {
      startsAt,
      endsAt,
      ...(urgencyReason ? { urgencyReason } : {}),
      openedAt: event.occurredAt,
      explanation: explanation ?? '',
      draftHash: c.draft.hash!,
      draftVersion: c.draft.version,
      ...(afterwards ? { recordedAfterwards: true as const, evidenceMaterialId } : {}),
      number,
    };
    return unscoped(ctx, params?.scope, { publicParticipation: { ...pp, comment, periods: number } as DecisionContextV2['publicParticipation'] });
  },

  /** Who closed the period, and on which draft (a draft revised while it was open needs a new period). */
  recordCommentClosed: extended(v1.recordCommentClosed, (c, event, base) => {
    const pp = base.publicParticipation!;
    const closedByName = event.type === 'PUBLIC_COMMENT_ELAPSED' ? undefined : event.actor.name;
    return { publicParticipation: { ...pp, comment: { ...pp.comment!, ...(closedByName ? { closedByName } : {}), draftHashAtClose: c.draft.hash } as never } };
  }),

  recordOpinionReport: extended(v1.recordOpinionReport, (_c, event, base) => {
    const others = (p(event, 'SUBMIT_PUBLIC_OPINION_REPORT').otherMethods ?? []).map(({ method, heldAt, materialId }) => ({ method, heldAt, materialId }));
    return { publicParticipation: { ...base.publicParticipation!, otherMethods: others } as never };
  }),

  /** A unit that organised the argumentation or carried out the risk assessment may not evaluate the decision afterwards. */
  recordExpertReport: extended(v1.recordExpertReport, (c, event) => ({
    assessmentUnits: withUnit(c.assessmentUnits, p(event, 'SUBMIT_EXPERT_REPORT').organizerUnit),
  })),

  recordRiskReport: extended(v1.recordRiskReport, (c, event) => ({
    assessmentUnits: withUnit(c.assessmentUnits, p(event, 'SUBMIT_RISK_REPORT').assessorUnit),
  })),

  recordLegalityOpinion: extended(v1.recordLegalityOpinion, (_c, event, base) => {
    const advisers = (p(event, 'ISSUE_LEGALITY_OPINION').advisers ?? []).filter((a) => typeof a === 'object');
    const lr = base.legalityReview!;
    return { legalityReview: { ...lr, opinion: { ...lr.opinion!, advisers } as DecisionContextV2['legalityReview']['opinion'] & LegalityOpinionV2 } };
  }),

  /** Attendees are persons; `attendees` keeps their names, as v1 recorded them. */
  recordMeeting: (ctx, event, params: ScopeParams) => {
    const { meetingType, heldAt, membersTotal, attendees } = p(event, 'HOLD_MEETING');
    const persons = personsOf(attendees);
    const meeting: MeetingV2 = { type: meetingType, heldAt, membersTotal, attendees: persons.map((a) => a.name), persons, opinions: [] };
    return unscoped(ctx, params?.scope, { meeting });
  },

  /** Every position attributable to a person: name, user id where there is one, and what they said. */
  recordMemberOpinion: (ctx, event, params: ScopeParams) => {
    const meeting = scoped(ctx, params?.scope).meeting as MeetingV2;
    const { member, memberSub, isHead, position, text } = p(event, 'RECORD_OPINION');
    const opinion = { member, ...(memberSub ? { memberSub } : {}), isHead, position, text, recordedAt: event.occurredAt };
    return unscoped(ctx, params?.scope, { meeting: { ...meeting, opinions: [...meeting.opinions, opinion] } });
  },

  recordExecutionReport: (ctx, event) => ({
    ...v1.recordExecutionReport(ctx, event),
    ...(p(event, 'REPORT_EXECUTION').serious ? { seriousProblems: [...ctx.seriousProblems, { unit: event.actor.unit, reportedAt: event.occurredAt }] } : {}),
  }),

  recordPostEvaluation: (ctx, event) => {
    const base = v1.recordPostEvaluation(ctx, event);
    const participation = p(event, 'SUBMIT_POST_EVALUATION').publicParticipation;
    const evaluations = base.execution.evaluations.map((e, i, all) => (i === all.length - 1 && participation ? { ...e, publicParticipation: participation } : e));
    return { execution: { ...base.execution, evaluations } };
  },

  /** Art. 37: a change round beside execution; an adjustment's draft continues the decision's numbering, a stop proposal is a new document. */
  startChange: (ctx, event, params: { purpose: ChangePurpose }) => {
    const { reason, trigger, triggerDescription } = p(event, 'START_ADJUSTMENT');
    const record = freshRecord(params.purpose);
    if (params.purpose === 'ADJUST') record.draft = { version: ctx.draft.version, hash: null, revisedAt: null };
    return {
      change: {
        number: ctx.changes.length + 1,
        purpose: params.purpose,
        reason,
        trigger: trigger!,
        ...(triggerDescription ? { triggerDescription } : {}),
        startedAt: event.occurredAt,
        startedBy: actorRef(event.actor),
        record,
      },
    };
  },

  /** The round ends without changing the decision (not adopted, withdrawn) or by stopping it. */
  endChange: (ctx, event, params: { outcome: ChangeSummary['outcome'] }) => (ctx.change ? { change: null, changes: [...ctx.changes, summaryOf(ctx, event, params.outcome)] } : {}),

  /** An adopted and published adjustment becomes the decision's content: its draft, steps, review, meeting, decision and publication. */
  applyAdjustment: (ctx, event) => {
    const record = Object.fromEntries(RECORD_KEYS.map((k) => [k, ctx.change!.record[k]]));
    return { ...record, round: ctx.round + 1, change: null, changes: [...ctx.changes, summaryOf(ctx, event, 'ADOPTED')] };
  },
} satisfies Record<string, Patch>;

function summaryOf(ctx: DecisionContextV2, event: AnyProcedureEvent, outcome: ChangeSummary['outcome']): ChangeSummary {
  const change = ctx.change!;
  return { number: change.number, purpose: change.purpose, startedAt: change.startedAt, endedAt: event.occurredAt, outcome, draftHash: change.record.draft.hash };
}

export type ActionNameV2 = keyof typeof contextPatchesV2;
