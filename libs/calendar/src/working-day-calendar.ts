/** Inclusive range of Gregorian years for which a calendar has holiday data. */
export interface CalendarCoverage {
  from: number;
  to: number;
}

/**
 * Chinese working-day arithmetic for statutory deadlines. Every date is the
 * Asia/Shanghai civil date (UTC+8, no DST); the process time zone is never used.
 * Any lookup in a year outside `coverage()` throws `CalendarNotCoveredError`.
 */
export interface WorkingDayCalendar {
  /** true when `date` (YYYY-MM-DD, Asia/Shanghai civil date) is a working day */
  isWorkingDay(date: string): boolean;
  /** the instant `n` working days after `from` (ISO-8601 instant), keeping Shanghai time-of-day; n>=0. Counting starts the day after `from`. */
  addWorkingDays(from: string, n: number): string;
  /** number of whole working days strictly after the Shanghai date of `from` up to and including the Shanghai date of `to` (negative when `to` is earlier) */
  workingDaysBetween(from: string, to: string): number;
  /** years the data covers, e.g. {from: 2004, to: 2026} */
  coverage(): CalendarCoverage;
}

/** A date fell in a year for which no holiday data exists; weekends alone are never guessed. */
export class CalendarNotCoveredError extends Error {
  readonly code = 'CALENDAR_YEAR_NOT_COVERED';

  constructor(
    readonly year: number,
    readonly coverage: CalendarCoverage,
  ) {
    super(
      `Working-day calendar has no holiday data for year ${year} (covered: ${coverage.from}-${coverage.to}); ` +
        `upgrade chinese-days or supply a jurisdiction override with "coversYears": [${year}]`,
    );
    this.name = 'CalendarNotCoveredError';
  }
}
