import type { AnyMachineSnapshot } from 'xstate';
import type { DecisionContext } from './decision-context';
import { DECISION_MACHINE_VERSION } from './decision.machine';
import type { AnyProcedureEvent } from './events';
import { LiveSnapshot, ProcedureEngine } from './procedure-engine';
import { latestProfile } from './profile-registry';
import { NATIONAL_V1 } from './profiles';
import { actor, continueTo, createCalendar, DecisionHarness, driveTo, roundTrip, T0, validPayloads, type PayloadScope } from './testing/factories';
import { DECISION_MACHINE_V2 } from './v2/machine.v2';
import { NATIONAL_V2 } from './v2/profiles.v2';

/*
 * Machine versions side by side: a decision started before the upgrade keeps
 * v1's rules to the end, and a new one runs on v2. (That replay of v1 trails
 * gives the states it gave before the upgrade: v1-golden-trails.spec.ts.)
 */

/** Replay a trail with the engine's replayer: the state value after each event. */
function replayStates(engine: ProcedureEngine, h: DecisionHarness): unknown[] {
  const replay = engine.replayer(h.machine);
  let state: AnyMachineSnapshot = replay.start({
    decisionId: 'decision-1',
    profile: h.profile,
    payload: validPayloads.CREATE_DECISION({} as PayloadScope),
    occurredAt: T0,
    actor: actor('drafter'),
  });
  const values = [state.value];
  for (const event of h.accepted) {
    const out = replay.apply(state, event);
    if (!out.accepted) throw new Error(`replay refused ${event.type}: ${out.reasons.map((r) => r.code)}`);
    state = out.next;
    values.push(state.value);
  }
  return values;
}

describe('machine versions side by side', () => {
  it('starts new decisions on v2 with a v2 profile, and a v1 profile still pins v1', () => {
    const engine = new ProcedureEngine({ calendar: createCalendar() });
    expect(engine.currentMachine).toEqual(DECISION_MACHINE_V2);
    expect(latestProfile('national')).toBe(NATIONAL_V2);
    const input = { decisionId: 'd', payload: validPayloads.CREATE_DECISION({} as PayloadScope), occurredAt: T0, actor: actor('drafter') };
    expect(engine.start({ ...input, profile: NATIONAL_V2 }).snapshot.machine.version).toBe(2);
    expect(engine.start({ ...input, profile: NATIONAL_V1 }).snapshot.machine.version).toBe(DECISION_MACHINE_VERSION);
    expect(() => engine.start({ ...input, profile: NATIONAL_V1 }, DECISION_MACHINE_V2)).toThrow(/belongs to machine v1/);
  });

  it('an in-flight v1 decision finishes under v1 while a new decision beside it runs under v2', () => {
    const engine = new ProcedureEngine({ calendar: createCalendar() });
    // started before the upgrade: its snapshot was stored by the old build (JSON)
    const old = roundTrip(driveTo('reviewedLawful', { engine }).snapshot);
    const v1 = driveTo('reviewedLawful', { engine });
    v1.snapshot = old;
    const v2 = driveTo('reviewedLawful', { engine, machine: 2 });

    // v1 semantics: a meeting of names, no adviser opinions asked, the head after one member
    continueTo(v1, 'reviewedLawful', 'inMeeting');
    v1.must('RECORD_OPINION', { member: '副县长甲', isHead: false, position: 'FOR', text: '同意' });
    expect(v1.send('RECORD_OPINION', { member: '县长', isHead: true, position: 'FOR', text: '同意' }).accepted).toBe(true);
    expect(v1.send('RECORD_DECISION').accepted).toBe(true);
    continueTo(v1, 'decided', 'implementing');
    // v1's adjustment reopens the procedure: the decision leaves execution
    v1.must('START_ADJUSTMENT', {}, { by: actor('head') });
    expect(v1.status).toBe('drafting');
    expect(v1.snapshot.machine.version).toBe(1);

    // v2 semantics for the new decision, on the same engine at the same time
    continueTo(v2, 'reviewedLawful', 'inMeeting');
    v2.must('RECORD_OPINION');
    expect(v2.refusal('RECORD_OPINION', { member: v2.head.name, memberSub: v2.head.sub, isHead: true })).toEqual(['HEAD_MUST_SPEAK_LAST']);
    v2.must('RECORD_OPINION').must('RECORD_OPINION').must('RECORD_OPINION');
    continueTo(v2, 'opinionsRecorded', 'implementing');
    v2.must('START_ADJUSTMENT');
    expect(v2.status).toBe('implementing');
    expect(v2.snapshot.machine.version).toBe(2);
  });

  it('replays a v2 trail to the stored state, and refuses on replay what its rules refuse', () => {
    const engine = new ProcedureEngine({ calendar: createCalendar() });
    const h = driveTo('postEvaluation', { engine, machine: 2 });
    expect(replayStates(engine, h).at(-1)).toEqual(h.stateValue);
    const forged: AnyProcedureEvent = { ...h.accepted[2], actor: actor('drafter', '县住房和城乡建设局') };
    const replay = engine.replayer(h.machine);
    let state = replay.start({ decisionId: 'decision-1', profile: h.profile, payload: validPayloads.CREATE_DECISION({} as PayloadScope), occurredAt: T0, actor: actor('drafter') });
    for (const event of h.accepted.slice(0, 2)) {
      const out = replay.apply(state, event);
      if (out.accepted) state = out.next;
    }
    const refused = replay.apply(state, forged);
    expect(refused.accepted || refused.reasons.map((r) => r.code)).toEqual(['NOT_UNDERTAKING_UNIT']);
    expect((state.context as DecisionContext).draft.version).toBe(1);
  });
});

describe('ProcedureEngine.view', () => {
  it('shows a replayed (live) snapshot with its own version\'s view: a v2 decision with its change round', () => {
    const engine = new ProcedureEngine({ calendar: createCalendar() });
    const h = driveTo('implementing', { engine, machine: 2 }).must('START_ADJUSTMENT');
    const replay = engine.replayer(h.machine);
    let state = replay.start({ decisionId: 'decision-1', profile: h.profile, payload: validPayloads.CREATE_DECISION({} as PayloadScope), occurredAt: T0, actor: actor('drafter') });
    for (const event of h.accepted) {
      const out = replay.apply(state, event);
      if (out.accepted) state = out.next;
    }
    expect(engine.view(new LiveSnapshot(state))).toEqual(h.view);
    expect(engine.view(new LiveSnapshot(state))).toMatchObject({ status: 'implementing', adjustment: { purpose: 'ADJUST', status: 'drafting' } });
  });
});
