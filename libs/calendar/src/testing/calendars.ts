import { buildWorkingDayCalendar } from '../build-calendar';
import { packageOfficialYears } from '../chinese-days.source';
import type { WorkingDayCalendar } from '../working-day-calendar';

/**
 * The national calendar as if the package's data ended with `lastYear`: tests of
 * estimated years stay valid when a newer chinese-days brings those years' notices.
 */
export function calendarWithOfficialDataThrough(lastYear: number): WorkingDayCalendar {
  return buildWorkingDayCalendar({ official: packageOfficialYears().filter((y) => y.year <= lastYear) });
}

/**
 * An upload for 2027 as the State Council might publish it under its stated principles:
 * HYPOTHETICAL test data, not the real notice (which did not exist when this was written).
 */
export const hypotheticalNotice2027 = {
  year: 2027,
  holidays: [
    ...['01-01', '01-02', '01-03'], // 元旦, Friday to Sunday
    ...['02-05', '02-06', '02-07', '02-08', '02-09', '02-10', '02-11', '02-12'], // 春节, 8 days from 除夕
    ...['04-03', '04-04', '04-05'], // 清明节, Monday with the weekend before
    ...['05-01', '05-02', '05-03', '05-04', '05-05'], // 劳动节, 5 days
    '06-09', // 端午节, a Wednesday: that day only
    '09-15', // 中秋节, a Wednesday: that day only
    ...['10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07'], // 国庆节, 7 days
  ].map((d) => `2027-${d}`),
  workdays: ['2027-01-31', '2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09'],
  notice: { title: '（测试用虚构数据）国务院办公厅关于2027年部分节假日安排的通知' },
};
