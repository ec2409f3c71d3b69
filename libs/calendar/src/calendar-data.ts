import { CalendarOverride, parseCalendarOverride } from './calendar-overrides';
import type { EstimatedYear } from './holiday-estimate';
import { HolidayNoticeReference } from './holiday-notice';
import { sha256Hex } from './sha256';

/** The schema of `CalendarData`; a new schema gets a new name. */
export const CALENDAR_DATA_FORMAT = 'working-day-calendar/1';

/** Where a year's official arrangement comes from. */
export type OfficialSource = { kind: 'package'; name: 'chinese-days' } | { kind: 'notice'; notice: HolidayNoticeReference };

/** The State Council arrangement of one year: days off and make-up working days it lists (a listed date may lie in the December before). */
export interface OfficialYear {
  year: number;
  holidays: string[];
  workdays: string[];
  source: OfficialSource;
}

/**
 * Everything a calendar is built from, as plain JSON. Estimated years are stored as
 * computed, not recomputed when rebuilt, so a newer `chinese-days` (its lunar and
 * solar-term tables) or a newer estimate model can never change an old calendar:
 * replay with the same version computes with the same days.
 */
export interface CalendarData {
  format: typeof CALENDAR_DATA_FORMAT;
  /** the estimate model the estimated years were computed with (ESTIMATE_RULES_VERSION) */
  rules: string;
  /** ascending by year */
  official: OfficialYear[];
  /** ascending by year; never a year of `official` or of the override's `coversYears` */
  estimated: EstimatedYear[];
  /** one jurisdiction's local days, if any */
  override: CalendarOverride | null;
}

/** A stored calendar is malformed or does not match its recorded version. */
export class CalendarDataError extends Error {
  readonly code = 'CALENDAR_DATA_INVALID';

  constructor(message: string) {
    super(`工作日历数据无效：${message}`);
    this.name = 'CalendarDataError';
  }
}

/** The calendar's version: SHA-256 of the canonical JSON of its data, so equal data means equal version. */
export function calendarVersion(data: CalendarData): string {
  return sha256Hex(canonicalJson(data));
}

/** JSON with object keys sorted and `undefined` members left out: one text for one value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * Checks stored data before a calendar is rebuilt from it: the schema, sorted unique
 * years, no year both official and estimated. Dates are checked when the table is built.
 */
export function checkCalendarData(json: unknown): CalendarData {
  const data = json as CalendarData;
  if (typeof json !== 'object' || json === null) throw new CalendarDataError('应为对象');
  if (data.format !== CALENDAR_DATA_FORMAT) throw new CalendarDataError(`未知格式 ${JSON.stringify(data.format)}`);
  if (typeof data.rules !== 'string' || !Array.isArray(data.official) || !Array.isArray(data.estimated)) {
    throw new CalendarDataError('缺少 rules、official 或 estimated');
  }
  const official = data.official.map((y) => y?.year);
  const estimated = data.estimated.map((y) => y?.year);
  for (const [name, years] of [['official', official], ['estimated', estimated]] as const) {
    if (years.some((y, i) => !Number.isInteger(y) || (i > 0 && y <= years[i - 1]))) throw new CalendarDataError(`${name} 的年份应为递增且不重复的整数`);
  }
  for (const y of data.official) {
    if (!Array.isArray(y.holidays) || !Array.isArray(y.workdays) || !y.source) throw new CalendarDataError(`${y.year} 年的官方数据不完整`);
  }
  for (const y of data.estimated) if (!Array.isArray(y.holidays) || !Array.isArray(y.uncertain)) throw new CalendarDataError(`${y.year} 年的推算数据不完整`);
  const override = data.override === null ? null : parseCalendarOverride(data.override, 'stored calendar data');
  const both = estimated.find((y) => official.includes(y) || override?.coversYears.includes(y));
  if (both !== undefined) throw new CalendarDataError(`${both} 年既有官方数据又是推算年份`);
  return { ...data, override };
}
