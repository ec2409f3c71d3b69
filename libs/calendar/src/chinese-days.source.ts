import bundled from 'chinese-days/dist/chinese-days.json';
import type { OfficialYear } from './calendar-data';
import { parseIsoDate, yearOfDay } from './shanghai-time';

/**
 * Shape of `chinese-days/dist/chinese-days.json`, the data file the package
 * publishes (and its own `isWorkday`/`getDayDetail` read): date → "English,中文,days".
 * `holidays` are statutory days off (weekend days included), `workdays` the
 * make-up working days (调休上班). The package's functions silently fall back to
 * plain weekends for years it lacks (and, in 1.5.7, depend on the process time zone:
 * west of UTC they answer for the previous day), so this adapter reads the data
 * directly and derives the covered years from it.
 */
export interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/**
 * The official years of the `chinese-days` data (State Council 国务院办公厅 notices),
 * one entry per year that lists a holiday; those years must be contiguous.
 */
export function packageOfficialYears(data: ChineseDaysData = bundled as ChineseDaysData): OfficialYear[] {
  const byYear = new Map<number, OfficialYear>();
  const entry = (date: string) => {
    const year = yearOfDay(parseIsoDate(date));
    let y = byYear.get(year);
    if (!y) byYear.set(year, (y = { year, holidays: [], workdays: [], source: { kind: 'package', name: 'chinese-days' } }));
    return y;
  };
  for (const date of Object.keys(data.holidays)) entry(date).holidays.push(date);
  for (const date of Object.keys(data.workdays)) entry(date).workdays.push(date);
  const years = [...byYear.values()].filter((y) => y.holidays.length > 0).sort((a, b) => a.year - b.year);
  if (years.length === 0) throw new Error('chinese-days data lists no holidays at all');
  for (let i = 1; i < years.length; i++) {
    if (years[i].year !== years[i - 1].year + 1) {
      throw new Error(`chinese-days data has no holidays for ${years[i - 1].year + 1} inside ${years[0].year}-${years[years.length - 1].year}`);
    }
  }
  for (const y of years) {
    y.holidays.sort();
    y.workdays.sort();
  }
  return years;
}
