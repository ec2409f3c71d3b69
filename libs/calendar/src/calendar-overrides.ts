import { tryParseIsoDate } from './shanghai-time';

/**
 * Local (per-jurisdiction) additions to the national calendar:
 * `holidays` are local days off, `workdays` local make-up working days, and
 * `coversYears` are whole years the national data lacks, which are then defined
 * by weekends plus the listed `holidays`/`workdays` alone.
 */
export interface CalendarOverride {
  readonly jurisdiction: string;
  readonly holidays: readonly string[];
  readonly workdays: readonly string[];
  readonly coversYears: readonly number[];
  /** free text, e.g. the local notice the dates come from */
  readonly description?: string;
}

/** An override is malformed; `origin` (its file) and `value` name what to fix. */
export class CalendarOverrideError extends Error {
  readonly code = 'CALENDAR_OVERRIDE_INVALID';

  constructor(
    readonly origin: string,
    message: string,
    readonly value?: unknown,
  ) {
    super(`Calendar override ${origin}: ${message}`);
    this.name = 'CalendarOverrideError';
  }
}

const KEYS = new Set(['jurisdiction', 'holidays', 'workdays', 'coversYears', 'description']);
const JURISDICTION_RE = /^[a-z0-9][a-z0-9-]*$/;
/** Years a calendar file or upload may name at all. */
export const CALENDAR_YEAR_LIMITS = { from: 1949, to: 2200 } as const;
const MIN_YEAR = CALENDAR_YEAR_LIMITS.from;
const MAX_YEAR = CALENDAR_YEAR_LIMITS.to;

/** Parses the text of an override file; `file` only names it in error messages. */
export function parseCalendarOverrideJson(text: string, file: string): CalendarOverride {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CalendarOverrideError(file, `not valid JSON (${(err as Error).message})`);
  }
  return parseCalendarOverride(json, file);
}

/** Strictly validates an already-parsed override object; `file` only names it in error messages. */
export function parseCalendarOverride(json: unknown, file: string): CalendarOverride {
  const fail = (message: string, value?: unknown): never => {
    throw new CalendarOverrideError(file, message, value);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('expected a JSON object', json);
  const obj = json as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!KEYS.has(key)) fail(`unknown key "${key}" (allowed: ${[...KEYS].join(', ')})`, key);
  }
  const { jurisdiction, description } = obj;
  if (typeof jurisdiction !== 'string' || !JURISDICTION_RE.test(jurisdiction)) {
    fail(`"jurisdiction" must be a kebab-case id such as "county-a", got ${JSON.stringify(jurisdiction)}`, jurisdiction);
  }
  if (description !== undefined && typeof description !== 'string') fail('"description" must be a string', description);
  const holidays = dateList(obj, 'holidays', fail);
  const workdays = dateList(obj, 'workdays', fail);
  const both = holidays.find((d) => workdays.includes(d));
  if (both) fail(`date "${both}" is listed both as a holiday and as a workday`, both);
  const coversYears = yearList(obj.coversYears, fail);
  return {
    jurisdiction: jurisdiction as string,
    holidays,
    workdays,
    coversYears,
    ...(description === undefined ? {} : { description: description as string }),
  };
}

function dateList(obj: Record<string, unknown>, key: string, fail: (m: string, v?: unknown) => never): string[] {
  const list = obj[key];
  if (!Array.isArray(list)) return fail(`"${key}" must be an array of YYYY-MM-DD dates`, list);
  const seen = new Set<string>();
  for (const value of list) {
    if (typeof value !== 'string' || tryParseIsoDate(value) === undefined) {
      fail(`"${key}" contains ${JSON.stringify(value)}, which is not a real YYYY-MM-DD date`, value);
    }
    if (seen.has(value)) fail(`"${key}" lists "${value}" twice`, value);
    seen.add(value);
  }
  return [...seen].sort();
}

function yearList(list: unknown, fail: (m: string, v?: unknown) => never): number[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) return fail('"coversYears" must be an array of years', list);
  const seen = new Set<number>();
  for (const value of list) {
    if (!Number.isInteger(value) || value < MIN_YEAR || value > MAX_YEAR) {
      fail(`"coversYears" contains ${JSON.stringify(value)}, which is not a year in ${MIN_YEAR}-${MAX_YEAR}`, value);
    }
    if (seen.has(value)) fail(`"coversYears" lists ${value} twice`, value);
    seen.add(value);
  }
  return [...seen].sort((a, b) => a - b);
}
