import { commentPeriodOpen } from './public-consultation.service';

const decision = (over: { status?: string; confidential?: boolean; step?: string; comment?: object | null } = {}) => ({
  status: over.status ?? 'drafting',
  confidential: over.confidential ?? false,
  view: {
    steps: {
      publicParticipation: {
        status: over.step ?? 'open',
        comment: over.comment === undefined ? { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-04-01T00:00:00+08:00' } : over.comment,
      },
    },
  },
});
const at = (iso: string) => new Date(iso);

describe(commentPeriodOpen.name, () => {
  it('is open from startsAt (inclusive) to endsAt (exclusive)', () => {
    expect(commentPeriodOpen(decision(), at('2026-03-01T00:00:00+08:00'))).toBe(true);
    expect(commentPeriodOpen(decision(), at('2026-03-31T23:59:59+08:00'))).toBe(true);
    expect(commentPeriodOpen(decision(), at('2026-04-01T00:00:00+08:00'))).toBe(false);
    expect(commentPeriodOpen(decision(), at('2026-02-28T23:59:59+08:00'))).toBe(false);
  });

  it('is closed for confidential decisions, outside drafting, and once the step is closed', () => {
    const inside = at('2026-03-15T00:00:00+08:00');
    expect(commentPeriodOpen(decision({ confidential: true }), inside)).toBe(false);
    expect(commentPeriodOpen(decision({ status: 'legalityReview' }), inside)).toBe(false);
    expect(commentPeriodOpen(decision({ step: 'closed' }), inside)).toBe(false);
    expect(commentPeriodOpen(decision({ step: 'pending', comment: null }), inside)).toBe(false);
  });
});
