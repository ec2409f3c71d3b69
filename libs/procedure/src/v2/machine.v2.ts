import { assign, setup } from 'xstate';
import type { DecisionInput } from '../decision-context';
import type { ProcedureDeps, RuleCheck } from '../decision.guards';
import { DECISION_MACHINE_ID } from '../decision.machine';
import type { AnyProcedureEvent } from '../events';
import { guardImplementations } from '../rule-definition';
import { contextPatchesV2, type ActionNameV2 } from './actions.v2';
import { initialContextV2, type DecisionContextV2 } from './context.v2';
import { createRuleChecksV2, type GuardNameV2 } from './guards.v2';
import { A, ADJUSTMENT, G, MAIN, STOP, roundStates, withdraw, withdrawRound } from './rounds.v2';

export const DECISION_MACHINE_V2 = { id: DECISION_MACHINE_ID, version: 2 } as const;


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
