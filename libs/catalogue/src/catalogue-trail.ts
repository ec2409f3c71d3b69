import { sealRecord, verifyRecordChain, type ChainBreak } from '@app/audit';
import type { Actor } from '@app/procedure';
import type { CatalogueEventRow, ChainedCatalogueEvent } from '@app/persistence';

/** The fields of a catalogue trail entry that its hash covers (in canonical JSON, SHA-256). */
export function catalogueHashInput(e: ChainedCatalogueEvent): ChainedCatalogueEvent {
  const { catalogueId, seq, type, payload, actor, occurredAt, prevHash } = e;
  return { catalogueId, seq, type, payload, actor, occurredAt, prevHash };
}

/** A new trail entry with its hash; the payload is reduced to plain JSON first, as it will be stored. */
export function chainCatalogueEvent(e: Omit<ChainedCatalogueEvent, 'actor'> & { actor: Actor }): ChainedCatalogueEvent & { hash: string } {
  return sealRecord<ChainedCatalogueEvent>({ ...e, actor: { ...e.actor, roles: [...e.actor.roles] } }, catalogueHashInput);
}

/** A stored event as its hash covers it, with the hash. */
export function chainedCatalogueEventOf(e: CatalogueEventRow): ChainedCatalogueEvent & { hash: string } {
  return {
    catalogueId: e.catalogue_id,
    seq: e.seq,
    type: e.type,
    payload: e.payload,
    actor: e.actor,
    occurredAt: e.occurred_at.toISOString(),
    prevHash: e.prev_hash,
    hash: e.hash,
  };
}

/** Check a catalogue's whole trail (oldest first): seq, prev_hash and every hash. */
export function verifyCatalogueTrail(events: (ChainedCatalogueEvent & { hash: string })[]): { checked: number; firstBroken?: ChainBreak } {
  return verifyRecordChain(events, catalogueHashInput);
}
