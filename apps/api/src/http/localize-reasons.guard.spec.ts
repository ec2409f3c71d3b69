import { RULES } from '@app/procedure';
import { reasonsInEnglish } from './localize-reasons.guard';

describe(reasonsInEnglish.name, () => {
  const decision = {
    id: 'd1',
    blockedEvents: [{ type: 'SUBMIT_FOR_COLLECTIVE_DISCUSSION', reasons: [{ code: 'LEGALITY_REVIEW_REQUIRED', message: RULES.LEGALITY_REVIEW_REQUIRED }] }],
    steps: { legalityReview: { status: 'pending' } },
  };

  it('puts the reasons of blocked events in English, leaving the rest as it was', () => {
    expect(reasonsInEnglish(decision)).toEqual({
      ...decision,
      blockedEvents: [{ type: 'SUBMIT_FOR_COLLECTIVE_DISCUSSION', reasons: [{ code: 'LEGALITY_REVIEW_REQUIRED', message: 'A draft without a lawful legality opinion may not go to collective discussion' }] }],
    });
  });

  it('never changes the value it was given (a remembered projection may be behind it)', () => {
    const before = JSON.stringify(decision);
    reasonsInEnglish(decision);
    expect(JSON.stringify(decision)).toBe(before);
  });

  it('returns the very value when there is nothing to translate', () => {
    const plain = { items: [{ id: 'a', steps: {} }], total: 1 };
    expect(reasonsInEnglish(plain)).toBe(plain);
  });
});
