import { assign, setup } from 'xstate';
import type { AnyProcedureEvent } from './events';
import type { DecisionContext, DecisionInput } from './decision-context';
import { initialContext } from './decision-context';
import { contextPatches, type ActionName } from './decision.actions';
import { createRuleChecks, type GuardName, type ProcedureDeps, type RuleCheck } from './decision.guards';
import { guardImplementations } from './rule-definition';

/** Identity of this machine definition; recorded on every event so replay loads the same law. */
export const DECISION_MACHINE_ID = 'major-decision';
export const DECISION_MACHINE_VERSION = 1;

const g = <N extends GuardName>(type: N, params?: Record<string, unknown>) => (params ? { type, params } : { type });

/** Guards that need working days fail loudly until a calendar is provided. */
const NO_CALENDAR: ProcedureDeps = {
  calendar: {
    addWorkingDays: () => {
      throw new Error('no working-day calendar provided: build the machine with createDecisionMachine(deps)');
    },
  },
};

const guardsFor = (deps: ProcedureDeps) => guardImplementations(createRuleChecks(deps) as Record<GuardName, RuleCheck>);

/** The context patches as the machine's `assign` actions, with the calendar the ones recording working days need. */
const actionsFor = (deps: ProcedureDeps) =>
  Object.fromEntries(
    Object.entries(contextPatches).map(([name, patch]) => [
      name,
      assign(({ context, event }: { context: DecisionContext; event: AnyProcedureEvent }) =>
        (patch as (c: DecisionContext, e: AnyProcedureEvent, d: ProcedureDeps) => Partial<DecisionContext>)(context, event, deps),
      ),
    ]),
  ) as Record<ActionName, any>;

/**
 * 重大行政决策程序 as a statechart: proposal → drafting with the three
 * consultation steps side by side → legality review (the hard gate) →
 * collective discussion and decision → reports and publication → execution,
 * post-evaluation, suspension, adjustment; every rule a named guard. The
 * calendar the guards count working days with is provided (`machine.provide`).
 */
export function createDecisionMachine(deps: ProcedureDeps) {
  return definition.provide({ guards: guardsFor(deps), actions: actionsFor(deps) });
}

/** The machine definition, built once; `createDecisionMachine` provides it with a calendar. */
const definition = defineDecisionMachine();

