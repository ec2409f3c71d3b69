import { hash } from 'node:crypto';
import { canonicalJsonOf } from './canonical-json';

/** prev_hash of event 1: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of one trail entry that its hash covers (VERIFY.md lists them). */
export interface ChainedEvent {
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
  return out + '}';
}

// Like canonicalJson: an undefined member is left out.
function member(out: string, quotedKey: string, value: unknown): string {
  return value === undefined ? out : out + (out.length > 1 ? ',' : '') + quotedKey + canonicalJsonOf(value);
}

/** SHA-256 (hex) of an event's canonical encoding, prev_hash included. */
export function hashEvent(event: ChainedEvent): string {
  return sha256Hex(hashInput(event));
}

/** SHA-256 (hex) of raw bytes or text (text as UTF-8), e.g. a material or a draft text. */
export function sha256Hex(content: Uint8Array | string): string {
  // One call, no Hash object per entry (crypto.hash: Node ≥ 20.12; package.json asks ≥ 20.19).
  return hash('sha256', content, 'hex');
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
    if (hashEvent(event) !== event.hash) return { seq: event.seq, reason: 'hash mismatch: the recorded event was altered' };
    return null;
  }
}
