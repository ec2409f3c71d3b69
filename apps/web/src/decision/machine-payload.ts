/** Lists machine v2 takes as persons or opinions (`{name, …}`) and machine v1 by name only. */
const NAMED_LISTS = ['attendees', 'advisers'] as const;

/**
 * An event's fields as the decision's machine takes them. The forms ask in v2's terms (every new decision runs
 * machine v2); a decision still on machine v1 records attendees and advisers by name, so their entries are sent
 * as names there.
 */
export function fieldsForMachine(machineVersion: number, fields: Record<string, unknown>): Record<string, unknown> {
  if (machineVersion >= 2) return fields;
  const out = { ...fields };
  for (const list of NAMED_LISTS) {
    const value = out[list];
    if (Array.isArray(value)) out[list] = value.map((entry) => (entry && typeof entry === 'object' ? String((entry as { name?: unknown }).name ?? '') : entry));
  }
  return out;
}
