import { ChainVerifier, type ChainedEvent } from './hash-chain';
import { sameJson } from './canonical-json';

/** The procedure engine as replay needs it: rebuild state from event 1 with the pinned machine. */
export interface ReplayEngine<S> {
  start(first: ChainedEvent): S;
  apply(state: S, event: ChainedEvent): { accepted: true; state: S } | { accepted: false; reason: string };
  stateValue(state: S): unknown;
  status(state: S): string;
}

export interface ReplayReport {
  status: string | null;
  stateValue: unknown;
  appliedEvents: number;
  verified: boolean;
  mismatches: { seq: number; reason: string }[];
}

/**
 * Recompute every state from event 1 and check every hash: each recorded
 * state_after must be what the machine yields now, and the chain must hold.
 * Stops applying at `toSeq` (inclusive) when given.
 */
export function replayTrail<S>(engine: ReplayEngine<S>, events: Iterable<ChainedEvent & { hash: string }>, toSeq?: number): ReplayReport {
  const mismatches: { seq: number; reason: string }[] = [];
  let state: S | null = null;
  let verifier: ChainVerifier | null = null;
  let applied = 0;
  for (const event of events) {
    if (toSeq !== undefined && event.seq > toSeq) break;
    verifier ??= new ChainVerifier(event.decisionId);
    const broken = verifier.feed(event);
    if (broken) mismatches.push(broken);
    if (state === null) {
      state = engine.start(event);
    } else {
      if (!sameJson(engine.stateValue(state), event.stateBefore)) mismatches.push({ seq: event.seq, reason: 'state_before differs from the replayed state' });
      const out = engine.apply(state, event);
      if (!out.accepted) {
        mismatches.push({ seq: event.seq, reason: `the machine refuses this event on replay: ${out.reason}` });
        continue;
      }
      state = out.state;
    }
    applied++;
    if (!sameJson(engine.stateValue(state), event.stateAfter)) {
      mismatches.push({ seq: event.seq, reason: 'state_after differs from the replayed state' });
    }
  }
  return {
    status: state === null ? null : engine.status(state),
    stateValue: state === null ? null : engine.stateValue(state),
    appliedEvents: applied,
    verified: mismatches.length === 0,
    mismatches,
  };
}
