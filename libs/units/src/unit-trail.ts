import { sealRecord, verifyRecordChain, type ChainBreak } from '@app/audit';
import type { ChainedUnitEvent, UnitEventRow } from '@app/persistence';
import type { Actor } from '@app/procedure';

/** The fields of a unit trail entry that its hash covers (in canonical JSON, SHA-256). */
export function unitHashInput(e: ChainedUnitEvent): ChainedUnitEvent {
  const { jurisdiction, unitId, seq, type, payload, actor, occurredAt, prevHash } = e;
  return { jurisdiction, unitId, seq, type, payload, actor, occurredAt, prevHash };
}

/** A new trail entry with its hash; the payload is reduced to plain JSON first, as it will be stored. */
export function chainUnitEvent(e: Omit<ChainedUnitEvent, 'actor'> & { actor: Actor }): ChainedUnitEvent & { hash: string } {
  return sealRecord<ChainedUnitEvent>({ ...e, actor: { ...e.actor, roles: [...e.actor.roles] } }, unitHashInput);
}

/** A stored event as its hash covers it, with the hash. */
export function chainedUnitEventOf(e: UnitEventRow): ChainedUnitEvent & { hash: string } {
  return {
    jurisdiction: e.jurisdiction,
    unitId: e.unit_id,
    seq: e.seq,
    type: e.type,
    payload: e.payload,
    actor: e.actor,
    occurredAt: e.occurred_at.toISOString(),
    prevHash: e.prev_hash,
    hash: e.hash,
  };
}

/** Check a unit's whole trail (oldest first): seq, prev_hash and every hash. */
export function verifyUnitTrail(events: (ChainedUnitEvent & { hash: string })[]): { checked: number; firstBroken?: ChainBreak } {
  return verifyRecordChain(events, unitHashInput);
}
