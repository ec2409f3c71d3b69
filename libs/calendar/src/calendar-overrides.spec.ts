import { CalendarOverride, CalendarOverrideError, parseCalendarOverride, parseCalendarOverrideJson } from './calendar-overrides';
import { buildWorkingDayCalendar, createWorkingDayCalendar } from './build-calendar';
import { packageOfficialYears } from './chinese-days.source';
import { calendarWithOfficialDataThrough } from './testing/calendars';
import { CalendarNotCoveredError, type WorkingDayCalendar } from './working-day-calendar';

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
  const kind = (calendar: WorkingDayCalendar, date: string) => calendar.dayStatus(date).kind;

  it('applies local holidays and local make-up workdays on top of the national calendar', () => {
    const local = createWorkingDayCalendar(override);
    expect(kind(national, '2026-05-06')).toBe('working');
    expect(kind(local, '2026-05-06')).toBe('off');
    expect(kind(national, '2026-05-16')).toBe('off');
    expect(kind(local, '2026-05-16')).toBe('working');
    expect(kind(local, '2026-05-09')).toBe('working'); // national make-up Saturday still applies
    expect(kind(local, '2026-10-01')).toBe('off');
    expect(local.addWorkingDays('2026-05-05T01:00:00Z', 1)).toEqual({ earliest: '2026-05-07T01:00:00.000Z', latest: '2026-05-07T01:00:00.000Z', provisional: false });
    expect(local.version).not.toBe(national.version);
  });

  it('lets a local workday override a national holiday', () => {
    const onHoliday = createWorkingDayCalendar({ ...override, holidays: [], workdays: ['2026-10-02'] });
    expect(kind(onHoliday, '2026-10-02')).toBe('working');
  });

  it('makes a coversYears year official: weekends plus the listed dates, exact instead of estimated', () => {
    const estimated = calendarWithOfficialDataThrough(2026);
    const local = buildWorkingDayCalendar({
      official: packageOfficialYears().filter((y) => y.year <= 2026),
      override: { jurisdiction: 'county-a', holidays: ['2027-01-01'], workdays: ['2027-01-09'], coversYears: [2027] },
    });
    expect(estimated.dayStatus('2027-01-04')).toEqual({ kind: 'working', provisional: true });
    expect(local.officialYears()).toContain(2027);
    expect(local.dayStatus('2027-01-01')).toEqual({ kind: 'off', provisional: false }); // Friday, listed holiday
    expect(local.dayStatus('2027-01-04')).toEqual({ kind: 'working', provisional: false }); // Monday
    expect(local.dayStatus('2027-01-09')).toEqual({ kind: 'working', provisional: false }); // Saturday, listed workday
    expect(local.dayStatus('2027-01-10')).toEqual({ kind: 'off', provisional: false }); // Sunday
    // the override's year is taken as it stands: no statutory holiday is added to it
    expect(local.dayStatus('2027-02-08')).toEqual({ kind: 'working', provisional: false });
    expect(local.addWorkingDays('2026-12-31T02:00:00Z', 1)).toEqual({ earliest: '2027-01-04T02:00:00.000Z', latest: '2027-01-04T02:00:00.000Z', provisional: false });
    expect(local.dayStatus('2028-01-03').provisional).toBe(true); // the next year is estimated again
  });

  it('accepts coversYears beyond the next year (estimated years fill the gap), but not a gap before the national data', () => {
    const later = createWorkingDayCalendar({ ...override, coversYears: [2040] });
    expect(later.officialYears()).toContain(2040);
    expect(later.dayStatus('2039-06-01').provisional).toBe(true);
    expect(() => createWorkingDayCalendar({ ...override, coversYears: [2001] })).toThrow(CalendarOverrideError);
    expect(createWorkingDayCalendar({ ...override, coversYears: [2003] }).coverage().from).toBe(2003);
  });

  it('throws CalendarNotCoveredError before the first year with data', () => {
    expect(() => national.dayStatus('2003-06-01')).toThrow(CalendarNotCoveredError);
  });
});
