import { buildWorkingDayCalendar } from '../build-calendar';
import { packageOfficialYears } from '../chinese-days.source';
import type { WorkingDayCalendar } from '../working-day-calendar';

/**
 * The national calendar as if the package's data ended with `lastYear`: tests of
 * estimated years stay valid when a newer chinese-days brings those years' notices.
 */
export function calendarWithOfficialDataThrough(lastYear: number): WorkingDayCalendar {
  return buildWorkingDayCalendar({ official: packageOfficialYears().filter((y) => y.year <= lastYear) });
}

