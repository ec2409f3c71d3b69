// The engine's vocabulary: what it keeps of a decision and what it answers (procedure-engine.ts is the engine).
import type { DecisionContext } from './decision-context';
import type { DecisionView } from './decision-view';
import type { ProcedureEffect } from './effects';
import type { EventType } from './events';
import type { LiveSnapshot } from './machine-runner';
import type { MachineRef } from './procedure-version';
import type { Reason } from './reason';

/** The whole persisted state of one decision's procedure: plain JSON, pinned to its machine version. */
export interface ProcedureSnapshot {
  machine: MachineRef;
  /** XState's persisted snapshot (`getPersistedSnapshot()`), context included */
  state: unknown;
}

export interface Started {
  snapshot: ProcedureSnapshot;
  view: DecisionView;
  context: DecisionContext;
  live: LiveSnapshot;
}

/**
 * An accepted event carries the effects the host carries out after commit, and `warnings`: risks
 * accepted with it (e.g. REVIEW_TIME_PROVISIONAL) for the host to record on the event and show.
 * A refused one lists every violated rule.
 */
export type ApplyOutcome = ({ accepted: true; effects: ProcedureEffect[]; warnings: Reason[] } & Started) | { accepted: false; reasons: Reason[] };

export interface ApplyOptions {
  /** the host already called `authorizeEvent` for this event and actor: the engine does not repeat it */
  authorized?: boolean;
}

/** An event valid in the state for the caller, refused now whatever its payload, with the rules that refuse it. */
export interface BlockedEvent {
  type: EventType;
  reasons: Reason[];
}

export interface EventOptions {
  /** what the caller could send now and the guards would accept (as far as they can tell without a payload) */
  allowedEvents: EventType[];
  /** what the state knows and the caller's roles allow, but a rule refuses now */
  blockedEvents: BlockedEvent[];
}
