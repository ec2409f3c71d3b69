import { buildWorkingDayCalendar, packageOfficialYears } from '@app/calendar';
import type { ProcedureCalendar } from './decision.guards';
import { ProcedureEngine } from './procedure-engine';
import { checkReviewTime } from './review-time';
import { driveTo, type DecisionHarness } from './testing/factories';

const DAY_MS = 86_400_000;
const plus = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

/**
 * A calendar where every day counts, but the n-th day of a period may fall up to
 * `spread` days later because of holidays not yet published (a fake with known bounds).
 */
const uncertainBy = (spread: number): ProcedureCalendar => ({
  addWorkingDays: (from, n) => ({ earliest: plus(from, n), latest: plus(from, n + spread), provisional: spread > 0 }),
});
const notCovered: ProcedureCalendar = {
  addWorkingDays: () => {
    throw Object.assign(new Error('no year'), { code: 'CALENDAR_YEAR_NOT_COVERED' });
  },
};

const AT = '2027-01-29T02:00:00.000Z';

describe(checkReviewTime.name, () => {
  const calendar = uncertainBy(10); // 7 working days: between Feb 5 and Feb 15
  it.each([
    ['2027-02-15T02:00:00.000Z', 'sufficient'],
    ['2027-02-20T00:00:00.000Z', 'sufficient'],
    ['2027-02-05T02:00:00.000Z', 'provisional'],
    ['2027-02-15T01:59:59.000Z', 'provisional'],
    ['2027-02-05T01:59:59.000Z', 'tooShort'],
  ])('judges opinionNeededBy %s as %s', (needed, verdict) => {
    expect(checkReviewTime(calendar, AT, needed, 7).verdict).toBe(verdict);
  });

  it('is exact without unknown days: nothing between enough and too short', () => {
    expect(checkReviewTime(uncertainBy(0), AT, '2027-02-05T02:00:00.000Z', 7)).toEqual({ verdict: 'sufficient' });
    expect(checkReviewTime(uncertainBy(0), AT, '2027-02-05T01:00:00.000Z', 7)).toEqual({ verdict: 'tooShort', earliest: '2027-02-05T02:00:00.000Z' });
  });

  it('never throws for a year the calendar cannot compute: the risk is recorded without bounds', () => {
    expect(checkReviewTime(notCovered, AT, '2027-03-01T00:00:00.000Z', 7)).toEqual({
      verdict: 'provisional',
      risk: { owedWorkingDays: 7, opinionNeededBy: '2027-03-01T00:00:00.000Z', earliest: null, latest: null },
    });
    const broken: ProcedureCalendar = { addWorkingDays: () => { throw new Error('bug'); } };
    expect(() => checkReviewTime(broken, AT, '2027-03-01T00:00:00.000Z', 7)).toThrow('bug');
  });
});

describe('reviewSubmissionLawful against the bounds', () => {
  const readyAt = (calendar: ProcedureCalendar): DecisionHarness => driveTo('readyForReview', { engine: new ProcedureEngine({ calendar }), start: '2026-12-01T02:00:00.000Z' });
  const submit = (h: DecisionHarness, opinionNeededBy?: string) => h.send('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy }, { at: AT });

  it('refuses REVIEW_TIME_TOO_SHORT only when the date fails even if every unknown day is worked', () => {
    const refused = submit(readyAt(uncertainBy(10)), '2027-02-04T02:00:00.000Z');
    expect(refused.accepted ? [] : refused.reasons).toEqual([{ code: 'REVIEW_TIME_TOO_SHORT', message: expect.stringContaining('2027-02-05') }]);
    expect(submit(readyAt(uncertainBy(10)), '2027-02-10T02:00:00.000Z').accepted).toBe(true);
  });

  it('accepts where the calendar cannot compute the year at all, and offers the event', () => {
    const h = readyAt(notCovered);
    expect(h.allowed('drafter')).toContain('SUBMIT_FOR_LEGALITY_REVIEW');
    expect(submit(h, '2027-03-01T00:00:00.000Z').accepted).toBe(true);
  });
});

describe('the issue #12 example, on the real calendar with official data through 2026', () => {
  const calendar = buildWorkingDayCalendar({ official: packageOfficialYears().filter((y) => y.year <= 2026) });
  const engine = new ProcedureEngine({ calendar });

  it('accepts a review submitted on 2026-11-30 with the opinion needed by 2027-03-01', () => {
    const h = driveTo('readyForReview', { engine, start: '2026-10-01T02:00:00.000Z' });
    const outcome = h.send('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: '2027-03-01T01:00:00.000Z' }, { at: '2026-11-30T02:00:00.000Z' });
    expect(outcome.accepted).toBe(true);
    expect(h.status).toBe('legalityReview');
  });
});
