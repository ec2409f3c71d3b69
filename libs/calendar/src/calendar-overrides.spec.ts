import { CalendarOverride, CalendarOverrideError, parseCalendarOverride, parseCalendarOverrideJson } from './calendar-overrides';
import { createWorkingDayCalendar } from './create-working-day-calendar';
import type { HolidaySource } from './holiday-source';
import { CalendarNotCoveredError } from './working-day-calendar';

const FILE = 'overrides/county-a.json';
const valid = { jurisdiction: 'county-a', holidays: ['2026-05-06'], workdays: ['2026-05-16'] };

function errorOf(fn: () => unknown): CalendarOverrideError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CalendarOverrideError) return err;
    throw err;
  }
  throw new Error('expected a CalendarOverrideError');
}

describe(parseCalendarOverride.name, () => {
  it('accepts the documented shape and defaults coversYears to none', () => {
    expect(parseCalendarOverride(valid, FILE)).toEqual({ ...valid, coversYears: [] });
  });

  it.each([
    ['an unreal date', { ...valid, holidays: ['2026-02-30'] }, '2026-02-30'],
    ['a date in another format', { ...valid, workdays: ['2026/05/16'] }, '2026/05/16'],
    ['a non-string date', { ...valid, holidays: [20260506] }, 20260506],
    ['a date listed as both holiday and workday', { ...valid, workdays: ['2026-05-06'] }, '2026-05-06'],
    ['a duplicated date', { ...valid, holidays: ['2026-05-06', '2026-05-06'] }, '2026-05-06'],
    ['an unknown key', { ...valid, holiday: [] }, 'holiday'],
    ['a missing holidays list', { jurisdiction: 'county-a', workdays: [] }, undefined],
    ['a bad jurisdiction id', { ...valid, jurisdiction: 'County A' }, 'County A'],
    ['a fractional year', { ...valid, coversYears: [2027.5] }, 2027.5],
  ])('rejects %s, naming the file and the value', (_, json, value) => {
    const err = errorOf(() => parseCalendarOverride(json, FILE));
    expect(err.code).toBe('CALENDAR_OVERRIDE_INVALID');
    expect(err.origin).toBe(FILE);
    expect(err.value).toEqual(value);
    expect(err.message).toContain(FILE);
    if (value !== undefined) expect(err.message).toContain(String(value));
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseCalendarOverrideJson('{"jurisdiction":', FILE)).toThrow(/county-a\.json: not valid JSON/);
  });
});

describe(createWorkingDayCalendar.name, () => {
  const national = createWorkingDayCalendar();
  const override: CalendarOverride = parseCalendarOverride(valid, FILE);

  it('applies local holidays and local make-up workdays on top of the national calendar', () => {
    const local = createWorkingDayCalendar(override);
    expect(national.isWorkingDay('2026-05-06')).toBe(true);
    expect(local.isWorkingDay('2026-05-06')).toBe(false);
    expect(national.isWorkingDay('2026-05-16')).toBe(false);
    expect(local.isWorkingDay('2026-05-16')).toBe(true);
    expect(local.isWorkingDay('2026-05-09')).toBe(true); // national make-up Saturday still applies
    expect(local.isWorkingDay('2026-10-01')).toBe(false);
    expect(local.addWorkingDays('2026-05-05T01:00:00Z', 1)).toBe('2026-05-07T01:00:00.000Z');
  });

  it('lets a local workday override a national holiday', () => {
    const onHoliday = createWorkingDayCalendar({ ...override, holidays: [], workdays: ['2026-10-02'] });
    expect(onHoliday.isWorkingDay('2026-10-02')).toBe(true);
  });

  it('defines a coversYears year by weekends plus the listed dates and extends coverage()', () => {
    const year = national.coverage().to + 1;
    expect(() => national.isWorkingDay(`${year}-01-01`)).toThrow(CalendarNotCoveredError);
    const local = createWorkingDayCalendar({
      jurisdiction: 'county-a',
      holidays: [`${year}-01-01`],
      workdays: [],
      coversYears: [year],
    });
    expect(local.coverage()).toEqual({ from: national.coverage().from, to: year });
    expect(local.isWorkingDay(`${year}-01-01`)).toBe(false);
    const expected = (date: string) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
    for (const date of [`${year}-01-02`, `${year}-01-03`, `${year}-01-04`, `${year}-10-01`]) {
      expect(local.isWorkingDay(date)).toBe(expected(date));
    }
    expect(() => local.isWorkingDay(`${year + 1}-01-01`)).toThrow(CalendarNotCoveredError);
  });

  it('makes 2027 work from a source that stops at 2026 (fixed dates)', () => {
    const local = createWorkingDayCalendar(
      { jurisdiction: 'county-a', holidays: ['2027-01-01'], workdays: ['2027-01-09'], coversYears: [2027] },
      stubSource(2026),
    );
    expect(local.isWorkingDay('2027-01-01')).toBe(false); // Friday, listed holiday
    expect(local.isWorkingDay('2027-01-04')).toBe(true); // Monday
    expect(local.isWorkingDay('2027-01-09')).toBe(true); // Saturday, listed workday
    expect(local.isWorkingDay('2027-01-10')).toBe(false); // Sunday
    expect(local.addWorkingDays('2026-12-31T02:00:00Z', 1)).toBe('2027-01-04T02:00:00.000Z');
  });

  it('rejects coversYears that would leave an uncovered gap', () => {
    const year = national.coverage().to + 2;
    expect(() => createWorkingDayCalendar({ ...override, coversYears: [year] })).toThrow(CalendarOverrideError);
  });
});

/** Weekends only, covering 2020..`to`. */
function stubSource(to: number): HolidaySource {
  const covered = (date: string) => Number(date.slice(0, 4)) >= 2020 && Number(date.slice(0, 4)) <= to;
  return {
    isHoliday: (date) => (covered(date) ? false : undefined),
    isMakeUpWorkday: (date) => (covered(date) ? false : undefined),
    coverage: () => ({ from: 2020, to }),
  };
}
