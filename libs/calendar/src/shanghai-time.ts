// Pure date arithmetic on "epoch day numbers" (days since 1970-01-01) in the
// Asia/Shanghai civil calendar. China has had no DST since 1991, so a Shanghai
// civil date is always the UTC date of (instant + 8h). The process time zone is
// never consulted.

export const MS_PER_DAY = 86_400_000;
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_RE =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Epoch day number of a strict `YYYY-MM-DD` date, or `undefined` when malformed or not a real date. */
export function tryParseIsoDate(date: string): number | undefined {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
  return Math.floor(t.getTime() / MS_PER_DAY);
}

/** Epoch day number of a strict `YYYY-MM-DD` date; throws `RangeError` when invalid. */
export function parseIsoDate(date: string): number {
  const day = tryParseIsoDate(date);
  if (day === undefined) throw new RangeError(`Invalid date "${String(date)}", expected YYYY-MM-DD`);
  return day;
}

/** `YYYY-MM-DD` of an epoch day number. */
export function formatIsoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Epoch day number of January 1st of `year`. */
export function firstDayOfYear(year: number): number {
  const t = new Date(0);
  t.setUTCFullYear(year, 0, 1);
  return Math.floor(t.getTime() / MS_PER_DAY);
}

/** Gregorian year of an epoch day number. */
export function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** Day of week of an epoch day number, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** Milliseconds since the epoch of an ISO-8601 instant with `Z` or `±HH:MM`; throws `RangeError` otherwise. */
export function parseInstant(instant: string): number {
  const m = typeof instant === 'string' ? INSTANT_RE.exec(instant) : null;
  const day = m ? tryParseIsoDate(m[1]) : undefined;
  if (!m || day === undefined) throw invalidInstant(instant);
  const [h, mi, s] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  const offH = Number(m[8] ?? 0);
  const offM = Number(m[9] ?? 0);
  if (h > 23 || mi > 59 || s > 59 || offH > 23 || offM > 59) throw invalidInstant(instant);
  const ms = m[5] ? Number(m[5].padEnd(3, '0').slice(0, 3)) : 0;
  const offset = (m[7] === '-' ? -1 : 1) * (offH * 60 + offM) * 60_000;
  return day * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + ms - offset;
}

/** Epoch day number of the Asia/Shanghai civil date of an instant (ms since epoch). */
export function shanghaiDayOf(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

function invalidInstant(instant: unknown): RangeError {
  return new RangeError(
    `Invalid instant "${String(instant)}", expected ISO-8601 with Z or ±HH:MM offset (e.g. 2026-09-30T10:00:00.000Z)`,
  );
}
