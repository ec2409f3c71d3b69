import { createActor, getNextTransitions, initialTransition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { Actor } from './actor';
import type { DecisionContext, DecisionInput } from './decision-context';
import { createRuleChecks, type ProcedureDeps, type RuleCheck } from './decision.guards';
import { createDecisionMachine, DECISION_MACHINE_ID, DECISION_MACHINE_VERSION, type DecisionMachine } from './decision.machine';
import { viewOf, type DecisionView } from './decision-view';
import { authorizeEvent } from './event-roles';
import { EVENT_TYPES, type AnyProcedureEvent, type EventType } from './events';
import type { Reason } from './reason';
import { acceptedEventWarnings } from './review-time';
import { reason } from './rule-codes';

export interface MachineRef {
  id: string;
  version: number;
}

/** The whole persisted state of one decision's procedure: plain JSON, pinned to its machine version. */
export interface ProcedureSnapshot {
  machine: MachineRef;
  /** XState's persisted snapshot (`getPersistedSnapshot()`), context included */
  state: unknown;
}

/**
 * The snapshot `start` or `apply` just computed, still live: `allowedEvents` reads it as is
 * instead of restoring its persisted form again.
 */
export class LiveSnapshot {
  constructor(readonly current: AnyMachineSnapshot) {}
}

export interface Started {
  snapshot: ProcedureSnapshot;
  view: DecisionView;
  context: DecisionContext;
  live: LiveSnapshot;
}

/**
 * An accepted event may carry `warnings`: risks accepted with it (e.g. REVIEW_TIME_PROVISIONAL),
 * for the host to record on the event and show; a refused one lists every violated rule.
 */
export type ApplyOutcome = ({ accepted: true; warnings: Reason[] } & Started) | { accepted: false; reasons: Reason[] };

/** Guards that read only the context, the actor and the time, so `allowedEvents` can evaluate them without a payload. */
const PAYLOAD_FREE_GUARDS = new Set([
  'commentPeriodElapsed',
  'publicOpinionReportable',
  'allExpertOpinionsSigned',
  'readyForCollectiveDiscussion',
  'draftNotUnderReview',
  'executorAssigned',
  // its only payload field (opinionNeededBy) is optional: the empty probe checks the draft and the three steps
  'reviewSubmissionLawful',
]);

interface GuardRef {
  type: string;
  params?: unknown;
}

/** Event type → the guards of its transitions (undefined: unguarded). */
type TransitionsByEvent = Map<string, (GuardRef | undefined)[]>;

/**
 * The law as a pure function: start a decision, apply one event, say what is
 * allowed now. No clock, no I/O: time arrives on the event, working days
 * through the provided calendar. Machine versions are kept side by side so a
 * decision always runs, and replays, on the version it started with.
 */
export class ProcedureEngine {
  private readonly machines = new Map<number, DecisionMachine>();
  private readonly checks: Record<string, RuleCheck>;
  private readonly scopes = new Map<DecisionMachine, object>();
  private readonly transitionCache = new Map<object, Map<string, TransitionsByEvent>>();

  constructor(deps: ProcedureDeps) {
    this.machines.set(DECISION_MACHINE_VERSION, createDecisionMachine(deps));
    this.checks = createRuleChecks(deps) as Record<string, RuleCheck>;
  }

  /** The machine a new decision is pinned to. */
  get currentMachine(): MachineRef {
    return { id: DECISION_MACHINE_ID, version: DECISION_MACHINE_VERSION };
  }

  /** Event 1: a decision in `proposed`. */
  start(input: DecisionInput, machineRef: MachineRef = this.currentMachine): Started {
    const machine = this.machineFor(machineRef);
    const [snapshot] = initialTransition(machine, input);
    return this.result(machineRef, snapshot);
  }

  /**
   * Apply one event: the next snapshot, or why not — the actor's role or
   * separation of duties (403 codes), `EVENT_NOT_ALLOWED` when the state does
   * not know the event, else every violated rule.
   */
  apply(persisted: ProcedureSnapshot, event: AnyProcedureEvent, live?: LiveSnapshot): ApplyOutcome {
    const machine = this.machineFor(persisted.machine);
    // `live`: the same snapshot as `persisted`, still live (the caller computed it): no restore needed
    const current = live && live.current.machine === machine ? live.current : this.restore(machine, persisted);
    const out = this.step(machine, current, event);
    if (!out.accepted) return out;
    const started = this.result(persisted.machine, out.next);
    return { accepted: true, warnings: acceptedEventWarnings(event, started.context), ...started };
  }

  /**
   * Replay on a live snapshot: the same decision logic as `apply`, without
   * restoring and persisting the snapshot around every event (replay of long
   * trails is dominated by that otherwise).
   */
  replayer(ref: MachineRef) {
    const machine = this.machineFor(ref);
    return {
      start: (input: DecisionInput): AnyMachineSnapshot => initialTransition(machine, input)[0],
      apply: (current: AnyMachineSnapshot, event: AnyProcedureEvent) => this.step(machine, current, event),
    };
  }

  private step(machine: DecisionMachine, current: AnyMachineSnapshot, event: AnyProcedureEvent): { accepted: true; next: AnyMachineSnapshot } | { accepted: false; reasons: Reason[] } {
    const forbidden = authorizeEvent(event.type, event.actor, current.context);
    if (forbidden) return { accepted: false, reasons: [forbidden] };
    const candidates = this.candidates(current, event.type);
    if (current.status !== 'active' || candidates.length === 0) {
      return { accepted: false, reasons: [reason('EVENT_NOT_ALLOWED', `当前状态（${JSON.stringify(current.value)}）不接受 ${event.type}`)] };
    }
    const outcomes = candidates.map((guard) => (guard ? this.evaluate(guard, current.context, event) : []));
    if (!outcomes.some((r) => r !== null && r.length === 0)) {
      const reasons = dedupe(outcomes.flatMap((r) => r ?? []));
      return { accepted: false, reasons: reasons.length ? reasons : [reason('EVENT_NOT_ALLOWED')] };
    }
    return { accepted: true, next: machine.transition(current as never, event, this.scopeFor(machine)) as AnyMachineSnapshot };
  }

  /** The event types this actor could send now (role, separation of duties, and the rules that need no payload). */
  allowedEvents(from: ProcedureSnapshot | LiveSnapshot, actor: Actor, now: string): EventType[] {
    const current = from instanceof LiveSnapshot ? from.current : this.restore(this.machineFor(from.machine), from);
    if (current.status !== 'active') return [];
    const ctx = current.context;
    const byEvent = this.transitionsByEvent(current);
    return EVENT_TYPES.filter((type) => {
      const guards = byEvent.get(type);
      if (!guards || authorizeEvent(type, actor, ctx)) return false;
      const probe = { type, payload: {}, occurredAt: now, actor } as AnyProcedureEvent;
      return guards.some((g) => !g || !PAYLOAD_FREE_GUARDS.has(g.type) || this.evaluate(g, ctx, probe)?.length === 0);
    });
  }

  /** The read model of a persisted snapshot. */
  view(persisted: ProcedureSnapshot): DecisionView {
    const s = this.restore(this.machineFor(persisted.machine), persisted);
    return viewOf(s.value, s.context);
  }

  /** The context of a persisted snapshot. */
  context(persisted: ProcedureSnapshot): DecisionContext {
    return (persisted.state as { context: DecisionContext }).context;
  }

  /**
   * The inert actor scope XState's pure `transition()` builds on every call,
   * built once per machine instead: the machine spawns no actors and its only
   * actions are `assign`, so nothing is executed and nothing is shared.
   */
  private scopeFor(machine: DecisionMachine): any {
    let scope = this.scopes.get(machine);
    if (!scope) {
      const self = createActor(machine as AnyStateMachine, { input: undefined as never });
      const noop = () => {};
      scope = { self, defer: noop, id: '', logger: noop, sessionId: '', stopChild: noop, system: self.system, emit: noop, actionExecutor: noop };
      this.scopes.set(machine, scope);
    }
    return scope;
  }

  private machineFor(ref: MachineRef): DecisionMachine {
    const machine = ref.id === DECISION_MACHINE_ID ? this.machines.get(ref.version) : undefined;
    if (!machine) throw new Error(`unknown procedure machine ${ref.id}@${ref.version}`);
    return machine;
  }

  private restore(machine: DecisionMachine, persisted: ProcedureSnapshot): AnyMachineSnapshot {
    // restoreSnapshot with the shared inert scope: no Actor is constructed per call.
    return machine.restoreSnapshot(persisted.state as never, this.scopeFor(machine)) as AnyMachineSnapshot;
  }

  /** The guards of the transitions the current state has for this event type (undefined: unguarded). */
  private candidates(snapshot: AnyMachineSnapshot, type: string): (GuardRef | undefined)[] {
    return this.transitionsByEvent(snapshot).get(type) ?? [];
  }

  /**
   * Every transition the current state has, grouped by event type (guards not
   * evaluated). They depend only on which states are active, never on the
   * context, so they are worked out once per state configuration.
   */
  private transitionsByEvent(snapshot: AnyMachineSnapshot): TransitionsByEvent {
    let cache = this.transitionCache.get(snapshot.machine);
    if (!cache) this.transitionCache.set(snapshot.machine, (cache = new Map()));
    const key = JSON.stringify(snapshot.value);
    let byEvent = cache.get(key);
    if (byEvent) return byEvent;
    byEvent = new Map();
    for (const t of getNextTransitions(snapshot)) {
      const guard = typeof t.guard === 'string' ? { type: t.guard } : (t.guard as GuardRef | undefined);
      const list = byEvent.get(t.eventType) ?? [];
      list.push(guard);
      byEvent.set(t.eventType, list);
    }
    // The configurations of one machine are finite; the bound only guards against a caller feeding foreign snapshots.
    if (cache.size < 10_000) cache.set(key, byEvent);
    return byEvent;
  }

  private evaluate(guard: GuardRef, ctx: DecisionContext, event: AnyProcedureEvent): Reason[] | null {
    const check = this.checks[guard.type];
    if (!check) throw new Error(`guard ${guard.type} has no rule check`);
    return check(ctx, event, guard.params);
  }

  private result(ref: MachineRef, snapshot: AnyMachineSnapshot): Started {
    const context = snapshot.context as DecisionContext;
    return {
      snapshot: { machine: ref, state: this.machineFor(ref).getPersistedSnapshot(snapshot as never) },
      view: viewOf(snapshot.value, context),
      context,
      live: new LiveSnapshot(snapshot),
    };
  }
}

function dedupe(reasons: Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => (seen.has(r.code) ? false : (seen.add(r.code), true)));
}
