import {
  MS_PER_DAY,
  parseInstant,
  parseIsoDate,
  shanghaiDayOf,
  yearOfDay,
} from './shanghai-time';
import { CalendarCoverage, CalendarNotCoveredError, WorkingDayCalendar } from './working-day-calendar';

/**
 * A `WorkingDayCalendar` over a precomputed table with one byte per covered day
 * (1 = working day), so every step of the arithmetic is an array read.
 */
export class PrecomputedWorkingDayCalendar implements WorkingDayCalendar {
  private readonly endDay: number;

  /** `working[i]` is 1 when epoch day `firstDay + i` is a working day; the table spans exactly `years`. */
  constructor(
    private readonly firstDay: number,
    private readonly working: Uint8Array,
    private readonly years: CalendarCoverage,
  ) {
    this.endDay = firstDay + working.length;
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingEpochDay(parseIsoDate(date));
  }

  addWorkingDays(from: string, n: number): string {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
    const fromMs = parseInstant(from);
    const fromDay = shanghaiDayOf(fromMs);
    let day = fromDay;
    for (let left = n; left > 0; ) {
      day++;
      if (this.isWorkingEpochDay(day)) left--;
    }
    return new Date(fromMs + (day - fromDay) * MS_PER_DAY).toISOString();
  }

  workingDaysBetween(from: string, to: string): number {
    const fromDay = shanghaiDayOf(parseInstant(from));
    const toDay = shanghaiDayOf(parseInstant(to));
    return toDay >= fromDay ? this.countAfter(fromDay, toDay) : -this.countAfter(toDay, fromDay);
  }

  coverage(): CalendarCoverage {
    return { ...this.years };
  }

  /** Working days in the epoch-day interval (after, upTo]. */
  private countAfter(after: number, upTo: number): number {
    let count = 0;
    for (let day = after + 1; day <= upTo; day++) if (this.isWorkingEpochDay(day)) count++;
    return count;
  }

  private isWorkingEpochDay(day: number): boolean {
    if (day < this.firstDay || day >= this.endDay) throw new CalendarNotCoveredError(yearOfDay(day), this.coverage());
    return this.working[day - this.firstDay] === 1;
  }
}
