import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createWorkingDayCalendar } from './build-calendar';
import { packageOfficialYears } from './chinese-days.source';

const years = packageOfficialYears();
const first = years[0].year;
const last = years[years.length - 1].year;

describe(packageOfficialYears.name, () => {
  it('gives one official year for each year the package ships per-year data for', () => {
    const dist = dirname(require.resolve('chinese-days/dist/chinese-days.json'));
    const shipped = readdirSync(join(dist, 'years'))
      .filter((f) => /^\d{4}\.json$/.test(f))
      .map((f) => Number(f.slice(0, 4)));
    expect([first, last]).toEqual([Math.min(...shipped), Math.max(...shipped)]);
    expect(years.map((y) => y.year)).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
    expect(first).toBe(2004);
  });

  it('tells statutory holidays from make-up workdays (2026 Spring Festival), naming the package as source', () => {
    const y2026 = years.find((y) => y.year === 2026)!;
    expect(y2026.holidays).toContain('2026-02-16');
    expect(y2026.workdays).not.toContain('2026-02-16');
    expect(y2026.workdays).toContain('2026-02-14');
    expect(y2026.source).toEqual({ kind: 'package', name: 'chinese-days' });
  });

  it('rejects data with a gap in its years', () => {
    const data = { holidays: { '2020-01-01': 'x', '2022-01-01': 'x' }, workdays: {} };
    expect(() => packageOfficialYears(data)).toThrow(/2021/);
  });

  it("agrees with the package's own isWorkday/getDayDetail on every covered day", () => {
    // The package's functions read the process time zone (wrong dates west of UTC), so they run in Shanghai.
    const script = `
      const { isWorkday, getDayDetail } = require('chinese-days');
      const bad = [], off = [];
      for (let t = Date.UTC(${first}, 0, 1); t < Date.UTC(${last + 1}, 0, 1); t += 864e5) {
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
    // the next, estimated year's 元旦 arrangement may reach back into the last official December
    const openInDecember: string[] = [];
    for (let t = Date.UTC(first, 0, 1); t < Date.UTC(last + 1, 0, 1); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      const status = calendar.dayStatus(date);
      if (status.kind === 'uncertain') openInDecember.push(date);
      else if (status.kind === 'off') ours.push(date);
    }
    expect(bad).toEqual([]);
    expect(openInDecember.filter((d) => d < `${last}-12-20`)).toEqual([]);
    expect(ours).toEqual(off.filter((d: string) => !openInDecember.includes(d)));
  });
});
