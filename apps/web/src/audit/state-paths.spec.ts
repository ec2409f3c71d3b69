import type { TrailEvent } from '../api/types';
import { activePaths, stateInWords, visitsUpTo } from './state-paths';

const e = (seq: number, type: string, stateBefore: unknown, stateAfter: unknown) => ({ seq, type, stateBefore, stateAfter }) as unknown as TrailEvent;
const drafting = (pp: string) => ({ drafting: { publicParticipation: pp, expertArgumentation: 'pending', riskAssessment: 'pending' } });

describe(activePaths.name, () => {
  it('lists every active state of nested and parallel values', () => {
    expect(activePaths('proposed')).toEqual(['proposed']);
    expect(activePaths({ collectiveDiscussion: 'inMeeting' })).toEqual(['collectiveDiscussion', 'collectiveDiscussion.inMeeting']);
    expect(activePaths(drafting('open'))).toContain('drafting.publicParticipation.open');
  });
});

describe(visitsUpTo.name, () => {
  const events = [
    e(1, 'CREATE_DECISION', null, 'proposed'),
    e(2, 'ACCEPT_PROPOSAL', 'proposed', drafting('pending')),
    e(3, 'SUBMIT_FOR_LEGALITY_REVIEW', drafting('pending'), 'legalityReview'),
    e(4, 'RETURN_FOR_MATERIALS', 'legalityReview', drafting('pending')),
    e(5, 'SUBMIT_FOR_LEGALITY_REVIEW', drafting('pending'), 'legalityReview'),
  ];

  it('counts each entry into a state up to the chosen event, and knows where the decision stood then', () => {
    const { visits, current } = visitsUpTo(events, 4);
    expect(visits.get('drafting')).toBe(2);
    expect(visits.get('legalityReview')).toBe(1);
    expect(visits.get('proposed')).toBe(1);
    expect([...current]).toContain('drafting.publicParticipation.pending');
    expect(visitsUpTo(events, 5).current).toEqual(new Set(['legalityReview']));
  });
});

describe(stateInWords.name, () => {
  it('names states in words, never as JSON, the regions in the order of the law', () => {
    expect(stateInWords('legalityReview')).toBe('合法性审查中');
    expect(stateInWords({ collectiveDiscussion: 'inMeeting' })).toBe('集体讨论决定：会议中');
    const text = stateInWords({ drafting: { riskAssessment: 'pending', expertArgumentation: 'pending', publicParticipation: 'open' } });
    expect(text).toBe('起草与论证（公众参与：征求意见中；专家论证：未开始；风险评估：未开始）');
    expect(text).not.toMatch(/[{}"]/);
  });
});
