import type { DeadlineChanges, OpenDeadline } from '@app/persistence';
import type { DeadlineSpec } from '@app/procedure';
import { randomUUID } from 'node:crypto';

/**
 * The deadline changes that make a decision's open deadlines equal the desired set, diffed
 * against the list on its projection row (no read of the deadlines table): deadlines no longer
 * owed are closed, new ones opened. Most events change nothing.
 */
export function planDeadlines(open: OpenDeadline[], desired: DeadlineSpec[]): DeadlineChanges {
  const wanted = new Set(desired.map((d) => d.key));
  const current = new Set(open.map((d) => d.key));
  return {
    close: open.filter((d) => !wanted.has(d.key)).map((d) => d.id),
    kept: open.filter((d) => wanted.has(d.key)),
    opening: desired
      .filter((d) => !current.has(d.key))
      .map((d) => ({
        id: randomUUID(),
        key: d.key,
        kind: d.kind,
        dueAt: new Date(d.dueAt).toISOString(),
        fireEvent: d.fireEvent ?? null,
        ...(d.provisional ? { provisional: true as const } : {}),
      })),
  };
}
