import { ChainVerifier, type ChainBreak, type ChainedEvent } from './hash-chain';
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

/** A break of the chain found by a check made elsewhere (e.g. a worker thread): at the `index`-th event fed (from 0). */
export interface FedChainBreak extends ChainBreak {
  index: number;
}

export interface TrailReplayerOptions {
  /**
   * 'elsewhere': `feed` leaves the chain (seq, prev_hash, every hash) to a `ChainVerifier` run by the caller
   * on the same events, whose breaks `report` then takes; the report is the same as with 'inline' (default).
   */
  chain?: 'inline' | 'elsewhere';
}

/**
 * `replayTrail` as a stream, for trails read in batches: feed events oldest
 * first while `feed` returns true, then take the report.
 */
export class TrailReplayer<S> {
  private readonly mismatches: { seq: number; reason: string }[] = [];
  /** the feed index of each mismatch (to put breaks found elsewhere in place) */
  private readonly mismatchAt: number[] = [];
  private state: S | null = null;
  private verifier: ChainVerifier | null = null;
  private fed = 0;
  private applied = 0;
  /** the last recorded state found equal to the replayed state object it was compared with */
  private matched: { replayed: unknown; recorded: unknown } = { replayed: undefined, recorded: undefined };

  constructor(
    private readonly engine: ReplayEngine<S>,
    private readonly toSeq?: number,
    private readonly options: TrailReplayerOptions = {},
  ) {}

  /** Check and apply one event; false once past `toSeq` (that event is not applied). */
  feed(event: ChainedEvent & { hash: string }): boolean {
    const { engine } = this;
    if (this.toSeq !== undefined && event.seq > this.toSeq) return false;
    const index = this.fed++;
    if (this.options.chain !== 'elsewhere') {
      this.verifier ??= new ChainVerifier(event.decisionId);
      const broken = this.verifier.feed(event);
      if (broken) this.mismatch(index, broken);
    }
    if (this.state === null) {
      this.state = engine.start(event);
    } else {
      if (!this.same(engine.stateValue(this.state), event.stateBefore)) this.mismatch(index, { seq: event.seq, reason: 'state_before differs from the replayed state' });
      const out = engine.apply(this.state, event);
      if (!out.accepted) {
        this.mismatch(index, { seq: event.seq, reason: `the machine refuses this event on replay: ${out.reason}` });
        return true;
      }
      this.state = out.state;
    }
    this.applied++;
    if (!this.same(engine.stateValue(this.state), event.stateAfter)) {
      this.mismatch(index, { seq: event.seq, reason: 'state_after differs from the replayed state' });
    }
    return true;
  }

  /** The report; `chainBreaks`: what the chain check made elsewhere found (see TrailReplayerOptions.chain). */
  report(chainBreaks: readonly FedChainBreak[] = []): ReplayReport {
    const { state, engine } = this;
    const mismatches = chainBreaks.length ? this.merged(chainBreaks) : [...this.mismatches];
    return {
      status: state === null ? null : engine.status(state),
      stateValue: state === null ? null : engine.stateValue(state),
      appliedEvents: this.applied,
      verified: mismatches.length === 0,
      mismatches,
    };
  }

  private mismatch(index: number, m: { seq: number; reason: string }): void {
    this.mismatches.push({ seq: m.seq, reason: m.reason });
    this.mismatchAt.push(index);
  }

  /** The breaks in feed order, each before the replay's mismatches of the same event (as an inline check reports them). */
  private merged(breaks: readonly FedChainBreak[]): { seq: number; reason: string }[] {
    const out: { seq: number; reason: string }[] = [];
    let m = 0;
    for (const b of breaks) {
      while (m < this.mismatches.length && this.mismatchAt[m] < b.index) out.push(this.mismatches[m++]);
      out.push({ seq: b.seq, reason: b.reason });
    }
    while (m < this.mismatches.length) out.push(this.mismatches[m++]);
    return out;
  }

  /**
   * sameJson, remembered for one pair: the state after event n and the state before event n+1 are
   * usually the same replayed object and the same (interned) recorded value, compared once.
   */
  private same(replayed: unknown, recorded: unknown): boolean {
    const last = this.matched;
    if (replayed === last.replayed && recorded === last.recorded && typeof recorded === 'object' && recorded !== null && Object.isFrozen(recorded)) return true;
    if (!sameJson(replayed, recorded)) return false;
    this.matched = { replayed, recorded };
    return true;
  }
}
