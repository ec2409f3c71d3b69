import { packageOfficialYears } from './chinese-days.source';
import { formatIsoDate, parseIsoDate, weekdayOf } from './shanghai-time';
import { statutoryFestivals } from './statutory-holidays';

const dates = (year: number) => Object.fromEntries(statutoryFestivals(year).map((f) => [f.name, f.days.map(formatIsoDate)]));

describe(statutoryFestivals.name, () => {
  it('lists the 13 days of the 2024 revision for 2027, with 除夕 and the lunar and solar-term festivals from the almanac', () => {
    // 2027: 除夕 is Friday 5 February (正月初一 Saturday 6 February), 清明 5 April, 端午 9 June, 中秋 15 September
    expect(dates(2027)).toEqual({
      元旦: ['2027-01-01'],
      春节: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
      清明节: ['2027-04-05'],
      劳动节: ['2027-05-01', '2027-05-02'],
      端午节: ['2027-06-09'],
      中秋节: ['2027-09-15'],
      国庆节: ['2027-10-01', '2027-10-02', '2027-10-03'],
    });
  });

  it.each([2025, 2026])('gives off, in the official %i arrangement, every day it computes', (year) => {
    const official = packageOfficialYears().find((y) => y.year === year)!;
    const off = (date: string) => official.holidays.includes(date) || ([0, 6].includes(weekdayOf(parseIsoDate(date))) && !official.workdays.includes(date));
    const days = statutoryFestivals(year).flatMap((f) => f.days.map(formatIsoDate));
    expect(days).toHaveLength(13);
    expect(days.filter((d) => !off(d))).toEqual([]);
  });

  it('merges nothing: 中秋 on a 国庆 day (2028-10-03) is listed under both festivals', () => {
    const festivals = statutoryFestivals(2028);
    expect(festivals.find((f) => f.name === '中秋节')!.days.map(formatIsoDate)).toEqual(['2028-10-03']);
    expect(new Set(festivals.flatMap((f) => f.days)).size).toBe(12);
  });

  it('computes only the years the revision governs and the solar-term formula reaches', () => {
    expect(() => statutoryFestivals(2024)).toThrow(RangeError);
    expect(() => statutoryFestivals(2100)).toThrow(RangeError);
    expect(statutoryFestivals(2099)).toHaveLength(7);
  });
});
