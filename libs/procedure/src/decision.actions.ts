import type { AnyProcedureEvent, Payloads } from './events';
import { actorRef, freshProcedure, type DecisionContext } from './decision-context';
import type { ProcedureDeps } from './decision.guards';
import { reviewTimeOfEvent } from './review-time';

type Patch = (ctx: DecisionContext, ev: AnyProcedureEvent, deps: ProcedureDeps) => Partial<DecisionContext>;
const p = <T extends keyof Payloads>(ev: AnyProcedureEvent, _t: T) => ev.payload as Payloads[T];

/**
 * What each accepted event writes into the procedure's memory, as pure patches
 * of the context. The machine wraps each in `assign` under the same name.
 */
export const contextPatches = {
  recordUndertakingUnit: (_c, ev) => ({ undertakingUnit: p(ev, 'ACCEPT_PROPOSAL').undertakingUnit }),

  recordDraft: (c, ev) => ({ draft: { version: c.draft.version + 1, hash: p(ev, 'REVISE_DRAFT').contentHash, revisedAt: ev.occurredAt } }),

  recordCommentOpened: (c, ev) => {
    const { startsAt, endsAt, urgencyReason } = p(ev, 'OPEN_PUBLIC_COMMENT');
    return { publicParticipation: { ...c.publicParticipation, comment: { startsAt, endsAt, ...(urgencyReason ? { urgencyReason } : {}) } } };
  },

  recordCommentClosed: (c, ev) => ({
    publicParticipation: {
      ...c.publicParticipation,
      comment: { ...c.publicParticipation.comment!, closedAt: ev.occurredAt, closedBy: ev.type === 'PUBLIC_COMMENT_ELAPSED' ? 'TIMER' : 'DRAFTER' },
    },
  }),

  recordHearingPlanned: (c, ev) => {
    const { plannedAt, place } = p(ev, 'SCHEDULE_HEARING');
    return { publicParticipation: { ...c.publicParticipation, plannedHearings: [...c.publicParticipation.plannedHearings, { plannedAt, place }] } };
  },

  recordHearing: (c, ev) => {
    const { heldAt, materialsSentAt, participants, recordMaterialId } = p(ev, 'RECORD_HEARING');
    const hearing = { heldAt, materialsSentAt, participants, ...(recordMaterialId ? { recordMaterialId } : {}) };
    return { publicParticipation: { ...c.publicParticipation, hearings: [...c.publicParticipation.hearings, hearing] } };
  },

  recordOpinionReport: (c, ev) => ({ publicParticipation: { ...c.publicParticipation, reportedAt: ev.occurredAt } }),

  recordParticipationWaiver: (c, ev) => {
    const { ground, reason } = p(ev, 'WAIVE_PUBLIC_PARTICIPATION');
    return { publicParticipation: { ...c.publicParticipation, waiver: { ground, reason } } };
  },

  recordExpertPanel: (c, ev) => {
    const experts = p(ev, 'APPOINT_EXPERTS').experts;
    const names = experts.map((e) => e.name);
    const ea = c.expertArgumentation;
    return { expertArgumentation: { ...ea, panel: experts, signedOpinions: ea.signedOpinions.filter((n) => names.includes(n)) } };
  },

  recordExpertOpinion: (c, ev) => {
    const name = p(ev, 'RECORD_EXPERT_OPINION').expertName;
    const ea = c.expertArgumentation;
    return { expertArgumentation: { ...ea, signedOpinions: ea.signedOpinions.includes(name) ? ea.signedOpinions : [...ea.signedOpinions, name] } };
  },

  recordExpertReport: (c, ev) => ({ expertArgumentation: { ...c.expertArgumentation, reportedAt: ev.occurredAt } }),

  recordExpertWaiver: (c, ev) => {
    const { ground, reason } = p(ev, 'WAIVE_EXPERT_ARGUMENTATION');
    return { expertArgumentation: { ...c.expertArgumentation, waiver: { ground, reason } } };
  },

  recordRiskReport: (c, ev) => {
    const { level, controllable } = p(ev, 'SUBMIT_RISK_REPORT');
    return { riskAssessment: { ...c.riskAssessment, lastReport: { level, controllable, draftVersion: c.draft.version, at: ev.occurredAt } } };
  },

  recordRiskWaiver: (c, ev) => {
    const { ground, reason, reference } = p(ev, 'WAIVE_RISK_ASSESSMENT');
    return { riskAssessment: { ...c.riskAssessment, waiver: { ground, reason, ...(reference ? { reference } : {}) } } };
  },

  recordReviewSubmission: (c, ev, deps) => {
    const opinionNeededBy = p(ev, 'SUBMIT_FOR_LEGALITY_REVIEW').opinionNeededBy ?? null;
    const time = opinionNeededBy ? reviewTimeOfEvent(deps.calendar, ev, opinionNeededBy, c.profile.legalityReview.workingDaysOwed) : null;
    return {
      legalityReview: {
        ...c.legalityReview,
        submissions: c.legalityReview.submissions + 1,
        submission: {
          submittedAt: ev.occurredAt,
          submittedBy: actorRef(ev.actor),
          opinionNeededBy,
          draftHash: c.draft.hash!,
          draftVersion: c.draft.version,
          // the guard accepted a date that may prove too short once the holiday notice is out: remember the risk
          ...(time?.verdict === 'provisional' ? { reviewTimeRisk: time.risk } : {}),
        },
      },
    };
  },

  recordReturnForMaterials: (c, ev) => ({ legalityReview: { ...c.legalityReview, submission: null, returnedAt: ev.occurredAt } }),

  recordLegalityOpinion: (c, ev) => {
    const sub = c.legalityReview.submission!;
    const opinion = {
      conclusion: p(ev, 'ISSUE_LEGALITY_OPINION').conclusion,
      draftHash: sub.draftHash,
      draftVersion: sub.draftVersion,
      issuedAt: ev.occurredAt,
      reviewer: actorRef(ev.actor),
    };
    return { legalityReview: { ...c.legalityReview, submission: null, opinion } };
  },

  recordMeeting: (_c, ev) => {
    const { meetingType, heldAt, membersTotal, attendees } = p(ev, 'HOLD_MEETING');
    return { meeting: { type: meetingType, heldAt, membersTotal, attendees: [...new Set(attendees)], opinions: [] } };
  },

  recordMemberOpinion: (c, ev) => {
    const { member, isHead, position } = p(ev, 'RECORD_OPINION');
    const meeting = c.meeting!;
    return { meeting: { ...meeting, opinions: [...meeting.opinions, { member, isHead, position, recordedAt: ev.occurredAt }] } };
  },

  recordDecision: (_c, ev) => {
    const { outcome, deviationReason } = p(ev, 'RECORD_DECISION');
    return { decision: { outcome, decidedAt: ev.occurredAt, ...(deviationReason ? { deviationReason } : {}) } };
  },

  /** A deferred decision goes back for study: the next discussion is a new meeting. */
  clearMeeting: () => ({ meeting: null }),

  recordPartyCommitteeReport: (c, ev) => {
    const { reportedAt, reference } = p(ev, 'REPORT_TO_PARTY_COMMITTEE');
    return { reports: { ...c.reports, partyCommittee: { reportedAt, reference } } };
  },

  recordPeoplesCongressReport: (c, ev) => {
    const { reportedAt, reference } = p(ev, 'REPORT_TO_PEOPLES_CONGRESS');
    return { reports: { ...c.reports, peoplesCongress: { reportedAt, reference } } };
  },

  recordPublication: (_c, ev) => {
    const pub = p(ev, 'PUBLISH');
    return { publication: { published: !pub.notPublished, at: pub.publishedAt ?? ev.occurredAt } };
  },

  recordAssignment: (c, ev) => {
    const { unit, dueAt, reportEveryDays } = p(ev, 'ASSIGN_EXECUTION');
    const others = c.execution.assignments.filter((a) => a.unit !== unit);
    const assignment = { unit, dueAt, reportEveryDays, assignedAt: ev.occurredAt, lastReportAt: null, reports: 0 };
    return { execution: { ...c.execution, assignments: [...others, assignment] } };
  },

  recordExecutionReport: (c, ev) => ({
    execution: {
      ...c.execution,
      assignments: c.execution.assignments.map((a) =>
        a.unit === ev.actor.unit ? { ...a, lastReportAt: ev.occurredAt, reports: a.reports + 1 } : a,
      ),
    },
  }),

  recordPostEvaluationStart: (c, ev) => {
    const { trigger, evaluator } = p(ev, 'START_POST_EVALUATION');
    return { execution: { ...c.execution, postEvaluation: { trigger, evaluator, startedAt: ev.occurredAt } } };
  },

  recordPostEvaluation: (c, ev) => ({
    execution: {
      ...c.execution,
      postEvaluation: null,
      evaluations: [...c.execution.evaluations, { recommendation: p(ev, 'SUBMIT_POST_EVALUATION').recommendation, at: ev.occurredAt }],
    },
  }),

  recordSuspension: (_c, ev) => ({ suspension: { since: ev.occurredAt, reason: p(ev, 'SUSPEND_EXECUTION').reason } }),

  clearSuspension: () => ({ suspension: null }),

  /** A major adjustment goes through the statutory procedure again: earlier steps and reviews stop counting. */
  reopenProcedure: (c) => ({ ...freshProcedure(), round: c.round + 1, suspension: null }),

  recordEnd: (_c, ev) => ({ endedAt: ev.occurredAt }),
} satisfies Record<string, Patch>;

export type ActionName = keyof typeof contextPatches;
