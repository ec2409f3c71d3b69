import { assign, setup } from 'xstate';
import type { DecisionInput } from '../decision-context';
import type { ProcedureDeps, RuleCheck } from '../decision.guards';
import { DECISION_MACHINE_ID } from '../decision.machine';
import type { AnyProcedureEvent } from '../events';
import { guardImplementations } from '../rule-definition';
import { contextPatchesV2, type ActionNameV2 } from './actions.v2';
import { initialContextV2, type DecisionContextV2, type Scope } from './context.v2';
import { createRuleChecksV2, type GuardNameV2 } from './guards.v2';

export const DECISION_MACHINE_V2 = { id: DECISION_MACHINE_ID, version: 2 } as const;

const G = (type: GuardNameV2, params: Record<string, unknown> = {}) => ({ type, params });
const A = (type: ActionNameV2, params: Record<string, unknown> = {}) => ({ type, params });

/** Where the transitions of one procedure round lead: the decision's own round, or a change round beside execution. */
interface Round {
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
function consultationRegions(s: { scope: Scope }) {
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
function roundStates(round: Round) {
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

const MAIN: Round = {
  scope: 'main',
  root: '#decision',
  consultation: true,
  adopted: { target: '#decision.decided', actions: A('recordDecision', { scope: 'main' }) },
  notAdopted: { target: '#decision.notAdopted', actions: [A('recordDecision', { scope: 'main' }), A('recordEnd')] },
  published: { target: '#decision.implementing', actions: A('recordPublication', { scope: 'main' }) },
};

const NO_CHANGE = '#decision.implementing.change.none';
const inChange = { scope: 'change' as const };

const ADJUSTMENT: Round = {
  scope: 'change',
  root: '#adjustment',
  consultation: true,
  adopted: { target: '#adjustment.decided', actions: A('recordDecision', inChange) },
  notAdopted: { target: NO_CHANGE, actions: [A('recordDecision', inChange), A('endChange', { outcome: 'NOT_ADOPTED' })] },
  published: { target: NO_CHANGE, actions: [A('recordPublication', inChange), A('applyAdjustment')] },
};

const STOP: Round = {
  scope: 'change',
  root: '#stopping',
  consultation: false,
  adopted: { target: '#stopping.decided', actions: A('recordDecision', inChange) },
  notAdopted: { target: NO_CHANGE, actions: [A('recordDecision', inChange), A('endChange', { outcome: 'NOT_ADOPTED' })] },
};

const withdraw = { WITHDRAW: { target: '#decision.withdrawn', actions: A('recordEnd') } };
/** A change round is withdrawn on its own; the decision stays in force. */
const withdrawRound = { WITHDRAW: { target: 'none', actions: A('endChange', { outcome: 'WITHDRAWN' }) }, START_ADJUSTMENT: { guard: G('changeRoundRunning') } };

const NO_CALENDAR: ProcedureDeps = {
  calendar: {
    addWorkingDays: () => {
      throw new Error('no working-day calendar provided: build the machine with createDecisionMachineV2(deps)');
    },
  },
};

const guardsFor = (deps: ProcedureDeps) => guardImplementations(createRuleChecksV2(deps) as unknown as Record<GuardNameV2, RuleCheck>) as Record<GuardNameV2, any>;

/** The context patches as the machine's `assign` actions, with the calendar the ones recording working days need. */
const actionsFor = (deps: ProcedureDeps) =>
  Object.fromEntries(
    Object.entries(contextPatchesV2).map(([name, patch]) => [
      name,
      assign(({ context, event }: { context: DecisionContextV2; event: AnyProcedureEvent }, params: unknown) =>
        (patch as (c: DecisionContextV2, e: AnyProcedureEvent, p: unknown, d: ProcedureDeps) => Partial<DecisionContextV2>)(context, event, params, deps),
      ),
    ]),
  ) as Record<ActionNameV2, any>;

function defineDecisionMachineV2() {
  const actions = actionsFor(NO_CALENDAR);
  const main = roundStates(MAIN);
  return setup({
    types: {} as { context: DecisionContextV2; events: AnyProcedureEvent; input: DecisionInput },
    guards: guardsFor(NO_CALENDAR),
    actions,
  }).createMachine({
    id: 'decision',
    // XState builds a throw-away actor without input inside every pure transition(): keep that path cheap.
    context: ({ input }: { input?: DecisionInput }) => (input ? initialContextV2(input) : ({} as DecisionContextV2)),
    initial: 'proposed',
    states: {
      proposed: {
        on: {
          ACCEPT_PROPOSAL: { target: 'drafting', actions: A('recordUndertakingUnit') },
          DECLINE_PROPOSAL: { target: 'declined', actions: A('recordEnd') },
          ...withdraw,
        },
      },
      drafting: { ...main.drafting, on: { ...main.drafting.on, ...withdraw } },
      legalityReview: { on: { ...main.legalityReview.on, ...withdraw } },
      collectiveDiscussion: { ...main.collectiveDiscussion, on: { ...withdraw } },
      decided: main.decided,

      // Art. 34-37: execution, and beside it at most one change round; the decision stays in force until an adjustment is published
      implementing: {
        type: 'parallel',
        states: {
          execution: {
            initial: 'active',
            states: {
              active: {
                initial: 'executing',
                states: {
                  executing: {
                    on: {
                      START_POST_EVALUATION: { target: 'postEvaluation', guard: G('evaluatorIndependent'), actions: A('recordPostEvaluationStart') },
                      COMPLETE_EXECUTION: { target: '#decision.closed', guard: G('executionCompletable'), actions: A('recordEnd') },
                    },
                  },
                  postEvaluation: {
                    on: { SUBMIT_POST_EVALUATION: { target: 'executing', guard: G('postEvaluationRecorded'), actions: A('recordPostEvaluation') } },
                  },
                  hist: { type: 'history' },
                },
                on: {
                  ASSIGN_EXECUTION: { actions: A('recordAssignment') },
                  REPORT_EXECUTION: { guard: G('executorAssigned'), actions: A('recordExecutionReport') },
                  SUSPEND_EXECUTION: { target: 'suspended', actions: A('recordSuspension') },
                },
              },
              // the head alone may suspend, in an emergency (Art. 37); a change round may go on meanwhile
              suspended: { on: { RESUME_EXECUTION: { target: 'active.hist', actions: A('clearSuspension') } } },
            },
          },
          change: {
            initial: 'none',
            states: {
              none: {
                on: {
                  START_ADJUSTMENT: [
                    { target: 'adjusting', guard: G('changeStartLawful', { purpose: 'ADJUST' }), actions: A('startChange', { purpose: 'ADJUST' }) },
                    { target: 'stopping', guard: G('changeStartLawful', { purpose: 'STOP' }), actions: A('startChange', { purpose: 'STOP' }) },
                  ],
                },
              },
              adjusting: { id: 'adjustment', initial: 'drafting', states: roundStates(ADJUSTMENT), on: withdrawRound },
              stopping: { id: 'stopping', initial: 'drafting', states: roundStates(STOP), on: withdrawRound },
            },
          },
        },
        on: {
          STOP_EXECUTION: { target: '#decision.stopped', guard: G('collectiveStopDecision'), actions: [A('endChange', { outcome: 'STOPPED' }), A('recordEnd')] },
        },
      },

      closed: { type: 'final' },
      stopped: { type: 'final' },
      declined: { type: 'final' },
      notAdopted: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  } as never);
}

/** The machine v2 definition, built once; `createDecisionMachineV2` provides it with a calendar. */
const definition = defineDecisionMachineV2();

/**
 * 重大行政决策程序, machine v2 (issue #13): v1's statechart with real public
 * participation, persons at the meeting, advisers in the legality opinion, and
 * Art. 37 done right — an adjustment or a stop procedure is a round of its own
 * beside execution, and the decision stays in force until it is decided.
 */
export function createDecisionMachineV2(deps: ProcedureDeps) {
  return definition.provide({ guards: guardsFor(deps), actions: actionsFor(deps) });
}

export type DecisionMachineV2 = typeof definition;
