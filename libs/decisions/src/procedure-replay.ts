import type { ChainedEvent, ReplayEngine } from '@app/audit';
import { findProfile, type AnyProcedureEvent, type ProcedureEngine, type ProcedureSnapshot } from '@app/procedure';

/** The procedure engine seen through replay's eyes: event 1 starts, every later event applies, on the pinned versions. */
export function procedureReplayEngine(engine: ProcedureEngine): ReplayEngine<{ snapshot: ProcedureSnapshot; value: unknown; status: string }> {
  return {
    start(first: ChainedEvent) {
      const profile = findProfile(first.profile.id, first.profile.version);
      if (!profile) throw new Error(`profile ${first.profile.id}@${first.profile.version} is unknown to this build`);
      const started = engine.start(
        { decisionId: first.decisionId, profile, payload: first.payload as never, occurredAt: first.occurredAt, actor: first.actor as never },
        first.machine,
      );
      return { snapshot: started.snapshot, value: started.view.stateValue, status: started.view.status };
    },
    apply(state, e) {
      const out = engine.apply(state.snapshot, { type: e.type, payload: e.payload, occurredAt: e.occurredAt, actor: e.actor } as AnyProcedureEvent);
      if (!out.accepted) return { accepted: false, reason: out.reasons.map((r) => r.code).join(', ') };
      return { accepted: true, state: { snapshot: out.snapshot, value: out.view.stateValue, status: out.view.status } };
    },
    stateValue: (s) => s.value,
    status: (s) => s.status,
  };
}
