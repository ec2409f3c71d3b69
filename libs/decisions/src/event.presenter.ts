import type { TrailEntry } from '@app/persistence';

/** One trail entry as API.md's history lists it (a file of its own: export threads load it without the framework). */
export function presentEvent(e: TrailEntry) {
  const { decisionId: _id, ...entry } = e;
  return entry;
}
