import { createDecisionMachineV2 } from './machine.v2';
import { driveTo, MILESTONES } from '../testing/factories';
import { NATIONAL_V2, STRICT_V2 } from './profiles.v2';

describe(`${createDecisionMachineV2.name} milestones`, () => {
  const cases = [NATIONAL_V2, STRICT_V2].flatMap((profile) =>
    [{}, { confidential: true }, { publicInterest: true }].flatMap((facts) => MILESTONES.map((m) => [profile.id, JSON.stringify(facts), m, profile, facts] as const)),
  );

  it.each(cases)('a %s decision %s is driven lawfully to %s on machine v2', (_id, _facts, milestone, profile, facts) => {
    const h = driveTo(milestone, { machine: 2, profile, facts });
    expect(h.snapshot.machine.version).toBe(2);
    expect(h.context.profile).toEqual(profile);
    const expected = { proposed: 'proposed', drafting: 'drafting', drafted: 'drafting', readyForReview: 'drafting', underReview: 'legalityReview', reviewedLawful: 'drafting', awaitingMeeting: 'collectiveDiscussion', inMeeting: 'collectiveDiscussion', opinionsRecorded: 'collectiveDiscussion', decided: 'decided', reported: 'decided', implementing: 'implementing', postEvaluation: 'implementing', suspended: 'suspended' }[milestone];
    expect(h.status).toBe(expected);
  });
});
