// The rounds of machine v2: a decision's own (drafting to publication) and the change rounds beside execution
// (adjustment, stopping), as state-node builders the machine assembles (machine.v2.ts).
import type { ActionNameV2 } from './actions.v2';
import type { Scope } from './context.v2';
import type { GuardNameV2 } from './guards.v2';

export const G = (type: GuardNameV2, params: Record<string, unknown> = {}) => ({ type, params });
export const A = (type: ActionNameV2, params: Record<string, unknown> = {}) => ({ type, params });

/** Where the transitions of one procedure round lead: the decision's own round, or a change round beside execution. */
export interface Round {
  scope: Scope;
  /** the id its states are addressed by (`#decision.drafting`, `#adjustment.drafting`) */
  root: string;
  /** steps 1-3 run as parallel regions (a stop procedure has none) */
  consultation: boolean;
  adopted: object;
  notAdopted: object;
  /** PUBLISH in the round's `decided` state; none: the round ends otherwise (STOP_EXECUTION) */
  published?: object;
}

/** Public participation, expert argumentation and risk assessment side by side (Art. 14-24). */
export function consultationRegions(s: { scope: Scope }) {
  const openComment = { target: 'open', guard: G('commentPeriodLawful', s), actions: A('recordCommentOpened', s) };
  const hearing = (target?: string) => ({
    SCHEDULE_HEARING: { ...(target ? { target } : {}), actions: A('recordHearingPlanned', s) },
    RECORD_HEARING: { ...(target ? { target } : {}), guard: G('hearingNoticeSufficient', s), actions: A('recordHearing', s) },
  });
  const report = { target: 'completed', guard: G('publicOpinionReportable', s), actions: A('recordOpinionReport', s) };
  const riskReport = (reassessment: boolean) => [
    { target: 'completed', guard: G('riskReportOutcome', { ...s, controllable: true, reassessment }), actions: A('recordRiskReport', s) },
    { target: 'uncontrollable', guard: G('riskReportOutcome', { ...s, controllable: false, reassessment }), actions: A('recordRiskReport', s) },
  ];
  return {
    publicParticipation: {
      initial: 'pending',
      states: {
        pending: {
          on: {
            OPEN_PUBLIC_COMMENT: openComment,
            ...hearing('inProgress'),
            SUBMIT_PUBLIC_OPINION_REPORT: report,
            WAIVE_PUBLIC_PARTICIPATION: { target: 'waived', guard: G('waiverLawful', { ...s, step: 'publicParticipation' }), actions: A('recordParticipationWaiver', s) },
          },
        },
        inProgress: { on: { OPEN_PUBLIC_COMMENT: openComment, ...hearing(), SUBMIT_PUBLIC_OPINION_REPORT: report } },
        open: {
          on: {
            CLOSE_PUBLIC_COMMENT: { target: 'closed', guard: G('commentPeriodElapsed', s), actions: A('recordCommentClosed', s) },
            PUBLIC_COMMENT_ELAPSED: { target: 'closed', guard: G('commentPeriodElapsed', s), actions: A('recordCommentClosed', s) },
            // a new period on a revised draft takes the place of the running one
            OPEN_PUBLIC_COMMENT: openComment,
            ...hearing(),
            SUBMIT_PUBLIC_OPINION_REPORT: report,
          },
        },
        closed: { on: { OPEN_PUBLIC_COMMENT: openComment, ...hearing(), SUBMIT_PUBLIC_OPINION_REPORT: report } },
        completed: {},
        waived: {},
      },
    },
    expertArgumentation: {
      initial: 'pending',
      states: {
        pending: {
          on: {
            APPOINT_EXPERTS: { target: 'inProgress', guard: G('expertPanelLawful', s), actions: A('recordExpertPanel', s) },
            WAIVE_EXPERT_ARGUMENTATION: { target: 'waived', guard: G('waiverLawful', { ...s, step: 'expertArgumentation' }), actions: A('recordExpertWaiver', s) },
          },
        },
        inProgress: {
          on: {
            APPOINT_EXPERTS: { guard: G('expertPanelLawful', s), actions: A('recordExpertPanel', s) },
            RECORD_EXPERT_OPINION: { guard: G('expertOpinionAcceptable', s), actions: A('recordExpertOpinion', s) },
            SUBMIT_EXPERT_REPORT: { target: 'completed', guard: G('allExpertOpinionsSigned', s), actions: A('recordExpertReport', s) },
          },
        },
        completed: {},
        waived: {},
      },
    },
    riskAssessment: {
      initial: 'pending',
      states: {
        pending: {
          on: {
            SUBMIT_RISK_REPORT: riskReport(false),
            WAIVE_RISK_ASSESSMENT: { target: 'waived', guard: G('waiverLawful', { ...s, step: 'riskAssessment' }), actions: A('recordRiskWaiver', s) },
          },
        },
        uncontrollable: { on: { SUBMIT_RISK_REPORT: riskReport(true) } },
        completed: {},
        waived: {},
      },
    },
    hist: { type: 'history', history: 'deep' },
  };
}

