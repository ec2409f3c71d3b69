import type { ChainedEvent, ReplayEngine } from '@app/audit';
import { DEADLINES_RECOMPUTED, findProfile, statusOf, type AnyProcedureEvent, type ProcedureEngine } from '@app/procedure';
import type { AnyMachineSnapshot } from 'xstate';

/**
 * The procedure engine seen through replay's eyes: event 1 starts, every later event applies,
 * on the machine and profile versions the decision was pinned to; record-only entries
 * (DEADLINES_RECOMPUTED) keep the state. `last()` is the snapshot the
 * last accepted event left (the decision as it was at that point).
 */
export function procedureReplayEngine(engine: ProcedureEngine): ReplayEngine<AnyMachineSnapshot> & { last(): AnyMachineSnapshot | null } {
  let replayer: ReturnType<ProcedureEngine['replayer']> | null = null;
  let last: AnyMachineSnapshot | null = null;
  return {
    start(first: ChainedEvent) {
      const profile = findProfile(first.profile.id, first.profile.version);
      if (!profile) throw new Error(`profile ${first.profile.id}@${first.profile.version} is unknown to this build`);
      replayer = engine.replayer(first.machine);
      last = replayer.start({ decisionId: first.decisionId, profile, payload: first.payload as never, occurredAt: first.occurredAt, actor: first.actor as never });
      return last;
    },
    apply(state, e) {
      // A record-only entry (deadlines dated again on newer holiday data) leaves the state as it was.
      if (e.type === DEADLINES_RECOMPUTED) return { accepted: true, state };
      const out = replayer!.apply(state, { type: e.type, payload: e.payload, occurredAt: e.occurredAt, actor: e.actor } as AnyProcedureEvent);
      if (!out.accepted) return { accepted: false, reason: out.reasons.map((r) => r.code).join(', ') };
      last = out.next;
      return { accepted: true, state: out.next };
    },
    stateValue: (s) => s.value,
    status: (s) => statusOf(s.value),
    last: () => last,
  };
}
