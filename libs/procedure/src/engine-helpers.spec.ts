import { sameStateValue, stateKey } from './engine-helpers';

describe(sameStateValue.name, () => {
  const drafting = { drafting: { publicParticipation: 'pending', expertArgumentation: 'inProgress', riskAssessment: 'pending' } };

  it('is true for the same configuration, whatever the key order or the objects', () => {
    expect(sameStateValue('proposed', 'proposed')).toBe(true);
    expect(sameStateValue(drafting, structuredClone(drafting))).toBe(true);
    expect(sameStateValue(drafting, { drafting: { riskAssessment: 'pending', expertArgumentation: 'inProgress', publicParticipation: 'pending' } })).toBe(true);
  });

  it('is false for any other configuration', () => {
    expect(sameStateValue('proposed', 'drafting')).toBe(false);
    expect(sameStateValue('drafting', drafting)).toBe(false);
    expect(sameStateValue(drafting, { drafting: { ...drafting.drafting, riskAssessment: 'completed' } })).toBe(false);
    expect(sameStateValue(drafting, { drafting: { publicParticipation: 'pending', expertArgumentation: 'inProgress' } })).toBe(false);
    expect(sameStateValue({ drafting: { publicParticipation: 'pending', expertArgumentation: 'inProgress' } }, drafting)).toBe(false);
    expect(sameStateValue(drafting, { ...drafting, other: 'x' })).toBe(false);
  });

  it('agrees with stateKey on values written in the same key order', () => {
    const values = ['proposed', drafting, { drafting: { ...drafting.drafting, riskAssessment: 'waived' } }, { collectiveDiscussion: 'awaitingMeeting' }];
    for (const a of values) for (const b of values) expect(sameStateValue(a, b)).toBe(stateKey(a) === stateKey(b));
  });
});
