import { createWorkingDayCalendar, loadCalendarOverrides, type CalendarOverride, type WorkingDayCalendar } from '@app/calendar';
import { ProcedureEngine } from '@app/procedure';
import { Injectable } from '@nestjs/common';

/**
 * One procedure engine per jurisdiction, each with that jurisdiction's
 * working-day calendar (national data plus its override file from
 * CALENDAR_OVERRIDES_DIR, if any).
 */
@Injectable()
export class ProcedureEngines {
  private readonly overrides: ReadonlyMap<string, CalendarOverride>;
  private readonly cache = new Map<string, { engine: ProcedureEngine; calendar: WorkingDayCalendar }>();

  constructor() {
    const dir = process.env.CALENDAR_OVERRIDES_DIR;
    this.overrides = dir ? loadCalendarOverrides(dir) : new Map();
  }

  /** The engine and calendar of a jurisdiction. */
  for(jurisdiction: string): { engine: ProcedureEngine; calendar: WorkingDayCalendar } {
    let entry = this.cache.get(jurisdiction);
    if (!entry) {
      // Years without official holiday data are estimated from the statutory rules: bounds, provisional deadlines.
      const calendar = createWorkingDayCalendar(this.overrides.get(jurisdiction));
      entry = { engine: new ProcedureEngine({ calendar }), calendar };
      this.cache.set(jurisdiction, entry);
    }
    return entry;
  }
}
