import type { StateValue } from 'xstate';
import type { ProcedureCalendar } from '../decision.guards';
import { statusOf, type DecisionStatus } from '../decision-view';
import { deadlinesOf, type DeadlineSpec } from '../deadlines';
import { scoped, type DecisionContextV2, type PublicParticipationV2 } from './context.v2';

/** A round may open several comment periods (one per revised draft): each period's deadline is its own. */
function perPeriod(ctx: DecisionContextV2, deadlines: DeadlineSpec[]): DeadlineSpec[] {
  const period = (ctx.publicParticipation as PublicParticipationV2).comment?.number;
  if (!period) return deadlines;
  const prefix = `PUBLIC_COMMENT_END:r${ctx.round}`;
  return deadlines.map((d) => (d.key.startsWith(`${prefix}:`) || d.key === prefix ? { ...d, key: d.key.replace(prefix, `${prefix}:p${period}`) } : d));
}

/**
 * The deadlines a v2 decision owes: v1's for its own round and execution (they
 * continue while a change round runs), and v1's for the change round's steps.
 */
export function deadlinesOfV2(status: DecisionStatus, value: StateValue, ctx: DecisionContextV2, calendar: ProcedureCalendar, now: string): DeadlineSpec[] {
  const own = perPeriod(ctx, deadlinesOf(status, ctx, calendar, now));
  const change = (value as { implementing?: { change?: StateValue } }).implementing?.change;
  if (!ctx.change || !change || typeof change === 'string') return own;
  const round = scoped(ctx, 'change');
  const roundStatus = statusOf(Object.values(change)[0] as StateValue);
  const suffix = `:c${ctx.change.number}`;
  const ofRound = perPeriod(round, deadlinesOf(roundStatus, round, calendar, now)).map((d) => ({ ...d, key: `${d.key}${suffix}` }));
  return [...own, ...ofRound];
}
