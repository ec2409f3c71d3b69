import { ROLES } from './actor';
import type { ApplyOutcome, ProcedureEngine, Started } from './procedure-engine';
import { actor, addDays, createEngine, driveTo, roundTrip } from './testing/factories';

describe('ProcedureEngine.allowedEvents on the live snapshot of start/apply', () => {
  it('answers as on the stored snapshot, for every role, at every step of a lawful path, before and after deadlines', () => {
    const engine = createEngine();
    const outcomes: Started[] = [];
    // The same engine, recording what start and apply computed.
    const recording: ProcedureEngine = Object.create(engine, {
      start: { value: (...args: Parameters<ProcedureEngine['start']>) => record(engine.start(...args)) },
      apply: { value: (...args: Parameters<ProcedureEngine['apply']>) => record(engine.apply(...args)) },
    });
    const record = <T extends Started | ApplyOutcome>(outcome: T): T => {
      if (!('accepted' in outcome) || outcome.accepted) outcomes.push(outcome as Started);
      return outcome;
    };
    const h = driveTo('postEvaluation', { engine: recording });
    expect(outcomes.length).toBeGreaterThan(20);
    for (const o of outcomes) {
      for (const now of [h.now, addDays(h.now, 60)]) {
        for (const role of [...ROLES, 'system' as const]) {
          expect(engine.allowedEvents(o.live, actor(role), now)).toEqual(engine.allowedEvents(roundTrip(o.snapshot), actor(role), now));
        }
      }
    }
  });
});
