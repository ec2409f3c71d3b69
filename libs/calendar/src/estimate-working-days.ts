import { MS_PER_DAY, parseInstant, shanghaiDayOf, weekdayOf } from './shanghai-time';

/**
 * An ESTIMATE of the instant `n` working days after `from`, counting
 * Monday–Friday only (Shanghai dates). For years the holiday data does not
 * cover, where a deadline must still be shown: callers mark the result as
 * provisional, never pass it off as the statutory date.
 */
export function estimateWorkingDays(from: string, n: number): string {
  const fromMs = parseInstant(from);
  const fromDay = shanghaiDayOf(fromMs);
  let day = fromDay;
  for (let left = n; left > 0; ) {
    day++;
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(fromMs + (day - fromDay) * MS_PER_DAY).toISOString();
}
