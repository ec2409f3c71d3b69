import type { Decision, Deadline } from '../api/types';

/** One decision waiting for the user: what the API lets them send now, and its deadlines. */
export interface WorkItem {
  decision: Decision;
  actions: string[];
  deadlines: Deadline[];
  /** the user's roles that the actions need (from the API's documented roles per event) */
  roles: string[];
  /** the earliest deadline, for ordering (overdue first) */
  firstDue: number;
}

/**
 * The worklist: decisions with at least one event the API allows this user now, most urgent first, and
 * grouped by the user's roles the waiting events belong to. No rule is decided here: `allowedEvents` is the API's.
 */
export function buildWorklist(decisions: Decision[], userRoles: string[], rolesOf: (event: string) => string[]) {
  const items: WorkItem[] = decisions
    .filter((d) => d.allowedEvents.length > 0)
    .map((decision) => {
      const roles = userRoles.filter((role) => decision.allowedEvents.some((e) => rolesOf(e).includes(role)));
      const firstDue = Math.min(...decision.deadlines.map((d) => Date.parse(d.dueAt)), Number.POSITIVE_INFINITY);
      return { decision, actions: decision.allowedEvents, deadlines: decision.deadlines, roles, firstDue };
    })
    .sort((a, b) => a.firstDue - b.firstDue || b.decision.updatedAt.localeCompare(a.decision.updatedAt));
  const byRole = Object.fromEntries(userRoles.map((role) => [role, items.filter((i) => i.roles.includes(role))]));
  return { items, byRole };
}

/** Runs `work` over `inputs` with at most `limit` at a time (the worklist reads many decisions at once). */
export async function mapLimited<T, R>(inputs: T[], limit: number, work: (input: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(inputs.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, inputs.length) }, async () => {
    while (next < inputs.length) {
      const index = next++;
      out[index] = await work(inputs[index]);
    }
  });
  await Promise.all(runners);
  return out;
}