/** Drafting, legality review, collective discussion and decision of one round. */
export function roundStates(round: Round) {
  const s = { scope: round.scope };
  const at = (path: string) => `${round.root}.${path}`;
  const backToDrafting = at(round.consultation ? 'drafting.hist' : 'drafting');
  const decided = (outcomes: string[]) => G('decisionLawful', { ...s, outcomes });
  return {
    drafting: {
      ...(round.consultation ? { type: 'parallel', states: consultationRegions(s) } : {}),
      on: {
        REVISE_DRAFT: { actions: A('recordDraft', s) },
        SUBMIT_FOR_LEGALITY_REVIEW: { target: at('legalityReview'), guard: G('reviewSubmissionLawful', s), actions: A('recordReviewSubmission', s) },
        SUBMIT_FOR_COLLECTIVE_DISCUSSION: { target: at('collectiveDiscussion'), guard: G('readyForCollectiveDiscussion', s) },
      },
    },
    legalityReview: {
      on: {
        RETURN_FOR_MATERIALS: { target: backToDrafting, actions: A('recordReturnForMaterials', s) },
        ISSUE_LEGALITY_OPINION: { target: backToDrafting, guard: G('legalityOpinionLawful', s), actions: A('recordLegalityOpinion', s) },
        REVISE_DRAFT: { guard: G('draftNotUnderReview', s) },
      },
    },
    collectiveDiscussion: {
      initial: 'awaitingMeeting',
      states: {
        awaitingMeeting: { on: { HOLD_MEETING: { target: 'inMeeting', guard: G('quorumMet', s), actions: A('recordMeeting', s) } } },
        inMeeting: {
          on: {
            // Reconvening (e.g. the head was absent) starts a new meeting record; the earlier one stays in the trail.
            HOLD_MEETING: { target: 'inMeeting', reenter: true, guard: G('quorumMet', s), actions: A('recordMeeting', s) },
            RECORD_OPINION: { guard: G('opinionInOrder', s), actions: A('recordMemberOpinion', s) },
            RECORD_DECISION: [
              { guard: decided(['ADOPTED', 'ADOPTED_WITH_CHANGES']), ...round.adopted },
              { guard: decided(['NOT_ADOPTED']), ...round.notAdopted },
              { target: backToDrafting, guard: decided(['DEFERRED']), actions: [A('recordDecision', s), A('clearMeeting', s)] },
            ],
          },
        },
      },
    },
    decided: round.published
      ? {
          on: {
            REPORT_TO_PARTY_COMMITTEE: { guard: G('reportLawful', { ...s, report: 'partyCommittee' }), actions: A('recordPartyCommitteeReport', s) },
            REPORT_TO_PEOPLES_CONGRESS: { guard: G('reportLawful', { ...s, report: 'peoplesCongress' }), actions: A('recordPeoplesCongressReport', s) },
            PUBLISH: { guard: G('publicationLawful', s), ...round.published },
          },
        }
      : {},
  };
}

export const MAIN: Round = {
  scope: 'main',
  root: '#decision',
  consultation: true,
  adopted: { target: '#decision.decided', actions: A('recordDecision', { scope: 'main' }) },
  notAdopted: { target: '#decision.notAdopted', actions: [A('recordDecision', { scope: 'main' }), A('recordEnd')] },
  published: { target: '#decision.implementing', actions: A('recordPublication', { scope: 'main' }) },
};

export const NO_CHANGE = '#decision.implementing.change.none';
export const inChange = { scope: 'change' as const };

export const ADJUSTMENT: Round = {
  scope: 'change',
  root: '#adjustment',
  consultation: true,
  adopted: { target: '#adjustment.decided', actions: A('recordDecision', inChange) },
  notAdopted: { target: NO_CHANGE, actions: [A('recordDecision', inChange), A('endChange', { outcome: 'NOT_ADOPTED' })] },
  published: { target: NO_CHANGE, actions: [A('recordPublication', inChange), A('applyAdjustment')] },
};

export const STOP: Round = {
  scope: 'change',
  root: '#stopping',
  consultation: false,
  adopted: { target: '#stopping.decided', actions: A('recordDecision', inChange) },
  notAdopted: { target: NO_CHANGE, actions: [A('recordDecision', inChange), A('endChange', { outcome: 'NOT_ADOPTED' })] },
};

export const withdraw = { WITHDRAW: { target: '#decision.withdrawn', actions: A('recordEnd') } };
/** A change round is withdrawn on its own; the decision stays in force. */
export const withdrawRound = { WITHDRAW: { target: 'none', actions: A('endChange', { outcome: 'WITHDRAWN' }) }, START_ADJUSTMENT: { guard: G('changeRoundRunning') } };
