import { buildWorkingDayCalendar, packageOfficialYears } from '@app/calendar';
import type { ProcedureCalendar } from './decision.guards';
import { ProcedureEngine } from './procedure-engine';
import { acceptedEventWarnings, checkReviewTime } from './review-time';
import { addDays, driveTo, type DecisionHarness } from './testing/factories';

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

describe('reviewSubmissionLawful with unpublished holidays', () => {
  const readyAt = (calendar: ProcedureCalendar): DecisionHarness => driveTo('readyForReview', { engine: new ProcedureEngine({ calendar }), start: '2026-12-01T02:00:00.000Z' });
  const submit = (h: DecisionHarness, opinionNeededBy?: string) => h.send('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy }, { at: AT });

  it('refuses REVIEW_TIME_TOO_SHORT only when the date fails even if every unknown day is worked', () => {
    const refused = submit(readyAt(uncertainBy(10)), '2027-02-04T02:00:00.000Z');
    expect(refused.accepted ? [] : refused.reasons).toEqual([{ code: 'REVIEW_TIME_TOO_SHORT', message: expect.stringContaining('2027-02-05') }]);
  });

  it('accepts a date between the bounds, with a REVIEW_TIME_PROVISIONAL warning naming both dates, remembered on the submission and shown on the decision', () => {
    const h = readyAt(uncertainBy(10));
    const outcome = submit(h, '2027-02-10T02:00:00.000Z');
    if (!outcome.accepted) throw new Error(JSON.stringify(outcome.reasons));
    expect(outcome.warnings).toEqual([{ code: 'REVIEW_TIME_PROVISIONAL', message: expect.stringMatching(/最早于 2027-02-05、最晚于 2027-02-15 届满.*2027-02-10/) }]);
    const risk = { owedWorkingDays: 7, opinionNeededBy: '2027-02-10T02:00:00.000Z', earliest: '2027-02-05T02:00:00.000Z', latest: '2027-02-15T02:00:00.000Z' };
    expect(h.context.legalityReview.submission?.reviewTimeRisk).toEqual(risk);
    expect(h.view.steps.legalityReview).toEqual({
      status: 'inProgress',
      submittedAt: AT,
      opinionNeededBy: risk.opinionNeededBy,
      reviewTimeRisk: { ...risk, code: 'REVIEW_TIME_PROVISIONAL', message: outcome.warnings[0].message },
    });
  });

  it('accepts without a warning a date that holds however the unknown days fall, and one with no date at all', () => {
    for (const opinionNeededBy of ['2027-02-15T02:00:00.000Z', undefined]) {
      const h = readyAt(uncertainBy(10));
      const outcome = submit(h, opinionNeededBy);
      expect(outcome).toMatchObject({ accepted: true, warnings: [] });
      expect(h.context.legalityReview.submission).not.toHaveProperty('reviewTimeRisk');
      expect(h.view.steps.legalityReview).not.toHaveProperty('reviewTimeRisk');
    }
  });

  it('accepts, with the risk recorded, where the calendar cannot compute the year at all, and offers the event', () => {
    const h = readyAt(notCovered);
    expect(h.allowed('drafter')).toContain('SUBMIT_FOR_LEGALITY_REVIEW');
    const outcome = submit(h, '2027-03-01T00:00:00.000Z');
    expect(outcome).toMatchObject({ accepted: true, warnings: [{ code: 'REVIEW_TIME_PROVISIONAL', message: expect.stringContaining('无法核对') }] });
  });

  it('warns only on the submission itself', () => {
    const h = readyAt(uncertainBy(10));
    submit(h, '2027-02-10T02:00:00.000Z');
    expect(acceptedEventWarnings({ type: 'ISSUE_LEGALITY_OPINION' }, h.context)).toEqual([]);
  });
});

describe('the issue #12 example, on the real calendar with official data through 2026', () => {
  const calendar = buildWorkingDayCalendar({ official: packageOfficialYears().filter((y) => y.year <= 2026) });
  const engine = new ProcedureEngine({ calendar });

  it('accepts a review submitted on 2026-11-30 with the opinion needed by 2027-03-01, without a warning', () => {
    const h = driveTo('readyForReview', { engine, start: '2026-10-01T02:00:00.000Z' });
    const outcome = h.send('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: '2027-03-01T01:00:00.000Z' }, { at: '2026-11-30T02:00:00.000Z' });
    expect(outcome).toMatchObject({ accepted: true, warnings: [] });
    expect(h.status).toBe('legalityReview');
  });

  // By the law alone: 除夕 (Fri 5 Feb 2027) to 初三 (Mon 8 Feb) are statutory days off. Submitted on Friday
  // 29 January, the 7th working day is Tuesday 9 February at the very best (Sat 30, Sun 31 Jan and 1-4 Feb
  // all worked), and no later than Thursday 18 February (4 Feb and 9-12 Feb given off, 初八 at most).
  it.each([
    ['2027-02-08T02:00:00.000Z', 'refused'],
    ['2027-02-16T02:00:00.000Z', 'accepted with a warning'],
    ['2027-02-22T02:00:00.000Z', 'accepted'],
  ])('around the 2027 Spring Festival, opinionNeededBy %s is %s', (opinionNeededBy, expected) => {
    const h = driveTo('readyForReview', { engine, start: '2026-12-01T02:00:00.000Z' });
    const outcome = h.send('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy }, { at: AT });
    const actual = !outcome.accepted ? 'refused' : outcome.warnings.length ? 'accepted with a warning' : 'accepted';
    expect(actual).toBe(expected);
  });

  it('offers the submission in a year only the rules reach (2031), and draws the line at the earliest bound', () => {
    const h = driveTo('readyForReview', { engine, start: '2031-01-05T02:00:00.000Z' });
    expect(h.allowed('drafter')).toContain('SUBMIT_FOR_LEGALITY_REVIEW');
    const at = addDays(h.now, 1);
    const { earliest } = calendar.addWorkingDays(at, 7);
    const justBefore = new Date(Date.parse(earliest) - 1).toISOString();
    expect(h.fork().send('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: justBefore }, { at })).toMatchObject({ accepted: false });
    expect(h.send('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: earliest }, { at })).toMatchObject({ accepted: true });
  });
});
