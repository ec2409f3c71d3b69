import { DECISION_MACHINE_ID, DECISION_MACHINE_VERSION } from './decision.machine';
import { describeMachine, type MachineState } from './machine-structure';

const flatten = (s: MachineState): MachineState[] => [s, ...s.states.flatMap(flatten)];

describe(describeMachine.name, () => {
  const structure = describeMachine(DECISION_MACHINE_ID, DECISION_MACHINE_VERSION)!;
  const states = flatten(structure.root);
  const byPath = new Map(states.map((s) => [s.path, s]));

  it('knows only the machine versions this build carries', () => {
    expect(describeMachine(DECISION_MACHINE_ID, 2)?.root.states.map((s) => s.key)).toContain('implementing');
    expect(describeMachine(DECISION_MACHINE_ID, 3)).toBeNull();
    expect(describeMachine('another-machine', DECISION_MACHINE_VERSION)).toBeNull();
  });

  it('nests the consultation steps as parallel regions of drafting', () => {
    expect(byPath.get('drafting')?.type).toBe('parallel');
    expect(byPath.get('drafting')?.states.map((s) => s.key)).toEqual(expect.arrayContaining(['publicParticipation', 'expertArgumentation', 'riskAssessment']));
    expect(byPath.get('drafting.publicParticipation')?.initial).toBe('pending');
  });

  it('names every transition target by a path that exists in the chart', () => {
    const targets = states.flatMap((s) => s.transitions.flatMap((t) => t.targets));
    expect(targets.length).toBeGreaterThan(20);
    for (const target of targets) expect(byPath.has(target)).toBe(true);
  });

  it('labels the guarded gate into collective discussion with its guard and roles', () => {
    const gate = byPath.get('drafting')!.transitions.find((t) => t.event === 'SUBMIT_FOR_COLLECTIVE_DISCUSSION')!;
    expect(gate).toEqual({ event: 'SUBMIT_FOR_COLLECTIVE_DISCUSSION', targets: ['collectiveDiscussion'], guard: 'readyForCollectiveDiscussion', roles: ['drafter', 'secretary'] });
  });

  it('marks the end states final', () => {
    for (const key of ['closed', 'stopped', 'declined', 'notAdopted', 'withdrawn']) expect(byPath.get(key)?.type).toBe('final');
  });
});
