import type { CalendarData } from './calendar-data';

/** Inclusive range of Gregorian years. */
export interface CalendarCoverage {
  from: number;
  to: number;
}

/** What a calendar knows of one day. */
export interface DayStatus {
  /** `uncertain`: a day the missing notice may make a make-up working day or a day off */
  kind: 'working' | 'off' | 'uncertain';
  /** true when the answer comes from the statutory rules, not from official data: it may change when the notice arrives */
  provisional: boolean;
}

/** The instant `n` working days later, as bounds over the days nobody can know yet. */
export interface DateBounds {
  /** if every uncertain day turns out a working day */
  earliest: string;
  /** if every uncertain day turns out a day off */
  latest: string;
  /** some day counted lies in a year without official data: recompute once the notice arrives */
  provisional: boolean;
}

/** A count of working days, as bounds over the days nobody can know yet. */
export interface CountBounds {
  /** if every uncertain day turns out a day off */
  fewest: number;
  /** if every uncertain day turns out a working day */
  most: number;
  /** some day counted lies in a year without official data */
  provisional: boolean;
}

/**
 * Chinese working-day arithmetic for statutory deadlines. Every date is the
 * Asia/Shanghai civil date (UTC+8, no DST); the process time zone is never used.
 * Years with official data (State Council notices) are exact; later years are
 * estimated from the statutory rules and answer with bounds. Only a year that is
 * neither (outside `coverage()`) throws `CalendarNotCoveredError`.
 */
export interface WorkingDayCalendar {
  /** content hash of exactly the data the calendar is built from (`data()`) */
  readonly version: string;
  /** the status of `date` (YYYY-MM-DD, Asia/Shanghai civil date) */
  dayStatus(date: string): DayStatus;
  /** `n` working days after `from` (ISO-8601 instant), keeping the Shanghai time of day; n>=0, counting from the day after `from`. Exact (earliest === latest, not provisional) over official years. */
  addWorkingDays(from: string, n: number): DateBounds;
  /** working days strictly after the Shanghai date of `from` up to and including that of `to` (negative when `to` is earlier) */
  workingDaysBetween(from: string, to: string): CountBounds;
  /** every year the calendar can answer for, official or estimated */
  coverage(): CalendarCoverage;
  /** the years with official data (ascending) */
  officialYears(): number[];
  /** the data the calendar was built from: store it once per `version`, rebuild with `calendarFromData` */
  data(): CalendarData;
}

/** A date fell in a year with neither official data nor statutory rules to estimate it. */
export class CalendarNotCoveredError extends Error {
  readonly code = 'CALENDAR_YEAR_NOT_COVERED';

  constructor(
    readonly year: number,
    readonly coverage: CalendarCoverage,
  ) {
    super(`工作日历无法计算 ${year} 年的工作日（可计算 ${coverage.from}-${coverage.to} 年）`);
    this.name = 'CalendarNotCoveredError';
  }
}
