import { JsonInterner, type ChainedEvent } from '@app/audit';

type Entry = ChainedEvent & { hash: string };

/**
 * One event of a trail as it crosses to a chain-checking thread. The values a trail repeats (the actor, the
 * states, the machine and profile references: the frozen values readTrail interns) cross once, as numbered
 * references; the rest crosses with each event. Structured cloning of whole entries costs about what hashing
 * them does; this costs a sixth of it.
 */
type WireEvent = [
  seq: number, type: string, occurredAt: string, payload: unknown, prevHash: string, hash: string,
  /** bit i set: field i of (actor, stateBefore, stateAfter, machine, profile) is a reference number */
  refMask: number, actor: unknown, stateBefore: unknown, stateAfter: unknown, machine: unknown, profile: unknown,
  alg: ChainedEvent['alg'], calendar: string | undefined, warnings: ChainedEvent['warnings'], decisionId: string,
];

/** A batch of events: the repeated values new in it, then the events. */
export interface WireBatch {
  shared: [id: number, value: unknown][];
  events: WireEvent[];
}

const SHARED_MAX = 10_000;

/** The sending side: remembers which repeated values the other side has. */
export class ChainBatchEncoder {
  private readonly ids = new Map<object, number>();

  encode(entries: readonly Entry[]): WireBatch {
    const shared: WireBatch['shared'] = [];
    const events = entries.map((e): WireEvent => {
      let mask = 0;
      const field = (value: unknown, bit: number): unknown => {
        // Only frozen values are shared: they cannot change after crossing.
        if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) return value;
        let id = this.ids.get(value);
        if (id === undefined) {
          if (this.ids.size >= SHARED_MAX) return value;
          this.ids.set(value, (id = this.ids.size));
          shared.push([id, value]);
        }
        mask |= 1 << bit;
        return id;
      };
      const actor = field(e.actor, 0);
      const before = field(e.stateBefore, 1);
      const after = field(e.stateAfter, 2);
      const machine = field(e.machine, 3);
      const profile = field(e.profile, 4);
      return [e.seq, e.type, e.occurredAt, e.payload, e.prevHash, e.hash, mask, actor, before, after, machine, profile, e.alg, e.calendar, e.warnings, e.decisionId];
    });
    return { shared, events };
  }
}

/** The receiving side: the entries again, the shared values interned (frozen, their canonical JSON written once). */
export class ChainBatchDecoder {
  private readonly values: unknown[] = [];
  private readonly interner = new JsonInterner();

  decode(batch: WireBatch): Entry[] {
    for (const [id, value] of batch.shared) this.values[id] = this.interner.intern(value);
    return batch.events.map((w) => {
      const mask = w[6];
      const field = (i: number) => ((mask >> (i - 7)) & 1 ? this.values[w[i] as number] : w[i]);
      return {
        alg: w[12],
        calendar: w[13],
        decisionId: w[15],
        seq: w[0],
        type: w[1],
        payload: w[3],
        actor: field(7) as ChainedEvent['actor'],
        occurredAt: w[2],
        stateBefore: field(8),
        stateAfter: field(9),
        machine: field(10) as ChainedEvent['machine'],
        profile: field(11) as ChainedEvent['profile'],
        prevHash: w[4],
        hash: w[5],
        warnings: w[14],
      };
    });
  }
}
