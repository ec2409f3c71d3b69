import { buildWorkingDayCalendar, packageOfficialYears, parseHolidayNotice } from '@app/calendar';
// test data of the calendar library: a plausible, HYPOTHETICAL 2027 notice
import { hypotheticalNotice2027 } from '../../calendar/src/testing/calendars';
import { deadlinesOf, owedWorkingDaysLater, recomputeProvisionalDeadlines } from './deadlines';
import type { ProcedureCalendar } from './decision.guards';
import { ProcedureEngine } from './procedure-engine';
import { driveTo } from './testing/factories';

const DAY_MS = 86_400_000;
const plus = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();
/** Every day counts; unpublished holidays may push the n-th day `spread` days later. */
const uncertainBy = (spread: number): ProcedureCalendar => ({
  addWorkingDays: (from, n) => ({ earliest: plus(from, n), latest: plus(from, n + spread), provisional: spread > 0 }),
});
const SUBMITTED = '2027-01-29T02:00:00.000Z';

/** A decision whose review was submitted at SUBMITTED without a requested date: the profile's 15 working days apply. */
function underReview(calendar: ProcedureCalendar) {
  const h = driveTo('readyForReview', { engine: new ProcedureEngine({ calendar }), start: '2026-12-01T02:00:00.000Z' });
  h.must('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: undefined }, { at: SUBMITTED });
  return h;
}

describe(deadlinesOf.name, () => {
  it('dates the review time limit in working days, exactly where the holidays are known', () => {
    const h = underReview(uncertainBy(0));
    expect(deadlinesOf(h.status, h.context, uncertainBy(0), SUBMITTED)).toEqual([
      { key: 'LEGALITY_REVIEW_DUE:r1:s1', kind: 'LEGALITY_REVIEW_DUE', dueAt: plus(SUBMITTED, 15) },
      { key: 'LEGALITY_REVIEW_DUE:r1:s1:reminder', kind: 'LEGALITY_REVIEW_DUE_REMINDER', dueAt: plus(SUBMITTED, 14) },
    ]);
  });

  it("dates the reviewer's time limit at the latest bound, never overdue early, and marks it and its reminder provisional", () => {
    const h = underReview(uncertainBy(4));
    expect(deadlinesOf(h.status, h.context, uncertainBy(4), SUBMITTED)).toEqual([
      { key: 'LEGALITY_REVIEW_DUE:r1:s1', kind: 'LEGALITY_REVIEW_DUE', dueAt: plus(SUBMITTED, 19), provisional: true },
      { key: 'LEGALITY_REVIEW_DUE:r1:s1:reminder', kind: 'LEGALITY_REVIEW_DUE_REMINDER', dueAt: plus(SUBMITTED, 18), provisional: true },
    ]);
  });

  it('fails where the calendar can compute no year at all (the host answers 422 CALENDAR_YEAR_NOT_COVERED)', () => {
    const h = underReview(uncertainBy(0));
    const nothing: ProcedureCalendar = { addWorkingDays: () => { throw Object.assign(new Error('no holiday data for 2100'), { code: 'CALENDAR_YEAR_NOT_COVERED' }); } };
    expect(() => deadlinesOf(h.status, h.context, nothing, SUBMITTED)).toThrow('no holiday data');
  });
});

describe('deadlines on the real calendar with official data through 2026 (issue #12)', () => {
  const calendar = buildWorkingDayCalendar({ official: packageOfficialYears().filter((y) => y.year <= 2026) });
  // 2027's statutory days off by the 2024 revision, from the almanac (除夕 5 Feb, 清明 5 Apr, 端午 9 Jun, 中秋 15 Sep)
  const STATUTORY_2027 = ['01-01', '02-05', '02-06', '02-07', '02-08', '04-05', '05-01', '05-02', '06-09', '09-15', '10-01', '10-02', '10-03'].map((d) => `2027-${d}`);
  const beijingDate = (iso: string) => plus(iso, 8 / 24).slice(0, 10);

  it('never falls due on a statutory 2027 holiday or a weekend, whatever the day of submission', () => {
    const bad: string[] = [];
    for (let from = '2026-12-01T02:00:00.000Z'; from < '2028-01-01'; from = plus(from, 1)) {
      for (const n of [7, 15]) {
        const { dueAt } = owedWorkingDaysLater(calendar, from, n);
        const weekday = new Date(Date.parse(dueAt) + 8 * 3_600_000).getUTCDay();
        if (STATUTORY_2027.includes(beijingDate(dueAt)) || weekday === 0 || weekday === 6) bad.push(`${from}+${n}: ${dueAt}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('counts 7 working days from 2027-01-29 to no earlier than 2027-02-15, provisionally', () => {
    const due = owedWorkingDaysLater(calendar, SUBMITTED, 7);
    expect(due.provisional).toBe(true);
    expect(beijingDate(due.dueAt) >= '2027-02-15').toBe(true);
  });

  it('keeps a date the requester named, not provisional', () => {
    const h = driveTo('readyForReview', { engine: new ProcedureEngine({ calendar }), start: '2026-10-01T02:00:00.000Z' });
    h.must('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: '2027-03-01T01:00:00.000Z' }, { at: '2026-11-30T02:00:00.000Z' });
    expect(deadlinesOf(h.status, h.context, calendar, h.now)[0]).toEqual({ key: 'LEGALITY_REVIEW_DUE:r1:s1', kind: 'LEGALITY_REVIEW_DUE', dueAt: '2027-03-01T01:00:00.000Z' });
  });
});

describe(recomputeProvisionalDeadlines.name, () => {
  const official = packageOfficialYears().filter((y) => y.year <= 2026);
  const estimated = buildWorkingDayCalendar({ official });
  const published = buildWorkingDayCalendar({ official, notices: [parseHolidayNotice(hypotheticalNotice2027)] });

  it('gives the old and the new due date of every open provisional deadline once the notice is in', () => {
    const h = underReview(estimated);
    const open = deadlinesOf(h.status, h.context, estimated, SUBMITTED);
    expect(open.every((d) => d.provisional)).toBe(true);
    const now = '2027-02-01T02:00:00.000Z';
    const changes = recomputeProvisionalDeadlines(open, h.status, h.context, published, now);
    // with the (hypothetical) notice: 1-4 Feb, 15-19 Feb, 20 Feb (make-up Saturday), 22-26 Feb, and Sun 31 Jan before them
    expect(changes).toEqual([
      { key: 'LEGALITY_REVIEW_DUE:r1:s1', kind: 'LEGALITY_REVIEW_DUE', previousDueAt: open[0].dueAt, dueAt: '2027-02-25T02:00:00.000Z', provisional: false },
      { key: 'LEGALITY_REVIEW_DUE:r1:s1:reminder', kind: 'LEGALITY_REVIEW_DUE_REMINDER', previousDueAt: open[1].dueAt, dueAt: '2027-02-24T02:00:00.000Z', provisional: false },
    ]);
    expect(Date.parse(open[0].dueAt)).toBeGreaterThan(Date.parse(changes[0].dueAt!));
  });

  it('lists nothing when the newer calendar changes nothing, and ignores deadlines that were exact', () => {
    const h = underReview(estimated);
    const open = deadlinesOf(h.status, h.context, estimated, SUBMITTED);
    expect(recomputeProvisionalDeadlines(open, h.status, h.context, estimated, SUBMITTED)).toEqual([]);
    const exact = open.map(({ provisional: _, ...d }) => d);
    expect(recomputeProvisionalDeadlines(exact, h.status, h.context, published, SUBMITTED)).toEqual([]);
  });

  it('drops a reminder whose new time has already passed', () => {
    const h = underReview(estimated);
    const open = deadlinesOf(h.status, h.context, estimated, SUBMITTED);
    const changes = recomputeProvisionalDeadlines(open, h.status, h.context, published, '2027-02-24T12:00:00.000Z');
    expect(changes.find((c) => c.kind === 'LEGALITY_REVIEW_DUE_REMINDER')).toMatchObject({ dueAt: null });
  });
});
