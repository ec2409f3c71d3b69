import type { TrailEvent } from '../api/types';

/** The submission under review now: the last SUBMIT_FOR_LEGALITY_REVIEW, with its sender and time. */
export function currentSubmission(events: TrailEvent[]) {
  const e = [...events].reverse().find((x) => x.type === 'SUBMIT_FOR_LEGALITY_REVIEW');
  if (!e) return null;
  const p = e.payload as { legalBasis?: string[]; procedureStatement?: string; opinionNeededBy?: string; materials?: { id: string; sha256: string; filename: string }[] };
  return { seq: e.seq, by: e.actor, at: e.occurredAt, legalBasis: p.legalBasis ?? [], procedureStatement: p.procedureStatement ?? '', opinionNeededBy: p.opinionNeededBy ?? null, materials: p.materials ?? [] };
}

/** Every legality opinion and return for materials so far, oldest first, with the draft hash each bound to. */
export function reviewOutcomes(events: TrailEvent[]) {
  let draftHash: string | null = null;
  const out: { seq: number; type: string; by: TrailEvent['actor']; at: string; conclusion?: string; draftHash: string | null; payload: Record<string, unknown> }[] = [];
  for (const e of events) {
    const p = e.payload as Record<string, unknown>;
    if (e.type === 'REVISE_DRAFT') draftHash = (p.contentHash as string) ?? draftHash;
    if (e.type === 'ISSUE_LEGALITY_OPINION' || e.type === 'RETURN_FOR_MATERIALS') {
      out.push({ seq: e.seq, type: e.type, by: e.actor, at: e.occurredAt, conclusion: p.conclusion as string | undefined, draftHash, payload: p });
    }
  }
  return out;
}
