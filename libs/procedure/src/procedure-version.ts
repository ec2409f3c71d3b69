import type { AnyStateMachine, StateValue } from 'xstate';
import type { DecisionContext } from './decision-context';
import type { ProcedureCalendar } from './decision.guards';
import type { DecisionStatus, DecisionView } from './decision-view';
import type { DeadlineSpec } from './deadlines';
import type { RuleDefinition } from './rule-definition';

export interface MachineRef {
  id: string;
  version: number;
}

/** A comment period as far as a timer race needs it: when and by whom it was closed. */
export interface ClosedCommentPeriod {
  closedAt?: string;
  closedBy?: string;
  /** the person who closed it (machine v2) */
  closedByName?: string;
}

/**
 * One version of the law: the machine, the rules behind its named guards, its
 * read model and deadlines. Guards, actions and profiles change only together
 * with the version; a decision runs, and replays, on the version it started on.
 */
export interface ProcedureVersion {
  readonly ref: MachineRef;
  readonly machine: AnyStateMachine;
  readonly rules: Readonly<Record<string, RuleDefinition>>;
  /**
   * Whether replay re-applies the ownership rule (NOT_UNDERTAKING_UNIT): true for versions whose
   * every trail was recorded under it; false for v1, whose older trails were not.
   */
  readonly replayChecksOwnership: boolean;
  /** the API read model of a state */
  view(value: StateValue, ctx: DecisionContext): DecisionView;
  /** the deadlines a decision owes in a state */
  deadlines(status: DecisionStatus, value: StateValue, ctx: DecisionContext, calendar: ProcedureCalendar, now: string): DeadlineSpec[];
  /** the comment period a drafter's CLOSE_PUBLIC_COMMENT refers to in this state, if any */
  commentPeriod(value: StateValue, ctx: DecisionContext): ClosedCommentPeriod | null;
}
