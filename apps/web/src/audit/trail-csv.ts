import type { TrailEvent } from '../api/types';
import { t, words } from '../i18n';
import { beijingTime } from '../shared/format';
import { stateInWords } from './state-paths';

/** A decision's record as CSV rows (for people without access): who, role, unit, when, what, states before and after, hashes. */
export function trailCsv(events: TrailEvent[]): { header: string[]; rows: unknown[][] } {
  const a = t.audit;
  return {
    header: [a.seq, a.time, a.event, a.actor, 'sub', a.role, a.unit, a.stateBefore, a.stateAfter, a.payload, 'prevHash', a.hash],
    rows: events.map((e) => [
      e.seq, beijingTime(e.occurredAt), words(t.events, e.type), e.actor.name, e.actor.sub, e.actor.roles.map((r) => words(t.roles, r)).join('、'), e.actor.unit,
      stateInWords(e.stateBefore), stateInWords(e.stateAfter), JSON.stringify(e.payload), e.prevHash, e.hash,
    ]),
  };
}

/** The approvals of a record: legality opinions and decisions, with the draft hash current at each. */
export function approvals(events: TrailEvent[]) {
  let draftHash: string | null = null;
  const out: { seq: number; type: string; what: string; who: string; unit: string; at: string; draftHash: string | null; hash: string }[] = [];
  for (const e of events) {
    const p = e.payload as Record<string, unknown>;
    if (e.type === 'REVISE_DRAFT') draftHash = (p.contentHash as string) ?? draftHash;
    const what = e.type === 'ISSUE_LEGALITY_OPINION' ? p.conclusion : e.type === 'RECORD_DECISION' ? p.outcome : e.type === 'RECORD_OPINION' ? p.position : null;
    if (what) out.push({ seq: e.seq, type: e.type, what: `${words(t.events, e.type)}：${e.type === 'RECORD_OPINION' ? `${p.member} ` : ''}${words(t.values, String(what))}`, who: e.actor.name, unit: e.actor.unit, at: e.occurredAt, draftHash, hash: e.hash });
  }
  return out;
}
