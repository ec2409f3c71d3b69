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
  const replayer = new TrailReplayer(engine, toSeq);
  for (const event of events) if (!replayer.feed(event)) break;
  return replayer.report();
}

/**
 * `replayTrail` as a stream, for trails read in batches: feed events oldest
 * first while `feed` returns true, then take the report.
 */
export class TrailReplayer<S> {
  private readonly mismatches: { seq: number; reason: string }[] = [];
  private state: S | null = null;
  private verifier: ChainVerifier | null = null;
  private applied = 0;

  constructor(
    private readonly engine: ReplayEngine<S>,
    private readonly toSeq?: number,
  ) {}

  /** Check and apply one event; false once past `toSeq` (that event is not applied). */
  feed(event: ChainedEvent & { hash: string }): boolean {
    const { engine, mismatches } = this;
    if (this.toSeq !== undefined && event.seq > this.toSeq) return false;
    this.verifier ??= new ChainVerifier(event.decisionId);
    const broken = this.verifier.feed(event);
    if (broken) mismatches.push(broken);
    if (this.state === null) {
      this.state = engine.start(event);
    } else {
      if (!sameJson(engine.stateValue(this.state), event.stateBefore)) mismatches.push({ seq: event.seq, reason: 'state_before differs from the replayed state' });
      const out = engine.apply(this.state, event);
      if (!out.accepted) {
        mismatches.push({ seq: event.seq, reason: `the machine refuses this event on replay: ${out.reason}` });
        return true;
      }
      this.state = out.state;
    }
    this.applied++;
    if (!sameJson(engine.stateValue(this.state), event.stateAfter)) {
      mismatches.push({ seq: event.seq, reason: 'state_after differs from the replayed state' });
    }
    return true;
  }

  report(): ReplayReport {
    const { state, engine } = this;
    return {
      status: state === null ? null : engine.status(state),
      stateValue: state === null ? null : engine.stateValue(state),
      appliedEvents: this.applied,
      verified: this.mismatches.length === 0,
      mismatches: [...this.mismatches],
    };
  }
}
