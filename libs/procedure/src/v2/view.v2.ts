import type { StateValue } from 'xstate';
import { statusOf, viewOf, type DecisionStatus, type DecisionView } from '../decision-view';
import { scoped, type ChangeRound, type ChangeSummary, type DecisionContextV2 } from './context.v2';

/** A change round as the API shows it beside the decision (API.md `adjustment`). */
export interface ChangeRoundView extends Pick<ChangeRound, 'number' | 'purpose' | 'reason' | 'trigger' | 'startedAt'> {
  status: DecisionStatus;
  stateValue: StateValue;
  draft: DecisionView['draft'];
  steps: DecisionView['steps'];
}

export interface DecisionViewV2 extends DecisionView {
  involvedUnits: string[];
  /** the adjustment or stop procedure under way beside execution, if any */
  adjustment: ChangeRoundView | null;
  /** change rounds that ended, oldest first */
  adjustments: ChangeSummary[];
}

/** The state value of the change round under way: `{ drafting: {...} }`, `legalityReview`, … */
function roundValue(value: StateValue): StateValue | null {
  const change = (value as { implementing?: { change?: StateValue } }).implementing?.change;
  if (!change || typeof change === 'string') return null;
  const [, sub] = Object.entries(change)[0] as [string, StateValue];
  return sub;
}

/** The read model of a v2 decision: v1's view of its own round, plus the change round beside execution. */
export function viewOfV2(value: StateValue, ctx: DecisionContextV2): DecisionViewV2 {
  const base = viewOf(value, ctx);
  const sub = roundValue(value);
  let adjustment: ChangeRoundView | null = null;
  if (ctx.change && sub !== null) {
    const round = viewOf(sub, scoped(ctx, 'change'));
    const { number, purpose, reason, trigger, startedAt } = ctx.change;
    adjustment = { number, purpose, reason, trigger, startedAt, status: statusOf(sub), stateValue: sub, draft: round.draft, steps: round.steps };
  }
  return { ...base, involvedUnits: ctx.involvedUnits, adjustment, adjustments: ctx.changes };
}
