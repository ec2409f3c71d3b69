import { getNextTransitions, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { Actor } from './actor';
import type { DecisionContext, DecisionInput } from './decision-context';
import type { ProcedureDeps } from './decision.guards';
import type { DecisionView } from './decision-view';
import type { DeadlineSpec } from './deadlines';
import { effectsOf } from './effects';
import { authorizeEvent, type AccessOptions } from './event-roles';
import { EVENT_TYPES, type AnyProcedureEvent, type EventType } from './events';
import { LiveSnapshot, MachineRunner } from './machine-runner';
import { CURRENT_MACHINE_VERSION, machineVersionOf } from './profile-registry';
import type { MachineRef, ProcedureVersion } from './procedure-version';
import type { Reason } from './reason';
import { acceptedEventWarnings } from './review-time';
import { reason } from './rule-codes';
import { probeReasons, verdictKey, withVerdicts, type GuardRef, type Verdicts } from './rule-definition';
import { preemptionReason } from './timer-races';
import { dedupe, restore, sameStateValue, stateKey } from './engine-helpers';
import type { ApplyOptions, ApplyOutcome, EventOptions, ProcedureSnapshot, Started } from './procedure-engine.types';
import { procedureV1 } from './v1/procedure.v1';
import { procedureV2 } from './v2/procedure.v2';

export { LiveSnapshot } from './machine-runner';
export type { MachineRef } from './procedure-version';
export type { ApplyOptions, ApplyOutcome, BlockedEvent, EventOptions, ProcedureSnapshot, Started } from './procedure-engine.types';

/** Who is checked: everything; roles and separation of duties only (trails recorded before ownership was enforced); nothing (the host did). */
type AccessCheck = 'full' | 'legacy' | 'none';

type Decided = { accepted: true; verdicts: Verdicts } | { accepted: false; reasons: Reason[] };

/** Event type → the guards of its transitions in one state configuration (undefined: unguarded). */
type TransitionsByEvent = Map<string, (GuardRef | undefined)[]>;

/**
 * The law as a pure function: start a decision, apply one event, say what is
 * allowed now. No clock, no I/O: time arrives on the event, working days
 * through the provided calendar. Machine versions are kept side by side so a
 * decision always runs, and replays, on the version it started with.
 *
 * XState is used through its public API only. Each rule check runs once per
 * event: the engine evaluates the guards of the candidate transitions, refuses
 * with their reasons when none passes, and otherwise hands XState the event
 * with the verdicts, which the machine's guards read instead of evaluating again.
 */
export class ProcedureEngine {
  private readonly versions = new Map<number, ProcedureVersion>();
  private readonly transitionCache = new WeakMap<AnyStateMachine, Map<string, TransitionsByEvent>>();
  /** the configuration looked up last: a replay asks for the same one event after event */
  private lastTransitions: { machine: AnyStateMachine; value: AnyMachineSnapshot['value']; byEvent: TransitionsByEvent } | null = null;

  constructor(
    private readonly deps: ProcedureDeps,
    /** how access control compares units (see AccessOptions.sameUnit) */
    private readonly access: Pick<AccessOptions, 'sameUnit'> = {},
  ) {
    for (const version of [procedureV1(deps), procedureV2(deps)]) this.versions.set(version.ref.version, version);
  }

  /** The machine a new decision is pinned to. */
  get currentMachine(): MachineRef {
    return this.versionFor({ id: this.versions.get(CURRENT_MACHINE_VERSION)!.ref.id, version: CURRENT_MACHINE_VERSION }).ref;
  }

  /** The machine versions this engine runs. */
  get machines(): MachineRef[] {
    return [...this.versions.values()].map((v) => v.ref);
  }

  /**
   * Event 1: a decision in `proposed`, on the given machine version with a profile of that version;
   * by default on the version the profile belongs to (a profile of no version: the current one).
   */
  start(input: DecisionInput, machineRef?: MachineRef): Started {
    const pinned = machineVersionOf(input.profile);
    const version = this.versionFor(machineRef ?? (pinned === undefined ? this.currentMachine : { ...this.currentMachine, version: pinned }));
    if (pinned !== undefined && pinned !== version.ref.version) {
      throw new Error(`profile ${input.profile.id}@${input.profile.version} belongs to machine v${pinned}, not v${version.ref.version}`);
    }
    const runner = MachineRunner.initial(version.machine, input);
    return this.result(version, runner.snapshot, runner);
  }

  /**
   * Apply one event: the next snapshot, or why not — the actor's role,
   * separation of duties or ownership (403 codes; skipped with `authorized`),
   * `EVENT_NOT_ALLOWED` (or what pre-empted the event) when the state does not
   * know it, else every violated rule. `live`: the same snapshot as
   * `persisted`, still live (the caller computed it): no restore needed.
   */
  apply(persisted: ProcedureSnapshot, event: AnyProcedureEvent, live?: LiveSnapshot, options: ApplyOptions = {}): ApplyOutcome {
    const version = this.versionFor(persisted.machine);
    const usable = live && live.current.machine === version.machine ? live : undefined;
    const runner = usable ? undefined : MachineRunner.from(version.machine, persisted.state);
    const current = usable?.current ?? runner!.snapshot;
    const decided = this.decide(version, current, event, options.authorized ? 'none' : 'full');
    if (!decided.accepted) return decided;
    const next = runner ?? usable!.runnerFor(version.machine);
    const snapshot = withVerdicts(event, decided.verdicts, () => next.send(event));
    const started = this.result(version, snapshot, next);
    return { accepted: true, effects: effectsOf(current.context.decisionId, event), warnings: acceptedEventWarnings(event, started.context), ...started };
  }

  /**
   * Replay on a live snapshot: the same decision logic as `apply`, without
   * persisting the snapshot after every event. Access is checked as when the
   * trail was recorded: roles and separation of duties always, ownership on
   * versions recorded under it (see ProcedureVersion.replayChecksOwnership).
   */
  replayer(ref: MachineRef) {
    const version = this.versionFor(ref);
    const access: AccessCheck = version.replayChecksOwnership ? 'full' : 'legacy';
    let runner: MachineRunner | null = null;
    return {
      start: (input: DecisionInput): AnyMachineSnapshot => {
        runner = MachineRunner.initial(version.machine, input);
        return runner.snapshot;
      },
      apply: (current: AnyMachineSnapshot, event: AnyProcedureEvent): { accepted: true; next: AnyMachineSnapshot } | { accepted: false; reasons: Reason[] } => {
        const decided = this.decide(version, current, event, access);
        if (!decided.accepted) return decided;
        if (!runner || runner.snapshot !== current) runner = MachineRunner.from(version.machine, current);
        const moving = runner;
        return { accepted: true, next: withVerdicts(event, decided.verdicts, () => moving.send(event)) };
      },
    };
  }

  /** The event types this actor could send now (see `eventOptions`). */
  allowedEvents(from: ProcedureSnapshot | LiveSnapshot, actor: Actor, now: string): EventType[] {
    return this.eventOptions(from, actor, now).allowedEvents;
  }

  /**
   * What this actor could send now, and what the state knows but a rule refuses now. An event the
   * caller may not send (role, ownership, separation of duties) is in neither list. Rules that need a
   * payload cannot be judged without one: their events are offered, and refused with reasons when sent.
   */
  eventOptions(from: ProcedureSnapshot | LiveSnapshot, actor: Actor, now: string): EventOptions {
    const { version, snapshot } = this.current(from);
    const out: EventOptions = { allowedEvents: [], blockedEvents: [] };
    if (snapshot.status !== 'active') return out;
    const ctx = snapshot.context as DecisionContext;
    const byEvent = this.transitionsByEvent(version, snapshot);
    for (const type of EVENT_TYPES) {
      const guards = byEvent.get(type);
      if (!guards || authorizeEvent(type, actor, ctx, this.access)) continue;
      const probe = { type, payload: {}, occurredAt: now, actor } as AnyProcedureEvent;
      const reasons: Reason[] = [];
      const open = guards.some((g) => {
        if (!g) return true;
        const refused = probeReasons(this.ruleOf(version, g), g, ctx, probe);
        reasons.push(...refused);
        return refused.length === 0;
      });
      if (open) out.allowedEvents.push(type);
      else out.blockedEvents.push({ type, reasons: dedupe(reasons) });
    }
    return out;
  }

  /** The read model of a snapshot (persisted, or live, e.g. one a replay computed), on its machine version's view. */
  view(from: ProcedureSnapshot | LiveSnapshot): DecisionView {
    const { version, snapshot } = this.current(from);
    return version.view(snapshot.value, snapshot.context);
  }

  /** The context of a persisted snapshot. */
  context(persisted: ProcedureSnapshot): DecisionContext {
    return (persisted.state as { context: DecisionContext }).context;
  }

  /** The deadlines a decision owes after `start` or an accepted `apply`, on its machine version's rules. */
  deadlines(outcome: Pick<Started, 'snapshot' | 'view' | 'context'>, now: string): DeadlineSpec[] {
    const version = this.versionFor(outcome.snapshot.machine);
    return version.deadlines(outcome.view.status, outcome.view.stateValue, outcome.context, this.deps.calendar, now);
  }

  private decide(version: ProcedureVersion, current: AnyMachineSnapshot, event: AnyProcedureEvent, access: AccessCheck): Decided {
    const ctx = current.context as DecisionContext;
    if (access !== 'none') {
      const forbidden = authorizeEvent(event.type, event.actor, ctx, { ...this.access, ownership: access === 'full' });
      if (forbidden) return { accepted: false, reasons: [forbidden] };
    }
    const candidates = current.status === 'active' ? this.transitionsByEvent(version, current).get(event.type) : undefined;
    if (!candidates) {
      const preempted = current.status === 'active' ? preemptionReason(event.type, version.commentPeriod(current.value, ctx)) : null;
      return { accepted: false, reasons: [preempted ?? reason('EVENT_NOT_ALLOWED', `当前状态（${JSON.stringify(current.value)}）不接受 ${event.type}`)] };
    }
    const verdicts: Verdicts = new Map();
    const reasons: Reason[] = [];
    let passed = false;
    for (const guard of candidates) {
      if (!guard) {
        passed = true;
        continue;
      }
      const key = verdictKey(guard);
      if (verdicts.has(key)) continue;
      const result = this.ruleOf(version, guard).check(ctx, event, guard.params);
      const ok = result !== null && result.length === 0;
      verdicts.set(key, ok);
      if (ok) passed = true;
      else if (result) reasons.push(...result);
    }
    if (passed) return { accepted: true, verdicts };
    return { accepted: false, reasons: reasons.length ? dedupe(reasons) : [reason('EVENT_NOT_ALLOWED')] };
  }

  private ruleOf(version: ProcedureVersion, guard: GuardRef) {
    const rule = version.rules[guard.type];
    if (!rule) throw new Error(`guard ${guard.type} of machine v${version.ref.version} has no rule`);
    return rule;
  }

  private versionFor(ref: MachineRef): ProcedureVersion {
    const version = this.versions.get(ref.version);
    if (!version || version.ref.id !== ref.id) throw new Error(`unknown procedure machine ${ref.id}@${ref.version}`);
    return version;
  }

  private current(from: ProcedureSnapshot | LiveSnapshot): { version: ProcedureVersion; snapshot: AnyMachineSnapshot } {
    if (from instanceof LiveSnapshot) {
      const version = [...this.versions.values()].find((v) => v.machine === from.current.machine);
      if (version) return { version, snapshot: from.current };
      throw new Error('a live snapshot of another engine');
    }
    const version = this.versionFor(from.machine);
    return { version, snapshot: restore(version.machine, from.state) };
  }

  /**
   * Every transition the current state has, grouped by event type (guards not
   * evaluated). They depend only on which states are active, never on the
   * context, so they are worked out once per state configuration.
   */
  private transitionsByEvent(version: ProcedureVersion, snapshot: AnyMachineSnapshot): TransitionsByEvent {
    const last = this.lastTransitions;
    if (last && last.machine === version.machine && sameStateValue(last.value, snapshot.value)) return last.byEvent;
    const byEvent = this.transitionsOf(version, snapshot);
    this.lastTransitions = { machine: version.machine, value: snapshot.value, byEvent };
    return byEvent;
  }

  private transitionsOf(version: ProcedureVersion, snapshot: AnyMachineSnapshot): TransitionsByEvent {
    let cache = this.transitionCache.get(version.machine);
    if (!cache) this.transitionCache.set(version.machine, (cache = new Map()));
    const key = stateKey(snapshot.value);
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

  private result(version: ProcedureVersion, snapshot: AnyMachineSnapshot, runner: MachineRunner): Started {
    const context = snapshot.context as DecisionContext;
    return {
      snapshot: { machine: version.ref, state: version.machine.getPersistedSnapshot(snapshot) },
      view: version.view(snapshot.value, context),
      context,
      live: new LiveSnapshot(snapshot, runner),
    };
  }
}
