import type { CalendarData } from './calendar-data';
import { DAY_CODE, type DayTable } from './day-table';
import { MS_PER_DAY, parseInstant, parseIsoDate, shanghaiDayOf, yearOfDay } from './shanghai-time';
import {
  CalendarCoverage,
  CalendarNotCoveredError,
  type CountBounds,
  type DateBounds,
  type DayStatus,
  type WorkingDayCalendar,
} from './working-day-calendar';

/**
 * A `WorkingDayCalendar` over a table with one code per day (day-table.ts), so
 * every step of the arithmetic is an array read. Each count runs twice at once:
 * with the uncertain days as working days (earliest) and as days off (latest).
 */
export class PrecomputedWorkingDayCalendar implements WorkingDayCalendar {
  private readonly endDay: number;

  constructor(
    private readonly table: DayTable,
    readonly version: string,
    private readonly source: CalendarData,
  ) {
    this.endDay = table.firstDay + table.codes.length;
  }

  dayStatus(date: string): DayStatus {
    const code = this.codeOf(parseIsoDate(date));
    const kind = code === DAY_CODE.UNCERTAIN ? 'uncertain' : isSurelyWorking(code) ? 'working' : 'off';
    return { kind, provisional: isProvisional(code) };
  }

  addWorkingDays(from: string, n: number): DateBounds {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
    const fromMs = parseInstant(from);
    const fromDay = shanghaiDayOf(fromMs);
    let earliest = n === 0 ? fromDay : undefined;
    let day = fromDay;
    let surely = 0;
    let possibly = 0;
    let provisional = false;
    while (surely < n) {
      const code = this.codeOf(++day);
      provisional ||= isProvisional(code);
      if (isSurelyWorking(code)) surely++;
      if (isSurelyWorking(code) || code === DAY_CODE.UNCERTAIN) possibly++;
      if (earliest === undefined && possibly === n) earliest = day;
    }
    const at = (d: number) => new Date(fromMs + (d - fromDay) * MS_PER_DAY).toISOString();
    return { earliest: at(earliest!), latest: at(day), provisional };
  }

  workingDaysBetween(from: string, to: string): CountBounds {
    const fromDay = shanghaiDayOf(parseInstant(from));
    const toDay = shanghaiDayOf(parseInstant(to));
    if (toDay >= fromDay) return this.countAfter(fromDay, toDay);
    const { fewest, most, provisional } = this.countAfter(toDay, fromDay);
    return { fewest: -most, most: -fewest, provisional };
  }

  coverage(): CalendarCoverage {
    return { ...this.table.years };
  }

  officialYears(): number[] {
    return [...this.table.officialYears];
  }

  data(): CalendarData {
    return structuredClone(this.source);
  }

  /** Working days in the epoch-day interval (after, upTo]. */
  private countAfter(after: number, upTo: number): CountBounds {
    let fewest = 0;
    let most = 0;
    let provisional = false;
    for (let day = after + 1; day <= upTo; day++) {
      const code = this.codeOf(day);
      provisional ||= isProvisional(code);
      if (isSurelyWorking(code)) fewest++;
      if (isSurelyWorking(code) || code === DAY_CODE.UNCERTAIN) most++;
    }
    return { fewest, most, provisional };
  }

  private codeOf(day: number): number {
    const code = day >= this.table.firstDay && day < this.endDay ? this.table.codes[day - this.table.firstDay] : DAY_CODE.UNKNOWN;
    if (code === DAY_CODE.UNKNOWN) throw new CalendarNotCoveredError(yearOfDay(day), this.coverage());
    return code;
  }
}

function isSurelyWorking(code: number): boolean {
  return code === DAY_CODE.WORKING || code === DAY_CODE.WORKING_ESTIMATED;
}

function isProvisional(code: number): boolean {
  return code === DAY_CODE.WORKING_ESTIMATED || code === DAY_CODE.OFF_ESTIMATED || code === DAY_CODE.UNCERTAIN;
}
