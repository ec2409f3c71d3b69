import { canonicalJson } from './canonical-json';
import { GENESIS_HASH, sha256Hex, type ChainBreak } from './hash-chain';

/** SHA-256 (hex) of any record's canonical JSON: the hash recipe of trails other than the decisions'. */
export function hashRecord(record: unknown): string {
  return sha256Hex(canonicalJson(record));
}

/** A stored entry of a generic hash-chained trail. */
export interface ChainedRecord {
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * Checks a generic trail oldest first: seq from 1 without gaps, each prevHash
 * the previous hash (the first one GENESIS_HASH), each hash equal to
 * `hashRecord(covered(record))`. Returns how many were checked and the first break.
 */
export function verifyRecordChain<T extends ChainedRecord>(records: Iterable<T>, covered: (record: T) => unknown): { checked: number; firstBroken?: ChainBreak } {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (const record of records) {
    checked++;
    if (record.seq !== expectedSeq) return { checked, firstBroken: { seq: record.seq, reason: `sequence gap: expected seq ${expectedSeq}` } };
    if (record.prevHash !== prevHash) return { checked, firstBroken: { seq: record.seq, reason: 'prev_hash does not match the previous record hash' } };
    if (hashRecord(covered(record)) !== record.hash) return { checked, firstBroken: { seq: record.seq, reason: 'hash mismatch: the recorded entry was altered' } };
    expectedSeq = record.seq + 1;
    prevHash = record.hash;
  }
  return { checked };
}
