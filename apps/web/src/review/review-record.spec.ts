import type { TrailEvent } from '../api/types';
import { currentSubmission, reviewOutcomes } from './review-record';

const e = (seq: number, type: string, payload: object, name = '某人') => ({ seq, type, payload, actor: { name }, occurredAt: `2026-11-0${seq}T00:00:00Z` }) as unknown as TrailEvent;

describe(reviewOutcomes.name, () => {
  it('binds each opinion to the hash of the draft current when it was issued', () => {
    const events = [
      e(1, 'REVISE_DRAFT', { contentHash: 'h1' }),
      e(2, 'SUBMIT_FOR_LEGALITY_REVIEW', {}),
      e(3, 'ISSUE_LEGALITY_OPINION', { conclusion: 'REVISE' }, '审查员'),
      e(4, 'REVISE_DRAFT', { contentHash: 'h2' }),
      e(5, 'SUBMIT_FOR_LEGALITY_REVIEW', {}),
      e(6, 'ISSUE_LEGALITY_OPINION', { conclusion: 'LAWFUL' }, '审查员'),
    ];
    expect(reviewOutcomes(events).map((o) => [o.seq, o.conclusion, o.draftHash])).toEqual([[3, 'REVISE', 'h1'], [6, 'LAWFUL', 'h2']]);
  });
});

describe(currentSubmission.name, () => {
  it('is the latest submission, or none before the first', () => {
    expect(currentSubmission([e(1, 'REVISE_DRAFT', {})])).toBeNull();
    const s = currentSubmission([e(2, 'SUBMIT_FOR_LEGALITY_REVIEW', { legalBasis: ['甲'] }), e(5, 'SUBMIT_FOR_LEGALITY_REVIEW', { legalBasis: ['乙'] })]);
    expect(s?.seq).toBe(5);
    expect(s?.legalBasis).toEqual(['乙']);
  });
});
