import type { WorkingDayCalendar } from '@app/calendar';
import type { ProcedureCalendar, WorkingDayBounds } from '@app/procedure';

/**
 * The calendar an engine is built with, pointing at the calendar version in use: newer holiday
 * data (an uploaded notice) or a replayed event's recorded version is swapped in without a new
 * engine, so live snapshots the host remembers stay valid. Swaps happen between events only
 * (JavaScript runs one event's decision without interruption).
 */
export class SwitchableCalendar implements ProcedureCalendar {
  constructor(public target: WorkingDayCalendar) {}

  addWorkingDays(from: string, n: number): WorkingDayBounds {
    return this.target.addWorkingDays(from, n);
  }
}
