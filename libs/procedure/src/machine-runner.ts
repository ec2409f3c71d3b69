import { createActor, type Actor as XActor, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { AnyProcedureEvent } from './events';

/**
 * One running XState actor (public API: `createActor`, `send`, `getSnapshot`) that
 * computes the next snapshots of one decision. XState's pure `transition()` builds
 * a throw-away actor on every call, which costs as much as the transition itself;
 * a runner keeps its actor across the events of a replay, and across the writes of
 * a decision the host remembers (through `LiveSnapshot`).
 *
 * The engine sends only events its guards accept, with their verdicts, so the
 * actor never evaluates a rule and never sees a refused event.
 */
export class MachineRunner {
  private readonly actor: XActor<AnyStateMachine>;
  private failure: { error: unknown } | null = null;

  private constructor(machine: AnyStateMachine, options: { snapshot?: unknown; input?: unknown }) {
    this.actor = createActor(machine, options as never);
    // an error inside XState stops the actor; reported here, it is rethrown to the caller instead of escaping later
    this.actor.subscribe({ error: (error) => (this.failure = { error }) });
    this.actor.start();
    this.raiseFailure();
  }

  /** A runner at the machine's initial state for this input (event 1 of a decision). */
  static initial(machine: AnyStateMachine, input: unknown): MachineRunner {
    return new MachineRunner(machine, { input });
  }

  /** A runner that continues from a snapshot, persisted (plain JSON) or live. */
  static from(machine: AnyStateMachine, snapshot: unknown): MachineRunner {
    return new MachineRunner(machine, { snapshot });
  }

  get snapshot(): AnyMachineSnapshot {
    return this.actor.getSnapshot() as AnyMachineSnapshot;
  }

  /** The snapshot after `event`; the previous snapshot object is left as it was. */
  send(event: AnyProcedureEvent): AnyMachineSnapshot {
    this.actor.send(event);
    this.raiseFailure();
    return this.snapshot;
  }

  private raiseFailure(): void {
    if (this.failure) throw this.failure.error;
  }
}

/**
 * The snapshot `start` or `apply` just computed, still live: `apply`, `allowedEvents` and
 * `eventOptions` read it as is instead of restoring its persisted form again, and `apply`
 * continues on its runner while that runner is still at this snapshot.
 */
export class LiveSnapshot {
  constructor(
    readonly current: AnyMachineSnapshot,
    /** @internal the runner that computed `current` (it may have moved on since) */
    readonly runner?: MachineRunner,
  ) {}

  /** The runner to compute the next snapshot from this one: its own while it is still here, else a new one. */
  runnerFor(machine: AnyStateMachine): MachineRunner {
    return this.runner && this.runner.snapshot === this.current ? this.runner : MachineRunner.from(machine, this.current);
  }
}