function defineDecisionMachine() {
  const guards = guardsFor(NO_CALENDAR);
  const actions = actionsFor(NO_CALENDAR);

  const hearingEvents = {
    SCHEDULE_HEARING: { target: 'inProgress', actions: 'recordHearingPlanned' },
    RECORD_HEARING: { target: 'inProgress', guard: g('hearingNoticeSufficient'), actions: 'recordHearing' },
  } as const;
  const hearingEventsInPlace = {
    SCHEDULE_HEARING: { actions: 'recordHearingPlanned' },
    RECORD_HEARING: { guard: g('hearingNoticeSufficient'), actions: 'recordHearing' },
  } as const;
  const reportOpinions = { target: 'completed', guard: g('publicOpinionReportable'), actions: 'recordOpinionReport' } as const;
  const riskReport = (reassessment: boolean) =>
    [
      { target: 'completed', guard: { type: 'riskReportOutcome', params: { controllable: true, reassessment } }, actions: 'recordRiskReport' },
      { target: 'uncontrollable', guard: { type: 'riskReportOutcome', params: { controllable: false, reassessment } }, actions: 'recordRiskReport' },
    ] as const;
  const withdraw = { WITHDRAW: { target: '#decision.withdrawn', actions: 'recordEnd' } } as const;
  const endExecution = {
    SUSPEND_EXECUTION: { target: '#decision.suspended', actions: 'recordSuspension' },
    START_ADJUSTMENT: { target: '#decision.drafting', actions: 'reopenProcedure' },
    STOP_EXECUTION: { target: '#decision.stopped', actions: 'recordEnd' },
  } as const;

  return setup({
    types: {} as { context: DecisionContext; events: AnyProcedureEvent; input: DecisionInput },
    guards,
    actions,
  }).createMachine({
    id: 'decision',
    // XState builds a throw-away actor without input inside every pure transition(): keep that path cheap.
    context: ({ input }) => (input ? initialContext(input) : ({} as DecisionContext)),
    initial: 'proposed',
    states: {
      proposed: {
        on: {
          ACCEPT_PROPOSAL: { target: 'drafting', actions: 'recordUndertakingUnit' },
          DECLINE_PROPOSAL: { target: 'declined', actions: 'recordEnd' },
          ...withdraw,
        },
      },

      drafting: {
        type: 'parallel',
        states: {
          publicParticipation: {
            initial: 'pending',
            states: {
              pending: {
                on: {
                  OPEN_PUBLIC_COMMENT: { target: 'open', guard: g('commentPeriodLawful'), actions: 'recordCommentOpened' },
                  ...hearingEvents,
                  SUBMIT_PUBLIC_OPINION_REPORT: reportOpinions,
                  WAIVE_PUBLIC_PARTICIPATION: {
                    target: 'waived',
                    guard: g('waiverLawful', { step: 'publicParticipation' }),
                    actions: 'recordParticipationWaiver',
                  },
                },
              },
              inProgress: {
                on: {
                  OPEN_PUBLIC_COMMENT: { target: 'open', guard: g('commentPeriodLawful'), actions: 'recordCommentOpened' },
                  ...hearingEventsInPlace,
                  SUBMIT_PUBLIC_OPINION_REPORT: reportOpinions,
                },
              },
              open: {
                on: {
                  CLOSE_PUBLIC_COMMENT: { target: 'closed', guard: g('commentPeriodElapsed'), actions: 'recordCommentClosed' },
                  PUBLIC_COMMENT_ELAPSED: { target: 'closed', guard: g('commentPeriodElapsed'), actions: 'recordCommentClosed' },
                  ...hearingEventsInPlace,
                  SUBMIT_PUBLIC_OPINION_REPORT: reportOpinions,
                },
              },
              closed: {
                on: { ...hearingEventsInPlace, SUBMIT_PUBLIC_OPINION_REPORT: reportOpinions },
              },
              completed: {},
              waived: {},
            },
          },
          expertArgumentation: {
            initial: 'pending',
            states: {
              pending: {
                on: {
                  APPOINT_EXPERTS: { target: 'inProgress', guard: g('expertPanelLawful'), actions: 'recordExpertPanel' },
                  WAIVE_EXPERT_ARGUMENTATION: {
                    target: 'waived',
                    guard: g('waiverLawful', { step: 'expertArgumentation' }),
                    actions: 'recordExpertWaiver',
                  },
                },
              },
              inProgress: {
                on: {
                  APPOINT_EXPERTS: { guard: g('expertPanelLawful'), actions: 'recordExpertPanel' },
                  RECORD_EXPERT_OPINION: { guard: g('expertOpinionAcceptable'), actions: 'recordExpertOpinion' },
                  SUBMIT_EXPERT_REPORT: { target: 'completed', guard: g('allExpertOpinionsSigned'), actions: 'recordExpertReport' },
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
                  WAIVE_RISK_ASSESSMENT: {
                    target: 'waived',
                    guard: g('waiverLawful', { step: 'riskAssessment' }),
                    actions: 'recordRiskWaiver',
                  },
                },
              },
              uncontrollable: { on: { SUBMIT_RISK_REPORT: riskReport(true) } },
              completed: {},
              waived: {},
            },
          },
          hist: { type: 'history', history: 'deep' },
        },
        on: {
          REVISE_DRAFT: { actions: 'recordDraft' },
          SUBMIT_FOR_LEGALITY_REVIEW: { target: 'legalityReview', guard: g('reviewSubmissionLawful'), actions: 'recordReviewSubmission' },
          SUBMIT_FOR_COLLECTIVE_DISCUSSION: { target: 'collectiveDiscussion', guard: g('readyForCollectiveDiscussion') },
          ...withdraw,
        },
      },

      legalityReview: {
        on: {
          RETURN_FOR_MATERIALS: { target: 'drafting.hist', actions: 'recordReturnForMaterials' },
          ISSUE_LEGALITY_OPINION: { target: 'drafting.hist', guard: g('legalityOpinionLawful'), actions: 'recordLegalityOpinion' },
          REVISE_DRAFT: { guard: g('draftNotUnderReview') },
          ...withdraw,
        },
      },

      collectiveDiscussion: {
        initial: 'awaitingMeeting',
        states: {
          awaitingMeeting: {
            on: { HOLD_MEETING: { target: 'inMeeting', guard: g('quorumMet'), actions: 'recordMeeting' } },
          },
          inMeeting: {
            on: {
              // Reconvening (e.g. the head was absent) starts a new meeting record; the earlier one stays in the trail.
              HOLD_MEETING: { target: 'inMeeting', reenter: true, guard: g('quorumMet'), actions: 'recordMeeting' },
              RECORD_OPINION: { guard: g('opinionInOrder'), actions: 'recordMemberOpinion' },
              RECORD_DECISION: [
                { target: '#decision.decided', guard: g('decisionLawful', { outcomes: ['ADOPTED', 'ADOPTED_WITH_CHANGES'] }), actions: 'recordDecision' },
                { target: '#decision.notAdopted', guard: g('decisionLawful', { outcomes: ['NOT_ADOPTED'] }), actions: ['recordDecision', 'recordEnd'] },
                { target: '#decision.drafting.hist', guard: g('decisionLawful', { outcomes: ['DEFERRED'] }), actions: ['recordDecision', 'clearMeeting'] },
              ],
            },
          },
        },
        on: { ...withdraw },
      },

      decided: {
        on: {
          REPORT_TO_PARTY_COMMITTEE: { actions: 'recordPartyCommitteeReport' },
          REPORT_TO_PEOPLES_CONGRESS: { actions: 'recordPeoplesCongressReport' },
          PUBLISH: { target: 'implementing', guard: g('publicationLawful'), actions: 'recordPublication' },
        },
      },

      implementing: {
        initial: 'executing',
        states: {
          executing: {
            on: {
              START_POST_EVALUATION: { target: 'postEvaluation', guard: g('evaluatorIndependent'), actions: 'recordPostEvaluationStart' },
              COMPLETE_EXECUTION: { target: '#decision.closed', actions: 'recordEnd' },
            },
          },
          postEvaluation: {
            on: { SUBMIT_POST_EVALUATION: { target: 'executing', actions: 'recordPostEvaluation' } },
          },
          hist: { type: 'history', history: 'deep' },
        },
        on: {
          ASSIGN_EXECUTION: { actions: 'recordAssignment' },
          REPORT_EXECUTION: { guard: g('executorAssigned'), actions: 'recordExecutionReport' },
          ...endExecution,
        },
      },

      suspended: {
        on: {
          RESUME_EXECUTION: { target: 'implementing.hist', actions: 'clearSuspension' },
          START_ADJUSTMENT: endExecution.START_ADJUSTMENT,
          STOP_EXECUTION: endExecution.STOP_EXECUTION,
        },
      },

      closed: { type: 'final' },
      stopped: { type: 'final' },
      declined: { type: 'final' },
      notAdopted: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  });
}

export type DecisionMachine = ReturnType<typeof defineDecisionMachine>;
