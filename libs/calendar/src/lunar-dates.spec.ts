import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { packageOfficialYears } from './chinese-days.source';
import { lunarDate, lunarNewYear, qingmingDay } from './lunar-dates';
import { formatIsoDate, parseIsoDate, weekdayOf } from './shanghai-time';

const ROOT = join(__dirname, '..', '..', '..');
/** Runs `script` in a node process with the given time zone and parses what it prints. */
const runIn = (TZ: string, script: string, register = false) =>
  JSON.parse(execFileSync(process.execPath, [...(register ? ['-r', '@swc-node/register'] : []), '-e', script], { cwd: ROOT, env: { ...process.env, TZ }, encoding: 'utf8' }));

describe(lunarNewYear.name, () => {
  it("agrees with the package's getLunarDate (run in Shanghai) on 正月初一, 五月初五 and 八月十五 of 1901-2099", () => {
    const ours = [];
    for (let year = 1901; year <= 2099; year++) ours.push([lunarNewYear(year), lunarDate(year, 5, 5), lunarDate(year, 8, 15)].map(formatIsoDate));
    const theirs = runIn(
      'Asia/Shanghai',
      `const { getLunarDate } = require('chinese-days');
       const dates = ${JSON.stringify(ours)};
       console.log(JSON.stringify(dates.map((ds) => ds.map((d) => { const l = getLunarDate(d); return [l.lunarMon, l.lunarDay, l.isLeap]; }))));`,
    );
    expect(theirs).toEqual(ours.map(() => [[1, 1, false], [5, 5, false], [8, 15, false]]));
  });

  it('puts each festival where the official data has a day off (清明, 端午, 中秋 2008-2026; 初一 2004-2026)', () => {
    for (const { year, holidays, workdays } of packageOfficialYears()) {
      const off = (day: number) => holidays.includes(formatIsoDate(day)) || ([0, 6].includes(weekdayOf(day)) && !workdays.includes(formatIsoDate(day)));
      const days = year >= 2008 ? [lunarNewYear(year), qingmingDay(year), lunarDate(year, 5, 5), lunarDate(year, 8, 15)] : [lunarNewYear(year)];
      expect([year, days.filter((d) => !off(d)).map(formatIsoDate)]).toEqual([year, []]);
    }
  });

  it('knows a leap month: 2025 has 闰六月, so 八月十五 is 2025-10-06', () => {
    expect(formatIsoDate(lunarDate(2025, 8, 15))).toBe('2025-10-06');
    expect(formatIsoDate(lunarDate(2023, 5, 5))).toBe('2023-06-22'); // 2023 has 闰二月
  });

  it('rejects years outside the table and days outside the month', () => {
    expect(() => lunarNewYear(1899)).toThrow(RangeError);
    expect(() => lunarNewYear(2101)).toThrow(RangeError);
    expect(() => lunarDate(2027, 13, 1)).toThrow(RangeError);
    expect(() => lunarDate(2027, 1, 31)).toThrow(RangeError);
  });
});

describe(qingmingDay.name, () => {
  it("agrees with the package's getSolarTermDate (run in Shanghai) for 2000-2099", () => {
    const theirs = runIn(
      'Asia/Shanghai',
      `const { getSolarTermDate } = require('chinese-days');
       console.log(JSON.stringify(Array.from({ length: 100 }, (_, i) => getSolarTermDate(2000 + i, 4, 'pure_brightness'))));`,
    );
    expect(Array.from({ length: 100 }, (_, i) => formatIsoDate(qingmingDay(2000 + i)))).toEqual(theirs);
  });

  it('gives the same dates whatever the process time zone (the package alone answers a day early west of UTC)', () => {
    const probe = `const l = require('./libs/calendar/src/lunar-dates.ts');
      console.log(JSON.stringify([2027, 2031, 2044].map((y) => [l.qingmingDay(y), l.lunarNewYear(y), l.lunarDate(y, 8, 15)])));`;
    const shanghai = runIn('Asia/Shanghai', probe, true);
    expect(shanghai[0]).toEqual([parseIsoDate('2027-04-05'), parseIsoDate('2027-02-06'), parseIsoDate('2027-09-15')]);
    for (const TZ of ['America/Los_Angeles', 'Pacific/Kiritimati']) expect([TZ, runIn(TZ, probe, true)]).toEqual([TZ, shanghai]);
  });

  it('rejects years outside 2000-2099', () => {
    expect(() => qingmingDay(1999)).toThrow(RangeError);
    expect(() => qingmingDay(2100)).toThrow(RangeError);
  });
});
