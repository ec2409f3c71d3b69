// Small pure helpers of the engine: snapshot revival, state keys, reason lists.
import type { AnyMachineSnapshot, AnyStateMachine, AnyStateNode, StateValue } from 'xstate';
import type { Reason } from './reason';

/** A persisted snapshot as a snapshot object, through the public `resolveState` (history revived by state node id). */
export function restore(machine: AnyStateMachine, state: unknown): AnyMachineSnapshot {
  const persisted = state as { value: never; context: unknown; historyValue?: Record<string, { id: string }[]> };
  const historyValue: Record<string, AnyStateNode[]> = {};
  for (const [key, nodes] of Object.entries(persisted.historyValue ?? {})) historyValue[key] = nodes.map((n) => machine.getStateNodeById(n.id));
  return machine.resolveState({ value: persisted.value, context: persisted.context, historyValue } as never) as AnyMachineSnapshot;
}

/** A state value as a string, one per state configuration (cheaper than JSON.stringify, which it would equal in role). */
export function stateKey(value: StateValue): string {
  if (typeof value === 'string') return value;
  let key = '{';
  for (const k in value) key += `${k}:${stateKey(value[k] as StateValue)},`;
  return `${key}}`;
}

/** Do two state values name the same configuration (key order aside)? No allocation, unlike comparing their keys. */
export function sameStateValue(a: StateValue, b: StateValue): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return false;
  let keys = 0;
  for (const k in a) {
    if (!Object.hasOwn(b, k) || !sameStateValue(a[k] as StateValue, b[k] as StateValue)) return false;
    keys++;
  }
  for (const _ in b) keys--;
  return keys === 0;
}

export function dedupe(reasons: Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => (seen.has(r.code) ? false : (seen.add(r.code), true)));
}
