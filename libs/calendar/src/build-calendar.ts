import { CALENDAR_DATA_FORMAT, CalendarData, CalendarDataError, calendarVersion, checkCalendarData, OfficialYear } from './calendar-data';
import { CalendarOverride, CalendarOverrideError } from './calendar-overrides';
import { packageOfficialYears } from './chinese-days.source';
import { buildDayTable } from './day-table';
import { ESTIMATE_RULES_VERSION, estimateYear } from './holiday-estimate';
import type { HolidayNotice } from './holiday-notice';
import { PrecomputedWorkingDayCalendar } from './precomputed-calendar';
import { STATUTORY_RULE_YEARS } from './statutory-holidays';
import type { WorkingDayCalendar } from './working-day-calendar';

/** What a calendar is merged from. */
export interface CalendarSources {
  /** official years of the holiday package; default: the bundled `chinese-days` data */
  official?: OfficialYear[];
  /** State Council notices uploaded by administrators (`parseHolidayNotice`), at most one per year; a notice replaces the package's data for its year */
  notices?: HolidayNotice[];
  /** one jurisdiction's local days and the whole years it covers itself */
  override?: CalendarOverride;
}

/**
 * The data of a calendar: package years, replaced year by year by uploaded notices,
 * plus the override; every other year the statutory rules reach (2025-2099) is
 * estimated. Years must run without a gap.
 */
export function buildCalendarData(sources: CalendarSources = {}): CalendarData {
  const official = new Map((sources.official ?? packageOfficialYears()).map((y) => [y.year, y]));
  const noticed = new Set<number>();
  for (const { year, holidays, workdays, notice } of sources.notices ?? []) {
    if (noticed.has(year)) throw new CalendarDataError(`${year} 年有多份放假通知，只能使用其中一份`);
    noticed.add(year);
    official.set(year, { year, holidays: [...holidays], workdays: [...workdays], source: { kind: 'notice', notice: { ...notice } } });
  }
  const override = sources.override ?? null;
  const known = new Set([...official.keys(), ...(override?.coversYears ?? [])]);
  const estimated = [];
  for (let year = STATUTORY_RULE_YEARS.from; year <= STATUTORY_RULE_YEARS.to; year++) if (!known.has(year)) estimated.push(estimateYear(year));
  const years = [...known, ...estimated.map((y) => y.year)];
  for (let year = Math.min(...years); year <= Math.max(...years); year++) {
    if (!known.has(year) && !estimated.some((y) => y.year === year)) {
      const origin = override ? `jurisdiction "${override.jurisdiction}"` : 'calendar sources';
      throw new CalendarOverrideError(origin, `"coversYears" must extend the covered years without gaps, but ${year} would be uncovered`, year);
    }
  }
  return {
    format: CALENDAR_DATA_FORMAT,
    rules: ESTIMATE_RULES_VERSION,
    official: [...official.values()].sort((a, b) => a.year - b.year),
    estimated,
    override: override && {
      jurisdiction: override.jurisdiction,
      holidays: [...override.holidays],
      workdays: [...override.workdays],
      coversYears: [...override.coversYears],
      ...(override.description === undefined ? {} : { description: override.description }),
    },
  };
}

/** A calendar merged from `sources` (see `buildCalendarData`). */
export function buildWorkingDayCalendar(sources: CalendarSources = {}): WorkingDayCalendar {
  const data = buildCalendarData(sources);
  return new PrecomputedWorkingDayCalendar(buildDayTable(data), calendarVersion(data), data);
}

/**
 * Rebuilds the very calendar stored as `data` (e.g. for replay); with `version`,
 * refuses data that does not hash to it.
 */
export function calendarFromData(data: unknown, version?: string): WorkingDayCalendar {
  const checked = checkCalendarData(structuredClone(data));
  const actual = calendarVersion(checked);
  if (version !== undefined && actual !== version) throw new CalendarDataError(`数据的版本为 ${actual}，不是所记录的 ${version}`);
  return new PrecomputedWorkingDayCalendar(buildDayTable(checked), actual, checked);
}

/** The data a calendar was built from; equal to `calendar.data()`. */
export function calendarData(calendar: WorkingDayCalendar): CalendarData {
  return calendar.data();
}

let national: WorkingDayCalendar | undefined;
const byOverride = new WeakMap<CalendarOverride, WorkingDayCalendar>();

/**
 * The national calendar from the bundled data with one jurisdiction's override applied,
 * cached per override object (a build takes tens of milliseconds).
 */
export function createWorkingDayCalendar(override?: CalendarOverride): WorkingDayCalendar {
  if (!override) return (national ??= buildWorkingDayCalendar());
  let calendar = byOverride.get(override);
  if (!calendar) byOverride.set(override, (calendar = buildWorkingDayCalendar({ override })));
  return calendar;
}
