import type { CalendarCoverage } from './working-day-calendar';

/**
 * National holiday data for whole years. Every method answers `undefined` for a
 * date outside `coverage()`, so callers can never mistake "unknown" for "no".
 */
export interface HolidaySource {
  /** true when `date` (YYYY-MM-DD) is a statutory day off, weekend or not; undefined when its year is not covered */
  isHoliday(date: string): boolean | undefined;
  /** true when `date` (YYYY-MM-DD) is a make-up working day (调休上班), usually a weekend; undefined when not covered */
  isMakeUpWorkday(date: string): boolean | undefined;
  /** the contiguous range of years the data covers */
  coverage(): CalendarCoverage;
}
