import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

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

/** The exact text that is hashed: canonical JSON of the covered fields. */
export function hashInput(event: ChainedEvent): string {
  const { decisionId, seq, type, payload, actor, occurredAt, stateBefore, stateAfter, machine, profile, prevHash } = event;
  return canonicalJson({ decisionId, seq, type, payload, actor, occurredAt, stateBefore, stateAfter, machine, profile, prevHash });
}

/** SHA-256 (hex) of an event's canonical encoding, prev_hash included. */
export function hashEvent(event: ChainedEvent): string {
  return createHash('sha256').update(hashInput(event), 'utf8').digest('hex');
}

/** SHA-256 (hex) of raw bytes or text, e.g. a material or a draft text. */
export function sha256Hex(content: Uint8Array | string): string {
  return createHash('sha256').update(content).digest('hex');
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
