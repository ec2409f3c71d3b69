import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ChineseDaysSource } from './chinese-days.source';
import { createWorkingDayCalendar } from './create-working-day-calendar';

const source = new ChineseDaysSource();

describe(ChineseDaysSource.name, () => {
  it('covers exactly the years the package ships per-year data for', () => {
    const dist = dirname(require.resolve('chinese-days/dist/chinese-days.json'));
    const years = readdirSync(join(dist, 'years'))
      .filter((f) => /^\d{4}\.json$/.test(f))
      .map((f) => Number(f.slice(0, 4)));
    expect(source.coverage()).toEqual({ from: Math.min(...years), to: Math.max(...years) });
    expect(source.coverage().from).toBe(2004);
  });

  it('tells statutory holidays from make-up workdays (2026 Spring Festival)', () => {
    expect(source.isHoliday('2026-02-16')).toBe(true);
    expect(source.isMakeUpWorkday('2026-02-16')).toBe(false);
    expect(source.isHoliday('2026-02-14')).toBe(false);
    expect(source.isMakeUpWorkday('2026-02-14')).toBe(true);
  });

  it('answers undefined, not false, outside the covered years', () => {
    const { from, to } = source.coverage();
    expect(source.isHoliday(`${to + 1}-10-01`)).toBeUndefined();
    expect(source.isMakeUpWorkday(`${from - 1}-12-31`)).toBeUndefined();
  });

  it('rejects data with a gap in its years', () => {
    const data = { holidays: { '2020-01-01': 'x', '2022-01-01': 'x' }, workdays: {} };
    expect(() => new ChineseDaysSource(data)).toThrow(/2021/);
  });

  it("agrees with the package's own isWorkday/getDayDetail on every covered day", () => {
    // The package's functions read the process time zone (wrong dates west of UTC), so they run in Shanghai.
    const { from, to } = source.coverage();
    const script = `
      const { isWorkday, getDayDetail } = require('chinese-days');
      const bad = [], off = [];
      for (let t = Date.UTC(${from}, 0, 1); t < Date.UTC(${to + 1}, 0, 1); t += 864e5) {
        const date = new Date(t).toISOString().slice(0, 10);
        const work = isWorkday(date);
        if (getDayDetail(date).date !== date || getDayDetail(date).work !== work) bad.push(date);
        if (!work) off.push(date);
      }
      console.log(JSON.stringify({ bad, off }));`;
    const env = { ...process.env, TZ: 'Asia/Shanghai' };
    const { bad, off } = JSON.parse(execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' }));
    const calendar = createWorkingDayCalendar();
    const ours: string[] = [];
    for (let t = Date.UTC(from, 0, 1); t < Date.UTC(to + 1, 0, 1); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      if (!calendar.isWorkingDay(date)) ours.push(date);
    }
    expect(bad).toEqual([]);
    expect(ours).toEqual(off);
  });
});
