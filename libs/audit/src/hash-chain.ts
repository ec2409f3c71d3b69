import { canonicalJsonOf } from './canonical-json';
import { digestHex, type HashAlgorithm } from './hash-algorithms';

/** prev_hash of event 1: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The fields of one trail entry that its hash covers (VERIFY.md lists them).
 * `alg`, `calendar` and `warnings` are hashed only when present, so entries
 * written before they existed keep their hashes byte for byte.
 */
export interface ChainedEvent {
  /** The hash algorithm of this entry's hash; absent = 'sha256'. */
  alg?: HashAlgorithm;
  /** Id of the working-day calendar version the engine used for this entry. */
  calendar?: string;
  decisionId: string;
  seq: number;
  type: string;
  payload: unknown;
  actor: { sub: string; name: string; roles: string[]; unit: string; jurisdiction: string };
  occurredAt: string;
  stateBefore: unknown;
  stateAfter: unknown;
  machine: { id: string; version: number };
  profile: { id: string; version: number };
  prevHash: string;
  /** Risks accepted with the event (e.g. REVIEW_TIME_PROVISIONAL); absent when none. */
  warnings?: { code: string; message: string }[];
}

/**
 * The exact text that is hashed: canonical JSON of the covered fields. Equal to
 * `canonicalJson({decisionId, seq, …, prevHash})`, written with the envelope's
 * keys already in canonical order so that only the values are canonicalised
 * (verification of long trails spends most of its time here).
 */
export function hashInput(event: ChainedEvent): string {
  let out = '{';
  out = member(out, '"actor":', event.actor);
  out = member(out, '"alg":', event.alg);
  out = member(out, '"calendar":', event.calendar);
  out = member(out, '"decisionId":', event.decisionId);
  out = member(out, '"machine":', event.machine);
  out = member(out, '"occurredAt":', event.occurredAt);
  out = member(out, '"payload":', event.payload);
  out = member(out, '"prevHash":', event.prevHash);
  out = member(out, '"profile":', event.profile);
  out = member(out, '"seq":', event.seq);
  out = member(out, '"stateAfter":', event.stateAfter);
  out = member(out, '"stateBefore":', event.stateBefore);
  out = member(out, '"type":', event.type);
  out = member(out, '"warnings":', event.warnings);
  return out + '}';
}

// Like canonicalJson: an undefined member is left out.
function member(out: string, quotedKey: string, value: unknown): string {
  return value === undefined ? out : out + (out.length > 1 ? ',' : '') + quotedKey + canonicalJsonOf(value);
}

/** The hash (hex) of an event's canonical encoding, prev_hash included, with the event's own algorithm. */
export function hashEvent(event: ChainedEvent): string {
  return digestHex(event.alg ?? 'sha256', hashInput(event));
}

/** SHA-256 (hex) of raw bytes or text (text as UTF-8), e.g. a material or a draft text. */
export function sha256Hex(content: Uint8Array | string): string {
  return digestHex('sha256', content);
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

/**
 * Checks a decision's events in order (oldest first) as a stream: seq from 1
 * without gaps, each prev_hash the previous hash, each hash recomputed.
 * Feed events one by one; `feed` returns the first break, or null.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  checked = 0;

  constructor(readonly decisionId: string) {}

  feed(event: ChainedEvent & { hash: string }): ChainBreak | null {
    this.checked++;
    const broken = this.check(event);
    // Resynchronise on what is recorded, so one break is reported once, not again at every later event.
    this.expectedSeq = event.seq + 1;
    this.prevHash = event.hash;
    return broken;
  }

  private check(event: ChainedEvent & { hash: string }): ChainBreak | null {
    if (event.seq !== this.expectedSeq) return { seq: event.seq, reason: `sequence gap: expected seq ${this.expectedSeq}` };
    if (event.prevHash !== this.prevHash) return { seq: event.seq, reason: 'prev_hash does not match the previous event hash' };
    return recomputedHashBreak(event.seq, () => hashEvent(event), event.hash, 'event');
  }
}

/**
 * The break when a recorded hash is not what its content gives, or when the
 * content cannot be hashed at all (an unknown algorithm, a lone surrogate): a
 * verifier reports those as breaks instead of throwing.
 */
export function recomputedHashBreak(seq: number, recompute: () => string, recorded: string, what: string): ChainBreak | null {
  let recomputed: string;
  try {
    recomputed = recompute();
  } catch (err) {
    return { seq, reason: `cannot recompute the hash: ${(err as Error).message}` };
  }
  return recomputed === recorded ? null : { seq, reason: `hash mismatch: the recorded ${what} was altered` };
}
