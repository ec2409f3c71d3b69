import { openConsultationOf, reportScopeOf } from './consultation-scope';

const current = { version: 3, hash: 'c'.repeat(64) };
const v1Period = { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-04-01T00:00:00+08:00' };
const v2Period = { ...v1Period, draftVersion: 2, draftHash: 'b'.repeat(64), explanation: '说明', number: 2 };
const view = (comment: object, over: object = {}) =>
  ({ status: 'drafting', round: 1, undertakingUnit: 'agri-bureau', draft: current, steps: { publicParticipation: { status: 'open', comment } }, ...over }) as never;

describe(openConsultationOf.name, () => {
  it('shows a v2 period with the draft it was opened on, never the current one, keyed by its number', () => {
    expect(openConsultationOf(view(v2Period))).toEqual({ scope: { round: 1, change: null, period: 2 }, period: v2Period, draft: { version: 2, hash: 'b'.repeat(64) } });
  });

  it('shows a v1 period with the current draft, unnumbered', () => {
    expect(openConsultationOf(view(v1Period))).toEqual({ scope: { round: 1, change: null, period: null }, period: v1Period, draft: current });
  });

  it('finds the period of a change round drafting beside execution, keyed by the round', () => {
    const round = { number: 4, status: 'drafting', draft: current, steps: { publicParticipation: { status: 'open', comment: v2Period } } };
    const implementing = view(v1Period, { status: 'implementing', round: 2, steps: { publicParticipation: { status: 'completed' } }, adjustment: round });
    expect(openConsultationOf(implementing)?.scope).toEqual({ round: 2, change: 4, period: 2 });
    expect(reportScopeOf(implementing)).toEqual({ round: 2, change: 4 });
  });

  it('finds none outside drafting or when the step is not open', () => {
    expect(openConsultationOf(view(v2Period, { status: 'legalityReview' }))).toBeNull();
    expect(openConsultationOf(view(v2Period, { steps: { publicParticipation: { status: 'closed', comment: v2Period } } }))).toBeNull();
    expect(reportScopeOf(view(v2Period))).toEqual({ round: 1, change: null });
  });
});
