import { buildWorkingDayCalendar } from './build-calendar';
import { packageOfficialYears } from './chinese-days.source';
import { compareWithOfficial } from './estimate-comparison';
import { estimateYear } from './holiday-estimate';
import { formatIsoDate, parseIsoDate, weekdayOf } from './shanghai-time';

// The independent oracle: the official 2025 and 2026 arrangements (State Council notices,
// as chinese-days ships them). Each year is estimated as if its notice did not exist.
const official = packageOfficialYears();
const officialYear = (year: number) => official.find((y) => y.year === year)!;
const truth = buildWorkingDayCalendar({ official: official.filter((y) => y.year <= 2026) });
const pretending = buildWorkingDayCalendar({ official: official.filter((y) => y.year <= 2024) });
const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let day = parseIsoDate(from); day <= parseIsoDate(to); day++) out.push(formatIsoDate(day));
  return out;
};

describe(estimateYear.name, () => {
  it.each([2025, 2026])('never calls a day certain that the %i notice decided otherwise', (year) => {
    const wrong = days(`${year - 1}-12-01`, `${year}-12-31`).filter((date) => {
      const estimated = pretending.dayStatus(date).kind;
      return estimated !== 'uncertain' && estimated !== truth.dayStatus(date).kind;
    });
    expect(wrong).toEqual([]);
  });

  it.each([2025, 2026])('bounds the official n-th working day from every day of %i, for n = 1, 3, 7, 15 and 30', (year) => {
    const outside: string[] = [];
    for (const date of days(`${year - 1}-12-01`, `${year}-12-31`)) {
      for (const n of [1, 3, 7, 15, 30]) {
        const from = `${date}T09:30:00+08:00`;
        const { earliest, latest } = pretending.addWorkingDays(from, n);
        const actual = truth.addWorkingDays(from, n).latest;
        if (actual < earliest || actual > latest) outside.push(`${date}+${n}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('comes this close to 2025: 111 of 117 official days off foreseen as certain, the 6 bridged weekdays and 5 make-up days all left uncertain', () => {
    const comparison = compareWithOfficial(estimateYear(2025), officialYear(2025));
    expect(comparison.daysOff).toEqual({ official: 117, ruleBased: 116, matching: 111 });
    // 补假 for 端午 on Saturday 31 May; 调休 after 春节 (to 初七) and 劳动节, and 国庆节 with 中秋 to 8 October
    expect(comparison.bridged).toEqual(['2025-02-03', '2025-02-04', '2025-05-05', '2025-06-02', '2025-10-07', '2025-10-08'].map((date) => ({ date, foreseen: true })));
    expect(comparison.madeUp).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'].map((date) => ({ date, foreseen: true })));
    expect(comparison.contradicted).toEqual([]);
    expect(comparison.uncertain).toBe(43);
  });

  it('comes this close to 2026: 108 of 117 official days off foreseen as certain, the 9 bridged weekdays and 6 make-up days all left uncertain', () => {
    const comparison = compareWithOfficial(estimateYear(2026), officialYear(2026));
    expect(comparison.daysOff).toEqual({ official: 117, ruleBased: 114, matching: 108 });
    const bridged = ['2026-01-02', '2026-02-20', '2026-02-23', '2026-04-06', '2026-05-04', '2026-05-05', '2026-10-05', '2026-10-06', '2026-10-07'];
    expect(comparison.bridged).toEqual(bridged.map((date) => ({ date, foreseen: true })));
    const madeUp = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];
    expect(comparison.madeUp).toEqual(madeUp.map((date) => ({ date, foreseen: true })));
    expect(comparison.contradicted).toEqual([]);
    expect(comparison.uncertain).toBe(45);
  });

  it('keeps every statutory day certain and leaves uncertain only weekdays that could be bridged or weekends that could be worked near a festival', () => {
    for (const year of [2027, 2030, 2045, 2099]) {
      const { holidays, uncertain } = estimateYear(year);
      expect(holidays.filter((d) => uncertain.includes(d))).toEqual([]);
      const festivalDays = holidays.map(parseIsoDate);
      const far = uncertain.filter((d) => Math.min(...festivalDays.map((f) => Math.abs(f - parseIsoDate(d)))) > 21);
      expect([year, far]).toEqual([year, []]);
    }
  });

  it('gives off a Friday 元旦 with its weekend and nothing else, so an official December before it stays exact', () => {
    expect(estimateYear(2027).uncertain.filter((d) => d < '2027-01-15')).toEqual([]);
  });

  it('opens the December before a Tuesday 元旦 (2030): Monday 31 December may be bridged, Saturday 29th worked', () => {
    const { uncertain } = estimateYear(2030);
    expect(uncertain).toEqual(expect.arrayContaining(['2029-12-29', '2029-12-31']));
    expect(weekdayOf(parseIsoDate('2030-01-01'))).toBe(2);
  });
});
