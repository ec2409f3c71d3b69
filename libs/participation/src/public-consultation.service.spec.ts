import { commentPeriodOpen } from './public-consultation.service';

const period = { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-04-01T00:00:00+08:00' };
const round = (over: { status?: string; step?: string; comment?: object | null } = {}) => ({
  status: over.status ?? 'drafting',
  draft: { version: 1, hash: 'a'.repeat(64) },
  steps: { publicParticipation: { status: over.step ?? 'open', comment: over.comment === undefined ? period : over.comment } },
});
const decision = (over: Parameters<typeof round>[0] & { confidential?: boolean } = {}) => ({ confidential: over.confidential ?? false, view: { round: 1, ...round(over) } });
/** A v2 decision in execution whose change round consults the public. */
const changing = (over: Parameters<typeof round>[0] = {}) => ({ confidential: false, view: { ...round({ status: 'implementing', step: 'completed' }), round: 1, adjustment: { number: 1, ...round(over) } } });
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
    expect(commentPeriodOpen(decision({ comment: { ...period, closedAt: '2026-03-10T00:00:00+08:00' } }), inside)).toBe(false);
  });

  it('is open on a change round beside execution while that round drafts, and only then', () => {
    const inside = at('2026-03-15T00:00:00+08:00');
    expect(commentPeriodOpen(changing(), inside)).toBe(true);
    expect(commentPeriodOpen(changing({ status: 'legalityReview' }), inside)).toBe(false);
    expect(commentPeriodOpen({ ...changing(), confidential: true }, inside)).toBe(false);
  });
});
