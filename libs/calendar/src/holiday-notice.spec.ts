import { buildWorkingDayCalendar } from './build-calendar';
import { CalendarDataError } from './calendar-data';
import { packageOfficialYears } from './chinese-days.source';
import { HolidayNoticeError, parseHolidayNotice } from './holiday-notice';
import { hypotheticalNotice2027 } from './testing/calendars';

const valid = hypotheticalNotice2027;
const issuesOf = (json: unknown) => {
  try {
    parseHolidayNotice(json);
  } catch (err) {
    if (err instanceof HolidayNoticeError) return err.issues;
    throw err;
  }
  throw new Error('expected a HolidayNoticeError');
};

describe(parseHolidayNotice.name, () => {
  it('accepts the documented shape, sorting the dates and trimming the reference', () => {
    const notice = parseHolidayNotice({
      ...valid,
      holidays: [...valid.holidays].reverse(),
      notice: { title: ' 通知 ', documentNumber: '国办发明电〔2026〕1号', publishedAt: '2026-11-12', url: 'https://www.gov.cn/x' },
    });
    expect(notice.holidays).toEqual([...valid.holidays].sort());
    expect(notice.workdays).toEqual(valid.workdays);
    expect(notice.notice).toEqual({ title: '通知', documentNumber: '国办发明电〔2026〕1号', publishedAt: '2026-11-12', url: 'https://www.gov.cn/x' });
  });

  it('accepts a 元旦 arrangement that begins in the December before (as the 2019 notice did)', () => {
    const notice = parseHolidayNotice({ ...valid, holidays: ['2026-12-31', ...valid.holidays] });
    expect(notice.holidays[0]).toBe('2026-12-31');
  });

  it.each([
    ['an unknown field', { ...valid, extra: 1 }, 'extra', '未知字段'],
    ['a year that is not a year', { ...valid, year: '2027' }, 'year', '年份'],
    ['an unreal date', { ...valid, holidays: [...valid.holidays, '2027-02-30'] }, 'holidays[28]', '2027-02-30'],
    ['a date outside the year', { ...valid, workdays: ['2028-01-02'] }, 'workdays[0]', '不在 2027 年'],
    ['a duplicated date', { ...valid, workdays: ['2027-01-31', '2027-01-31'] }, 'workdays[1]', '重复'],
    ['a make-up day on a weekday', { ...valid, workdays: ['2027-02-15'] }, 'workdays', '不是星期六或星期日'],
    ['a day both off and worked', { ...valid, workdays: ['2027-02-06'] }, 'workdays', '同时列为'],
    ['a missing statutory day', { ...valid, holidays: valid.holidays.filter((d) => d !== '2027-02-08') }, 'holidays', '缺少春节的法定假日 2027-02-08'],
    ['no holidays at all', { ...valid, holidays: [] }, 'holidays', '不能为空'],
    ['a missing title', { ...valid, notice: { url: 'https://www.gov.cn/x' } }, 'notice.title', '非空文本'],
    ['an unknown reference field', { ...valid, notice: { title: 't', by: 'me' } }, 'notice.by', '未知字段'],
    ['a bad url', { ...valid, notice: { title: 't', url: 'gov.cn' } }, 'notice.url', '网址'],
    ['a bad publication date', { ...valid, notice: { title: 't', publishedAt: '2026-11-31' } }, 'notice.publishedAt', 'YYYY-MM-DD'],
  ])('rejects %s, naming the field in Chinese', (_, json, field, text) => {
    const issues = issuesOf(json);
    expect(issues).toContainEqual({ field, message: expect.stringContaining(text) });
  });

  it('lists every problem at once, with code CALENDAR_NOTICE_INVALID', () => {
    let error: HolidayNoticeError | undefined;
    try {
      parseHolidayNotice({ year: 2027, holidays: ['x'], workdays: 'none', notice: null });
    } catch (err) {
      error = err as HolidayNoticeError;
    }
    expect(error?.code).toBe('CALENDAR_NOTICE_INVALID');
    expect(error?.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['holidays[0]', 'workdays', 'notice']));
    expect(error?.message).toMatch(/^放假安排不符合要求：/);
    expect(issuesOf('text')).toEqual([{ field: '（根）', message: '应为 JSON 对象' }]);
  });
});

describe('merging uploaded notices', () => {
  const through2026 = packageOfficialYears().filter((y) => y.year <= 2026);

  it('makes the uploaded year official and exact, recorded with its notice', () => {
    const calendar = buildWorkingDayCalendar({ official: through2026, notices: [parseHolidayNotice(valid)] });
    expect(calendar.officialYears()).toContain(2027);
    expect(calendar.addWorkingDays('2027-01-29T02:00:00Z', 7)).toEqual({ earliest: '2027-02-16T02:00:00.000Z', latest: '2027-02-16T02:00:00.000Z', provisional: false });
    expect(calendar.dayStatus('2027-01-31')).toEqual({ kind: 'working', provisional: false });
    expect(calendar.data().official.find((y) => y.year === 2027)?.source).toEqual({ kind: 'notice', notice: { title: valid.notice.title } });
    expect(calendar.dayStatus('2028-01-03').provisional).toBe(true);
  });

  it("replaces the package's data for the same year", () => {
    const corrected = { year: 2026, holidays: packageOfficialYears().find((y) => y.year === 2026)!.holidays.concat('2026-12-31'), workdays: [], notice: { title: '更正' } };
    const calendar = buildWorkingDayCalendar({ official: through2026, notices: [parseHolidayNotice(corrected)] });
    expect(calendar.dayStatus('2026-12-31').kind).toBe('off');
    expect(calendar.dayStatus('2026-02-14').kind).toBe('off'); // no longer a make-up day: the upload lists none
  });

  it('refuses two notices for one year', () => {
    const notice = parseHolidayNotice(valid);
    expect(() => buildWorkingDayCalendar({ official: through2026, notices: [notice, notice] })).toThrow(CalendarDataError);
  });
});
