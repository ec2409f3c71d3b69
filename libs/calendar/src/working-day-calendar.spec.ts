import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createWorkingDayCalendar } from './create-working-day-calendar';
import { PrecomputedWorkingDayCalendar } from './precomputed-calendar';
import { CalendarNotCoveredError, WorkingDayCalendar } from './working-day-calendar';

const calendar: WorkingDayCalendar = createWorkingDayCalendar();
const working = (dates: string[]) => dates.filter((d) => calendar.isWorkingDay(d));
const daysFrom = (start: string, count: number) =>
  Array.from({ length: count }, (_, i) => new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

describe(PrecomputedWorkingDayCalendar.name, () => {
  describe('Spring Festival', () => {
    it('2026: Feb 15-23 are off and Saturdays Feb 14 and Feb 28 are make-up working days', () => {
      expect(working(daysFrom('2026-02-15', 9))).toEqual([]);
      expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // Saturday
      expect(calendar.isWorkingDay('2026-02-28')).toBe(true); // Saturday
      expect(calendar.isWorkingDay('2026-02-13')).toBe(true); // Friday before
      expect(calendar.isWorkingDay('2026-02-24')).toBe(true); // Tuesday after
      expect(calendar.isWorkingDay('2026-03-01')).toBe(false); // ordinary Sunday
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
      expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    });

    it('2025: Oct 1-8 (with Mid-Autumn) are off and Sunday Sep 28 and Saturday Oct 11 are make-up working days', () => {
      expect(working(daysFrom('2025-10-01', 8))).toEqual([]);
      expect(working(['2025-09-27', '2025-09-28', '2025-10-11', '2025-10-12'])).toEqual(['2025-09-28', '2025-10-11']);
    });
  });

  describe('addWorkingDays', () => {
    it('counts from the day after `from` and skips the National Day week, counting its make-up Saturday', () => {
      // Sep 29, 30, Oct 8, 9, 10 (Sat, make-up), 12, 13
      expect(calendar.addWorkingDays('2026-09-28T02:00:00.000Z', 7)).toBe('2026-10-13T02:00:00.000Z');
    });

    it('keeps the Shanghai time of day and answers in UTC', () => {
      expect(calendar.addWorkingDays('2026-09-30T17:45:00+08:00', 1)).toBe('2026-10-08T09:45:00.000Z');
    });

    it('returns `from` itself for n = 0, even on a holiday', () => {
      expect(calendar.addWorkingDays('2026-10-03T08:00:00+08:00', 0)).toBe('2026-10-03T00:00:00.000Z');
    });

    it('uses the Shanghai date: 23:30 UTC on Sep 30 is already Oct 1 in Shanghai', () => {
      expect(calendar.addWorkingDays('2026-09-30T23:30:00Z', 1)).toBe('2026-10-07T23:30:00.000Z'); // Oct 8, 07:30 Shanghai
      expect(calendar.addWorkingDays('2026-09-29T15:59:00Z', 1)).toBe('2026-09-30T15:59:00.000Z'); // Sep 29, 23:59 Shanghai
    });

    it('crosses year boundaries and a statutory holiday on New Year', () => {
      // 2025-12-31 (Wed) +1: Jan 1-3 off, Sun Jan 4 is a make-up working day
      expect(calendar.addWorkingDays('2025-12-31T01:00:00Z', 1)).toBe('2026-01-04T01:00:00.000Z');
    });

    it.each([-1, 1.5, Number.NaN])('rejects n = %p', (n) => {
      expect(() => calendar.addWorkingDays('2026-09-28T02:00:00Z', n)).toThrow(RangeError);
    });

    it('rejects an instant without an offset instead of using the process time zone', () => {
      expect(() => calendar.addWorkingDays('2026-09-28T10:00:00', 1)).toThrow(RangeError);
    });
  });

  describe('workingDaysBetween', () => {
    it('counts working days after the date of `from` up to and including the date of `to`', () => {
      expect(calendar.workingDaysBetween('2026-09-28T02:00:00Z', '2026-10-13T02:00:00Z')).toBe(7);
      expect(calendar.workingDaysBetween('2026-09-30T02:00:00Z', '2026-10-08T01:00:00Z')).toBe(1);
      expect(calendar.workingDaysBetween('2026-10-01T00:00:00Z', '2026-10-07T23:00:00+08:00')).toBe(0);
    });

    it('is 0 on the same Shanghai date and negative when `to` is earlier', () => {
      expect(calendar.workingDaysBetween('2026-09-28T01:00:00Z', '2026-09-28T12:00:00Z')).toBe(0);
      expect(calendar.workingDaysBetween('2026-10-13T02:00:00Z', '2026-09-28T02:00:00Z')).toBe(-7);
    });

    it('uses the Shanghai date: 23:30 UTC counts as the next day', () => {
      expect(calendar.workingDaysBetween('2026-09-28T00:00:00Z', '2026-09-29T23:30:00Z')).toBe(2); // to = Sep 30
      expect(calendar.workingDaysBetween('2026-09-29T23:30:00Z', '2026-09-30T23:30:00Z')).toBe(0); // Sep 30 → Oct 1
    });

    it('inverts addWorkingDays', () => {
      const from = '2026-02-10T03:00:00Z';
      for (const n of [0, 1, 3, 5, 10, 40]) {
        expect(calendar.workingDaysBetween(from, calendar.addWorkingDays(from, n))).toBe(n);
      }
    });
  });

  describe('coverage', () => {
    const { from, to } = calendar.coverage();

    it('starts in 2004 and reaches at least 2026, as derived from the chinese-days data', () => {
      expect(from).toBe(2004);
      expect(to).toBeGreaterThanOrEqual(2026);
    });

    it('throws CalendarNotCoveredError naming the year instead of guessing weekends', () => {
      const year = to + 1;
      const err = catchError(() => calendar.isWorkingDay(`${year}-06-01`));
      expect(err).toBeInstanceOf(CalendarNotCoveredError);
      expect(err).toMatchObject({ code: 'CALENDAR_YEAR_NOT_COVERED', year });
      expect((err as Error).message).toContain(String(year));
      expect(() => calendar.isWorkingDay(`${from - 1}-12-31`)).toThrow(CalendarNotCoveredError);
    });

    it('throws when addWorkingDays or workingDaysBetween would count a day in an uncovered year', () => {
      const lastDay = `${to}-12-28T02:00:00Z`;
      expect(() => calendar.addWorkingDays(lastDay, 30)).toThrow(expect.objectContaining({ year: to + 1 }));
      expect(() => calendar.workingDaysBetween(lastDay, `${to + 1}-01-05T00:00:00Z`)).toThrow(CalendarNotCoveredError);
    });
  });
});

describe('time-zone independence', () => {
  it('gives the same answers whatever the process time zone', () => {
    // jest sandboxes process.env, so each time zone gets its own node process.
    const probe = `
      const c = require('./libs/calendar/src/index.ts').createWorkingDayCalendar();
      console.log(JSON.stringify([
        c.addWorkingDays('2026-09-30T23:30:00Z', 1), c.addWorkingDays('2026-09-28T02:00:00.000Z', 7),
        c.workingDaysBetween('2026-09-28T00:00:00Z', '2026-09-29T23:30:00Z'), c.isWorkingDay('2026-10-10'),
      ]));`;
    const cwd = join(__dirname, '..', '..', '..');
    const expected = JSON.stringify(['2026-10-07T23:30:00.000Z', '2026-10-13T02:00:00.000Z', 2, true]);
    for (const TZ of ['America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
      const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', probe], {
        cwd,
        env: { ...process.env, TZ },
        encoding: 'utf8',
      });
      expect([TZ, out.trim()]).toEqual([TZ, expected]);
    }
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
