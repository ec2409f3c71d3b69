import type { DecisionContext } from './decision-context';
import type { EventType } from './events';

/**
 * Every field of an event payload that names a unit (a registered unit id of
 * the jurisdiction). The procedure compares unit ids only; the host checks,
 * before the engine sees the event, that each names a registered unit (422
 * UNIT_NOT_REGISTERED) and shows units by name. `[]` marks a list of ids.
 */
export const UNIT_FIELDS: Readonly<Partial<Record<EventType, readonly string[]>>> = {
  ACCEPT_PROPOSAL: ['undertakingUnit', 'involvedUnits[]'],
  ASSIGN_EXECUTION: ['unit'],
  START_POST_EVALUATION: ['evaluator'],
  SUBMIT_RISK_REPORT: ['assessorUnit'],
  SUBMIT_EXPERT_REPORT: ['organizerUnit'],
};

/** The unit ids an event payload names (empty fields skipped), for the host's registry check. */
export function unitIdsOf(type: EventType, payload: Record<string, unknown>): string[] {
  const ids: string[] = [];
  for (const field of UNIT_FIELDS[type] ?? []) {
    const list = field.endsWith('[]');
    const value = payload[list ? field.slice(0, -2) : field];
    for (const id of list ? ((value as unknown[] | undefined) ?? []) : [value]) if (typeof id === 'string' && id.trim()) ids.push(id.trim());
  }
  return [...new Set(ids)];
}

/**
 * The units involved in a decision (who may see it when it is confidential): the proposing and
 * undertaking units, the implementing units and, on machine v2, the units named as involved.
 */
export function involvedUnitsOf(ctx: DecisionContext): string[] {
  const named = (ctx as DecisionContext & { involvedUnits?: string[] }).involvedUnits ?? [];
  const units = [ctx.facts.proposer.unit, ctx.undertakingUnit, ...ctx.execution.assignments.map((a) => a.unit), ...named];
  return [...new Set(units.filter((u): u is string => !!u))];
}
