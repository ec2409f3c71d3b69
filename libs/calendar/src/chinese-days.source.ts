import bundled from 'chinese-days/dist/chinese-days.json';
import type { OfficialYear } from './calendar-data';
import type { HolidaySource } from './holiday-source';
import { parseIsoDate, yearOfDay } from './shanghai-time';
import type { CalendarCoverage } from './working-day-calendar';

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

/** `HolidaySource` backed by the `chinese-days` package data (State Council 国务院办公厅 notices). */
export class ChineseDaysSource implements HolidaySource {
  private readonly holidays: ReadonlySet<string>;
  private readonly workdays: ReadonlySet<string>;
  private readonly years: CalendarCoverage;

  /** Reads the bundled `chinese-days` data unless other data of the same shape is given. */
  constructor(data: ChineseDaysData = bundled as ChineseDaysData) {
    this.holidays = new Set(Object.keys(data.holidays));
    this.workdays = new Set(Object.keys(data.workdays));
    this.years = deriveCoverage(this.holidays);
  }

  isHoliday(date: string): boolean | undefined {
    return this.covers(date) ? this.holidays.has(date) : undefined;
  }

  isMakeUpWorkday(date: string): boolean | undefined {
    return this.covers(date) ? this.workdays.has(date) : undefined;
  }

  coverage(): CalendarCoverage {
    return { ...this.years };
  }

  private covers(date: string): boolean {
    const year = yearOfDay(parseIsoDate(date));
    return year >= this.years.from && year <= this.years.to;
  }
}

/** A year is covered when the data lists at least one holiday in it; the covered years must be contiguous. */
function deriveCoverage(holidays: ReadonlySet<string>): CalendarCoverage {
  const years = new Set([...holidays].map((date) => yearOfDay(parseIsoDate(date))));
  if (years.size === 0) throw new Error('chinese-days data lists no holidays at all');
  const from = Math.min(...years);
  const to = Math.max(...years);
  for (let year = from; year <= to; year++) {
    if (!years.has(year)) throw new Error(`chinese-days data has no holidays for ${year} inside ${from}-${to}`);
  }
  return { from, to };
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
