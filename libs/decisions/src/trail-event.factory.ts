import { hashEvent, type ChainedEvent, type HashAlgorithm } from '@app/audit';
import type { NewEvent } from '@app/persistence';
import type { Actor, MachineRef } from '@app/procedure';

/** Everything the next entry of a decision's trail records. */
export interface TrailEventFacts {
  decisionId: string;
  jurisdiction: string;
  seq: number;
  type: string;
  payload: unknown;
  actor: Actor;
  occurredAt: string;
  stateBefore: unknown;
  stateAfter: unknown;
  machine: MachineRef;
  profile: { id: string; version: number };
  prevHash: string;
  /** the deployment's hash algorithm */
  alg: HashAlgorithm;
  /** the working-day calendar version the engine decided with */
  calendar: string;
  /** risks accepted with the event (none: omitted from the entry) */
  warnings?: { code: string; message: string }[];
}

/**
 * The next entry of a decision's hash chain: the fields its hash covers (VERIFY.md lists them),
 * the actor reduced to what the record keeps, and the hash.
 */
export function trailEvent(f: TrailEventFacts): NewEvent {
  const { sub, name, roles, unit, jurisdiction } = f.actor;
  const event: ChainedEvent = {
    decisionId: f.decisionId,
    seq: f.seq,
    type: f.type,
    payload: f.payload,
    actor: { sub, name, roles: [...roles], unit, jurisdiction },
    occurredAt: f.occurredAt,
    stateBefore: f.stateBefore,
    stateAfter: f.stateAfter,
    machine: { id: f.machine.id, version: f.machine.version },
    profile: { id: f.profile.id, version: f.profile.version },
    prevHash: f.prevHash,
    alg: f.alg,
    calendar: f.calendar,
    ...(f.warnings?.length ? { warnings: f.warnings.map(({ code, message }) => ({ code, message })) } : {}),
  };
  return { ...event, hash: hashEvent(event), jurisdiction: f.jurisdiction };
}
