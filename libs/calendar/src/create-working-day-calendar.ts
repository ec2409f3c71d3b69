import { CalendarOverride, CalendarOverrideError } from './calendar-overrides';
import { ChineseDaysSource } from './chinese-days.source';
import type { HolidaySource } from './holiday-source';
import { PrecomputedWorkingDayCalendar } from './precomputed-calendar';
import { firstDayOfYear, formatIsoDate, weekdayOf } from './shanghai-time';
import type { CalendarCoverage, WorkingDayCalendar } from './working-day-calendar';

let defaultSource: HolidaySource | undefined;
let defaultCalendar: WorkingDayCalendar | undefined;
const byOverride = new WeakMap<CalendarOverride, WorkingDayCalendar>();

/**
 * The national calendar (from `chinese-days` unless `source` is given) with one
 * jurisdiction's override applied. Local entries win over national ones; a year in
 * `coversYears` that the national data lacks is weekends plus the local entries.
 * Results over the bundled data are cached per override object (a build takes ~30 ms).
 */
export function createWorkingDayCalendar(override?: CalendarOverride, source?: HolidaySource): WorkingDayCalendar {
  if (source) return build(override, source);
  if (!override) return (defaultCalendar ??= build(undefined, nationalSource()));
  let calendar = byOverride.get(override);
  if (!calendar) byOverride.set(override, (calendar = build(override, nationalSource())));
  return calendar;
}

function nationalSource(): HolidaySource {
  return (defaultSource ??= new ChineseDaysSource());
}

function build(override: CalendarOverride | undefined, source: HolidaySource): WorkingDayCalendar {
  const years = coveredYears(source.coverage(), override);
  const firstDay = firstDayOfYear(years.from);
  const working = new Uint8Array(firstDayOfYear(years.to + 1) - firstDay);
  const localHolidays = new Set(override?.holidays);
  const localWorkdays = new Set(override?.workdays);
  for (let i = 0; i < working.length; i++) {
    const day = firstDay + i;
    const date = formatIsoDate(day);
    const weekday = weekdayOf(day);
    let isWorking: boolean;
    if (localWorkdays.has(date)) isWorking = true;
    else if (localHolidays.has(date)) isWorking = false;
    else if (source.isMakeUpWorkday(date)) isWorking = true;
    else if (source.isHoliday(date)) isWorking = false;
    else isWorking = weekday !== 0 && weekday !== 6;
    working[i] = isWorking ? 1 : 0;
  }
  return new PrecomputedWorkingDayCalendar(firstDay, working, years);
}

/** The national range widened by the override's `coversYears`, which must leave no gap. */
function coveredYears(national: CalendarCoverage, override?: CalendarOverride): CalendarCoverage {
  const years = new Set<number>();
  for (let year = national.from; year <= national.to; year++) years.add(year);
  for (const year of override?.coversYears ?? []) years.add(year);
  const from = Math.min(...years);
  const to = Math.max(...years);
  for (let year = from; year <= to; year++) {
    if (!years.has(year)) {
      throw new CalendarOverrideError(
        `jurisdiction "${override?.jurisdiction}"`,
        `"coversYears" must extend ${national.from}-${national.to} without gaps, but ${year} would be uncovered`,
        year,
      );
    }
  }
  return { from, to };
}
