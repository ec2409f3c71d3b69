import { ROLES } from './actor';
import type { AnyProcedureEvent } from './events';
import { ProcedureEngine, type ApplyOutcome, type LiveSnapshot, type ProcedureSnapshot, type Started } from './procedure-engine';
import { actor, addDays, createCalendar, createEngine, driveTo, roundTrip } from './testing/factories';

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

describe('ProcedureEngine.apply on the live snapshot of the previous step', () => {
  const deepFreeze = <T>(value: T): T => {
    if (value && typeof value === 'object' && !Object.isFrozen(value)) {
      Object.freeze(value);
      for (const v of Object.values(value)) deepFreeze(v);
    }
    return value;
  };
  // A history state's entries are a set (XState enters states in document order whatever their order): a live
  // snapshot lists them in the order they were exited, a restored one in the order they were stored.
  const asSets = (state: any) => ({
    ...state,
    historyValue: Object.fromEntries(Object.entries(state.historyValue ?? {}).map(([k, v]) => [k, (v as { id: string }[]).map((n) => n.id).sort()])),
  });
  const decided = (o: ApplyOutcome) => (o.accepted ? { accepted: true, snapshot: { ...o.snapshot, state: asSets(o.snapshot.state) }, view: o.view } : o);

  it('decides as on the stored snapshot, at every step of a lawful path, and modifies neither', () => {
    const engine = createEngine();
    let previous: LiveSnapshot | undefined;
    let compared = 0;
    const recording: ProcedureEngine = Object.create(engine, {
      start: {
        value: (...args: Parameters<ProcedureEngine['start']>) => {
          const started = engine.start(...args);
          previous = started.live;
          return started;
        },
      },
      apply: {
        value: (persisted: ProcedureSnapshot, event: AnyProcedureEvent) => {
          const stored = engine.apply(persisted, event);
          if (previous) {
            deepFreeze(persisted);
            deepFreeze(previous.current.context);
            deepFreeze(previous.current.value);
            expect(decided(engine.apply(persisted, event, previous))).toEqual(decided(stored));
            compared++;
          }
          if (stored.accepted) previous = stored.live;
          return stored;
        },
      },
    });
    driveTo('postEvaluation', { engine: recording });
    expect(compared).toBeGreaterThan(20);
  });
});

describe('ProcedureEngine: one evaluation per rule and event', () => {
  it('asks the calendar once for a submission that names a date (the machine reads the verdict instead of checking again)', () => {
    const calendar = createCalendar();
    const h = driveTo('readyForReview', { engine: createEngine(calendar) });
    const before = calendar.calls;
    h.must('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: addDays(h.now, 14) });
    expect(calendar.calls - before).toBe(1);
  });

  it('asks the calendar once for a refused submission too', () => {
    const calendar = createCalendar();
    const h = driveTo('readyForReview', { engine: createEngine(calendar) });
    const before = calendar.calls;
    expect(h.refusal('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: addDays(h.now, 2) })).toEqual(['REVIEW_TIME_TOO_SHORT']);
    expect(calendar.calls - before).toBe(1);
  });

  it('does not repeat the host\'s authorisation when told it was done', () => {
    const h = driveTo('drafted');
    const foreign = h.event('REVISE_DRAFT', {}, { by: actor('drafter', '县住房和城乡建设局') });
    expect(h.engine.apply(h.snapshot, foreign).accepted).toBe(false);
    expect(h.engine.apply(h.snapshot, foreign, undefined, { authorized: true }).accepted).toBe(true);
  });
});

describe('ProcedureEngine effects', () => {
  it('tells the host to notify the organ of a serious problem an implementing unit reports, and of nothing else', () => {
    const h = driveTo('implementing');
    const serious = h.engine.apply(h.snapshot, h.event('REPORT_EXECUTION', { progress: '停工', problems: '资金链断裂', serious: true }));
    expect(serious.accepted && serious.effects).toEqual([
      expect.objectContaining({ type: 'NOTIFY_ORGAN', reason: 'SERIOUS_EXECUTION_PROBLEM', decisionId: 'decision-1', problems: '资金链断裂', unit: actor('executor').unit }),
    ]);
    const routine = h.engine.apply(h.snapshot, h.event('REPORT_EXECUTION', { progress: '已完成 40%', problems: '进度偏慢' }));
    expect(routine.accepted && routine.effects).toEqual([]);
  });
});

describe('ProcedureEngine with a unit registry', () => {
  it('applies the host\'s unit comparison to ownership in apply and eventOptions alike', () => {
    const sameUnit = (token: string, recorded: string) => token === recorded || (token === 'dev-reform-bureau' && recorded === '县发展和改革局');
    const registry = new ProcedureEngine({ calendar: createCalendar() }, { sameUnit });
    const h = driveTo('drafted', { engine: registry });
    const byId = actor('drafter', 'dev-reform-bureau');
    expect(h.allowed(byId)).toContain('REVISE_DRAFT');
    expect(h.send('REVISE_DRAFT', {}, { by: byId }).accepted).toBe(true);
    expect(driveTo('drafted').send('REVISE_DRAFT', {}, { by: byId }).accepted).toBe(false);
  });
});
