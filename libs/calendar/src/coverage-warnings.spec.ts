import { buildWorkingDayCalendar } from './build-calendar';
import { packageOfficialYears } from './chinese-days.source';
import { coverageWarnings } from './coverage-warnings';
import { parseHolidayNotice } from './holiday-notice';
import { hypotheticalNotice2027 } from './testing/calendars';

const through2026 = packageOfficialYears().filter((y) => y.year <= 2026);
const calendar = buildWorkingDayCalendar({ official: through2026 });
const years = (now: string, cal = calendar) => coverageWarnings(cal, now).map((w) => w.year);

describe(coverageWarnings.name, () => {
  it('says nothing before 1 November while the current year is official', () => {
    expect(coverageWarnings(calendar, '2026-10-31T15:59:59Z')).toEqual([]); // 23:59:59 on 31 October in Beijing
  });

  it('warns from 1 November (Beijing time) that the next year has no official data', () => {
    const [warning] = coverageWarnings(calendar, '2026-10-31T16:00:00Z');
    expect(warning).toMatchObject({ code: 'CALENDAR_YEAR_ESTIMATED', year: 2027 });
    expect(warning.message).toContain('2027 年的国务院节假日安排尚未录入');
    expect(years('2026-12-31T12:00:00Z')).toEqual([2027]);
  });

  it('warns all year long while the current year is only estimated, and about the next one from November', () => {
    expect(years('2027-06-15T02:00:00Z')).toEqual([2027]);
    expect(coverageWarnings(calendar, '2027-06-15T02:00:00Z')[0].message).toContain('相关期限均为暂定');
    expect(years('2031-11-02T02:00:00Z')).toEqual([2031, 2032]);
  });

  it('stops warning once the notice is uploaded', () => {
    const updated = buildWorkingDayCalendar({ official: through2026, notices: [parseHolidayNotice(hypotheticalNotice2027)] });
    expect(years('2026-11-15T02:00:00Z', updated)).toEqual([]);
    expect(years('2027-11-15T02:00:00Z', updated)).toEqual([2028]);
  });
});
