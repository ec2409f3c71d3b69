import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createWorkingDayCalendar } from './build-calendar';
import { PrecomputedWorkingDayCalendar } from './precomputed-calendar';
import { calendarWithOfficialDataThrough } from './testing/calendars';
import { CalendarNotCoveredError, WorkingDayCalendar } from './working-day-calendar';

const calendar: WorkingDayCalendar = createWorkingDayCalendar();
const isWorking = (date: string) => calendar.dayStatus(date).kind === 'working';
const working = (dates: string[]) => dates.filter(isWorking);
/** The instant n working days later where official data makes it exact. */
const exactly = (from: string, n: number) => {
  const bounds = calendar.addWorkingDays(from, n);
  expect(bounds).toEqual({ earliest: bounds.latest, latest: bounds.latest, provisional: false });
  return bounds.latest;
};
const daysFrom = (start: string, count: number) =>
  Array.from({ length: count }, (_, i) => new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

describe(PrecomputedWorkingDayCalendar.name, () => {
  describe('Spring Festival', () => {
    it('2026: Feb 15-23 are off and Saturdays Feb 14 and Feb 28 are make-up working days', () => {
      expect(working(daysFrom('2026-02-15', 9))).toEqual([]);
      expect(isWorking('2026-02-14')).toBe(true); // Saturday
      expect(isWorking('2026-02-28')).toBe(true); // Saturday
      expect(isWorking('2026-02-13')).toBe(true); // Friday before
      expect(isWorking('2026-02-24')).toBe(true); // Tuesday after
      expect(isWorking('2026-03-01')).toBe(false); // ordinary Sunday
    });

    it('2025: Jan 28-Feb 4 are off and Sunday Jan 26 and Saturday Feb 8 are make-up working days', () => {
      expect(working(daysFrom('2025-01-28', 8))).toEqual([]);
      expect(working(['2025-01-25', '2025-01-26', '2025-02-08', '2025-02-09'])).toEqual(['2025-01-26', '2025-02-08']);
    });
  });

  describe('National Day', () => {
    it('2026: Oct 1-7 are off and Sunday Sep 20 and Saturday Oct 10 are make-up working days', () => {
      expect(working(daysFrom('2026-10-01', 7))).toEqual([]);
      expect(working(['2026-09-19', '2026-09-20', '2026-10-10', '2026-10-11'])).toEqual(['2026-09-20', '2026-10-10']);
      expect(isWorking('2026-10-08')).toBe(true);
    });

    it('2025: Oct 1-8 (with Mid-Autumn) are off and Sunday Sep 28 and Saturday Oct 11 are make-up working days', () => {
      expect(working(daysFrom('2025-10-01', 8))).toEqual([]);
      expect(working(['2025-09-27', '2025-09-28', '2025-10-11', '2025-10-12'])).toEqual(['2025-09-28', '2025-10-11']);
    });
  });

  describe('addWorkingDays', () => {
    it('counts from the day after `from` and skips the National Day week, counting its make-up Saturday', () => {
      // Sep 29, 30, Oct 8, 9, 10 (Sat, make-up), 12, 13
      expect(exactly('2026-09-28T02:00:00.000Z', 7)).toBe('2026-10-13T02:00:00.000Z');
    });

    it('keeps the Shanghai time of day and answers in UTC', () => {
      expect(exactly('2026-09-30T17:45:00+08:00', 1)).toBe('2026-10-08T09:45:00.000Z');
    });

    it('returns `from` itself for n = 0, even on a holiday', () => {
      expect(exactly('2026-10-03T08:00:00+08:00', 0)).toBe('2026-10-03T00:00:00.000Z');
    });

    it('uses the Shanghai date: 23:30 UTC on Sep 30 is already Oct 1 in Shanghai', () => {
      expect(exactly('2026-09-30T23:30:00Z', 1)).toBe('2026-10-07T23:30:00.000Z'); // Oct 8, 07:30 Shanghai
      expect(exactly('2026-09-29T15:59:00Z', 1)).toBe('2026-09-30T15:59:00.000Z'); // Sep 29, 23:59 Shanghai
    });

    it('crosses year boundaries and a statutory holiday on New Year', () => {
      // 2025-12-31 (Wed) +1: Jan 1-3 off, Sun Jan 4 is a make-up working day
      expect(exactly('2025-12-31T01:00:00Z', 1)).toBe('2026-01-04T01:00:00.000Z');
    });

    it.each([-1, 1.5, Number.NaN])('rejects n = %p', (n) => {
      expect(() => exactly('2026-09-28T02:00:00Z', n)).toThrow(RangeError);
    });

    it('rejects an instant without an offset instead of using the process time zone', () => {
      expect(() => exactly('2026-09-28T10:00:00', 1)).toThrow(RangeError);
    });
  });

  describe('workingDaysBetween', () => {
    const between = (from: string, to: string) => {
      const count = calendar.workingDaysBetween(from, to);
      expect(count).toEqual({ fewest: count.most, most: count.most, provisional: false });
      return count.most;
    };

    it('counts working days after the date of `from` up to and including the date of `to`', () => {
      expect(between('2026-09-28T02:00:00Z', '2026-10-13T02:00:00Z')).toBe(7);
      expect(between('2026-09-30T02:00:00Z', '2026-10-08T01:00:00Z')).toBe(1);
      expect(between('2026-10-01T00:00:00Z', '2026-10-07T23:00:00+08:00')).toBe(0);
    });

    it('is 0 on the same Shanghai date and negative when `to` is earlier', () => {
      expect(between('2026-09-28T01:00:00Z', '2026-09-28T12:00:00Z')).toBe(0);
      expect(between('2026-10-13T02:00:00Z', '2026-09-28T02:00:00Z')).toBe(-7);
    });

    it('uses the Shanghai date: 23:30 UTC counts as the next day', () => {
      expect(between('2026-09-28T00:00:00Z', '2026-09-29T23:30:00Z')).toBe(2); // to = Sep 30
      expect(between('2026-09-29T23:30:00Z', '2026-09-30T23:30:00Z')).toBe(0); // Sep 30 → Oct 1
    });

    it('inverts addWorkingDays', () => {
      const from = '2026-02-10T03:00:00Z';
      for (const n of [0, 1, 3, 5, 10, 40]) {
        expect(between(from, exactly(from, n))).toBe(n);
      }
    });
  });

  describe('coverage', () => {
    const { from, to } = calendar.coverage();
    const official = calendar.officialYears();

    it('has official data from 2004 to at least 2026 (the chinese-days data) and estimates every later year to 2099', () => {
      expect([from, to]).toEqual([2004, 2099]);
      expect(official[0]).toBe(2004);
      expect(official[official.length - 1]).toBeGreaterThanOrEqual(2026);
      expect(official).toEqual(Array.from({ length: official.length }, (_, i) => 2004 + i));
    });

    it('throws CalendarNotCoveredError naming the year outside any year it can compute', () => {
      const err = catchError(() => isWorking('2100-06-01'));
      expect(err).toBeInstanceOf(CalendarNotCoveredError);
      expect(err).toMatchObject({ code: 'CALENDAR_YEAR_NOT_COVERED', year: 2100 });
      expect((err as Error).message).toContain('2100');
      expect(() => isWorking('2003-12-31')).toThrow(CalendarNotCoveredError);
      expect(() => calendar.addWorkingDays('2099-12-28T02:00:00Z', 30)).toThrow(expect.objectContaining({ year: 2100 }));
      expect(() => calendar.workingDaysBetween('2099-12-28T02:00:00Z', '2100-01-05T00:00:00Z')).toThrow(CalendarNotCoveredError);
    });
  });

  describe('years estimated from the statutory rules', () => {
    const calendar = calendarWithOfficialDataThrough(2026);

    it('answers with bounds instead of throwing, and marks them provisional', () => {
      const bounds = calendar.addWorkingDays('2027-06-01T02:00:00Z', 30);
      expect(bounds.provisional).toBe(true);
      expect(Date.parse(bounds.earliest)).toBeLessThanOrEqual(Date.parse(bounds.latest));
      const count = calendar.workingDaysBetween('2027-01-01T02:00:00Z', '2027-12-31T02:00:00Z');
      expect(count.provisional).toBe(true);
      expect(count.fewest).toBeLessThan(count.most);
    });

    it('never counts a statutory holiday: 2027-10-01 to 2027-10-03 are off in every arrangement', () => {
      for (const date of ['2027-10-01', '2027-10-02', '2027-10-03']) expect(calendar.dayStatus(date)).toEqual({ kind: 'off', provisional: true });
    });

    it('is exact but provisional away from any festival (a special holiday can still be decreed)', () => {
      // Tuesday 2027-03-09 + 5: the week after, no festival near
      expect(calendar.addWorkingDays('2027-03-09T02:00:00Z', 5)).toEqual({
        earliest: '2027-03-16T02:00:00.000Z',
        latest: '2027-03-16T02:00:00.000Z',
        provisional: true,
      });
    });

    it('keeps the bounds ordered and inverse to workingDaysBetween', () => {
      const from = '2027-04-20T03:00:00Z';
      for (const n of [1, 5, 10, 20]) {
        const { earliest, latest } = calendar.addWorkingDays(from, n);
        expect(calendar.workingDaysBetween(from, earliest).most).toBe(n);
        expect(calendar.workingDaysBetween(from, latest).fewest).toBe(n);
      }
    });
  });
});

describe('time-zone independence', () => {
  it('gives the same answers and the same version whatever the process time zone, estimated years included', () => {
    // jest sandboxes process.env, so each time zone gets its own node process.
    const probe = `
      const c = require('./libs/calendar/src/index.ts').createWorkingDayCalendar();
      console.log(JSON.stringify([
        c.addWorkingDays('2026-09-30T23:30:00Z', 1).latest, c.addWorkingDays('2026-09-28T02:00:00.000Z', 7).latest,
        c.workingDaysBetween('2026-09-28T00:00:00Z', '2026-09-29T23:30:00Z').most, c.dayStatus('2026-10-10').kind,
        c.addWorkingDays('2027-01-29T02:00:00Z', 7), c.version,
      ]));`;
    const cwd = join(__dirname, '..', '..', '..');
    const inShanghai = (TZ: string) => execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', probe], { cwd, env: { ...process.env, TZ }, encoding: 'utf8' }).trim();
    const expected = inShanghai('Asia/Shanghai');
    expect(JSON.parse(expected).slice(0, 4)).toEqual(['2026-10-07T23:30:00.000Z', '2026-10-13T02:00:00.000Z', 2, 'working']);
    for (const TZ of ['America/Los_Angeles', 'Pacific/Kiritimati']) expect([TZ, inShanghai(TZ)]).toEqual([TZ, expected]);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}
