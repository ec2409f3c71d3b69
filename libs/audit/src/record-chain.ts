import { canonicalJson } from './canonical-json';
import { GENESIS_HASH, recomputedHashBreak, type ChainBreak } from './hash-chain';
import { digestHex, type HashAlgorithm } from './hash-algorithms';

/**
 * The hash (hex) of any record's canonical JSON: the hash recipe of trails
 * other than the decisions'. The algorithm is the record's own `alg` member
 * (hashed with the rest) when it has one, else SHA-256, so records written
 * before `alg` existed keep their hashes.
 */
export function hashRecord(record: unknown): string {
  const alg = typeof record === 'object' && record !== null ? (record as { alg?: HashAlgorithm }).alg : undefined;
  return digestHex(alg ?? 'sha256', canonicalJson(record));
}

/** Who recorded an entry, as a generic trail stores it (the hash covers exactly these members). */
export interface RecordedActor {
  sub: string;
  name: string;
  roles: string[];
  unit: string;
  jurisdiction: string;
}

/**
 * A new entry of a generic trail with its hash: the actor reduced to the members stored, the payload to
 * plain JSON (as it will be stored), then `hashRecord(covered(entry))`.
 */
export function sealRecord<T extends { payload: unknown; actor: RecordedActor }>(
  e: Omit<T, 'actor'> & { actor: RecordedActor },
  covered: (entry: T) => T,
): T & { hash: string } {
  const { sub, name, roles, unit, jurisdiction } = e.actor;
  const entry = { ...e, payload: JSON.parse(JSON.stringify(e.payload)), actor: { sub, name, roles: [...roles], unit, jurisdiction } } as unknown as T;
  return { ...covered(entry), hash: hashRecord(covered(entry)) };
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
    const broken = recomputedHashBreak(record.seq, () => hashRecord(covered(record)), record.hash, 'entry');
    if (broken) return { checked, firstBroken: broken };
    expectedSeq = record.seq + 1;
    prevHash = record.hash;
  }
  return { checked };
}
