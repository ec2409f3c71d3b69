import { CalendarData, CalendarDataError } from './calendar-data';
import { firstDayOfYear, parseIsoDate, weekdayOf } from './shanghai-time';
import type { CalendarCoverage } from './working-day-calendar';

/** One byte per day: what is known of it and from where. */
export const DAY_CODE = {
  /** in no year the calendar can answer for */
  UNKNOWN: 0,
  WORKING: 1,
  OFF: 2,
  /** from the statutory rules (a year without official data) */
  WORKING_ESTIMATED: 3,
  OFF_ESTIMATED: 4,
  /** a day the missing notice may make either */
  UNCERTAIN: 5,
} as const;

export interface DayTable {
  /** epoch day of `codes[0]` (1 January of `years.from`) */
  firstDay: number;
  codes: Uint8Array;
  years: CalendarCoverage;
  officialYears: number[];
}

/**
 * Classifies every day of the data's years, first rule that applies:
 * the jurisdiction's own days; the days official notices list; days an estimated
 * year leaves uncertain (also the last days of December before it, which a 元旦
 * arrangement may reach); the statutory days of estimated years; otherwise Monday
 * to Friday work and weekends are off.
 */
export function buildDayTable(data: CalendarData): DayTable {
  const official = new Set([...data.official.map((y) => y.year), ...(data.override?.coversYears ?? [])]);
  const estimated = new Set(data.estimated.map((y) => y.year));
  const years = [...official, ...estimated];
  if (years.length === 0) throw new CalendarDataError('没有任何年份的数据');
  const coverage = { from: Math.min(...years), to: Math.max(...years) };
  const days = (dates: readonly string[] = []) => new Set(dates.map(parseIsoDate));
  const localWork = days(data.override?.workdays);
  const localOff = days(data.override?.holidays);
  const listedWork = days(data.official.flatMap((y) => y.workdays));
  const listedOff = days(data.official.flatMap((y) => y.holidays));
  const statutory = days(data.estimated.flatMap((y) => y.holidays));
  const uncertain = days(data.estimated.flatMap((y) => y.uncertain));

  const firstDay = firstDayOfYear(coverage.from);
  const codes = new Uint8Array(firstDayOfYear(coverage.to + 1) - firstDay);
  for (let year = coverage.from; year <= coverage.to; year++) {
    const isOfficial = official.has(year);
    const isEstimated = estimated.has(year);
    for (let day = firstDayOfYear(year), end = firstDayOfYear(year + 1); day < end; day++) {
      const weekday = weekdayOf(day);
      const weekend = weekday === 0 || weekday === 6;
      let code: number = DAY_CODE.UNKNOWN;
      if (localWork.has(day)) code = DAY_CODE.WORKING;
      else if (localOff.has(day)) code = DAY_CODE.OFF;
      else if (listedWork.has(day)) code = DAY_CODE.WORKING;
      else if (listedOff.has(day)) code = DAY_CODE.OFF;
      else if (statutory.has(day)) code = DAY_CODE.OFF_ESTIMATED;
      else if (uncertain.has(day) && (isOfficial || isEstimated)) code = DAY_CODE.UNCERTAIN;
      else if (isOfficial) code = weekend ? DAY_CODE.OFF : DAY_CODE.WORKING;
      else if (isEstimated) code = weekend ? DAY_CODE.OFF_ESTIMATED : DAY_CODE.WORKING_ESTIMATED;
      codes[day - firstDay] = code;
    }
  }
  return { firstDay, codes, years: coverage, officialYears: [...official].sort((a, b) => a - b) };
}
