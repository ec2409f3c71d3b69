import type { DecisionContext } from './decision-context';
import type { RuleCheck } from './decision.guards';
import type { AnyProcedureEvent } from './events';
import type { Reason } from './reason';
import type { RuleCode } from './rule-codes';

/**
 * A named guard of a machine version: its rule check, and what `allowedEvents`
 * may judge of it without a payload.
 */
export interface RuleDefinition {
  check: RuleCheck;
  /**
   * The codes this check raises whatever the payload ('all': it reads no payload). `allowedEvents`
   * evaluates the check on a probe event and keeps only these; a check without them is never
   * judged without a payload (its event is offered).
   */
  stateCodes?: readonly RuleCode[] | 'all';
  /** the payload of the probe event, for a check that selects its branch by a payload field */
  probePayload?: (params: any) => object;
}

/** A guard as a transition of the machine definition names it. */
export interface GuardRef {
  type: string;
  params?: unknown;
}

/** Verdicts of the guards of one event, by `verdictKey`. */
export type Verdicts = Map<string, boolean>;

/** The verdicts the engine computed for the event it is handing XState (XState passes the same event object to the guards). */
const verdictsByEvent = new WeakMap<object, Verdicts>();

const paramKeys = new WeakMap<object, string>();

/** The key of a guard in a verdict map: its type and params (guards of the same type and params judge an event alike). */
export function verdictKey(guard: GuardRef): string {
  const params = guard.params;
  if (params === undefined || params === null || typeof params !== 'object') return `${guard.type}|${String(params)}`;
  let key = paramKeys.get(params);
  if (key === undefined) paramKeys.set(params, (key = JSON.stringify(params)));
  return `${guard.type}|${key}`;
}

/** Run `fn` (which hands XState the event) with the guards' verdicts, computed once, attached to the event; detached afterwards. */
export function withVerdicts<T>(event: object, verdicts: Verdicts, fn: () => T): T {
  verdictsByEvent.set(event, verdicts);
  try {
    return fn();
  } finally {
    verdictsByEvent.delete(event);
  }
}

/**
 * The machine's guard implementations: each reads the verdict the engine computed for this event;
 * without one (the machine driven directly, e.g. by model-based tests) it evaluates its rule check.
 */
export function guardImplementations<N extends string>(checks: Record<N, RuleCheck>) {
  const guards = {} as Record<N, (args: { context: DecisionContext; event: AnyProcedureEvent }, params: any) => boolean>;
  for (const name of Object.keys(checks) as N[]) {
    const check = checks[name];
    guards[name] = ({ context, event }, params) => {
      const verdict = verdictsByEvent.get(event)?.get(verdictKey({ type: name, params }));
      if (verdict !== undefined) return verdict;
      const result = check(context, event, params);
      return result !== null && result.length === 0;
    };
  }
  return guards;
}

/** The reasons a probe event (no payload, or the rule's probe payload) is refused for, as far as they do not depend on the payload. */
export function probeReasons(rule: RuleDefinition, guard: GuardRef, ctx: DecisionContext, probe: AnyProcedureEvent): Reason[] {
  if (!rule.stateCodes) return [];
  const event = rule.probePayload ? ({ ...probe, payload: rule.probePayload(guard.params) } as AnyProcedureEvent) : probe;
  const reasons = rule.check(ctx, event, guard.params) ?? [];
  const codes = rule.stateCodes;
  return codes === 'all' ? reasons : reasons.filter((r) => codes.includes(r.code as RuleCode));
}
