import { api } from '../api/client';
import { unwrap } from '../api/api-error';
import type { Decision, TrailEvent } from '../api/types';
import { useLoad } from '../shared/use-load';

/** A decision as the API shows it to this user, and its whole record. */
export function useDecision(id: string) {
  return useLoad(async () => {
    const [decision, history] = await Promise.all([
      api.GET('/api/decisions/{id}', { params: { path: { id } } }).then(unwrap),
      api.GET('/api/decisions/{id}/history', { params: { path: { id } } }).then(unwrap),
    ]);
    return { decision: decision as Decision, events: history.events as TrailEvent[] };
  }, [id]);
}

/** The payload of a trail event, as an object. */
export const payloadOf = (e: TrailEvent) => (e.payload ?? {}) as Record<string, unknown>;

/** Every material the record cites (files with their SHA-256), newest first. */
export function citedMaterials(events: TrailEvent[]) {
  const seen = new Map<string, { id: string; sha256: string; filename: string; seq: number; type: string }>();
  for (const e of events) {
    for (const m of (payloadOf(e).materials as { id: string; sha256: string; filename: string }[] | undefined) ?? []) seen.set(m.id, { ...m, seq: e.seq, type: e.type });
  }
  return [...seen.values()].reverse();
}
