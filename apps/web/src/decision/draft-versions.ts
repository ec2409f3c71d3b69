import { diffLines } from 'diff';
import type { TrailEvent } from '../api/types';

/** One version of the draft as recorded by REVISE_DRAFT. */
export interface DraftVersion {
  version: number;
  seq: number;
  text: string | null;
  materialId: string | null;
  changeSummary: string;
  contentHash: string;
  by: string;
  at: string;
}

/** The draft's versions in order, from the record (version n is the n-th REVISE_DRAFT). */
export function draftVersions(events: TrailEvent[]): DraftVersion[] {
  return events
    .filter((e) => e.type === 'REVISE_DRAFT')
    .map((e, i) => {
      const p = e.payload as { text?: string; materialId?: string; changeSummary?: string; contentHash?: string };
      return { version: i + 1, seq: e.seq, text: p.text ?? null, materialId: p.materialId ?? null, changeSummary: p.changeSummary ?? '', contentHash: p.contentHash ?? '', by: e.actor.name, at: e.occurredAt };
    });
}

/** The line diff between two texts: kept, added and removed parts in order. */
export function draftDiff(before: string, after: string): { kind: 'same' | 'added' | 'removed'; text: string }[] {
  return diffLines(before, after).map((part) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text: part.value }));
}
