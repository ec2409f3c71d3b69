import { createWorkingDayCalendar, loadCalendarOverrides, type CalendarOverride, type WorkingDayCalendar } from '@app/calendar';
import { ProcedureEngine } from '@app/procedure';
import { UnitRegistry } from '@app/units';
import { Injectable } from '@nestjs/common';

/**
 * One procedure engine per jurisdiction, each with that jurisdiction's
 * working-day calendar (national data plus its override file from
 * CALENDAR_OVERRIDES_DIR, if any) and its unit registry, through which access
 * control compares units (a v1 decision may name its units by legacy names).
 */
@Injectable()
export class ProcedureEngines {
  private readonly overrides: ReadonlyMap<string, CalendarOverride>;
  private readonly cache = new Map<string, { engine: ProcedureEngine; calendar: WorkingDayCalendar }>();

  constructor(private readonly units: UnitRegistry) {
    const dir = process.env.CALENDAR_OVERRIDES_DIR;
    this.overrides = dir ? loadCalendarOverrides(dir) : new Map();
  }

  /** The engine and calendar of a jurisdiction. */
  for(jurisdiction: string): { engine: ProcedureEngine; calendar: WorkingDayCalendar } {
    let entry = this.cache.get(jurisdiction);
    if (!entry) {
      // Years without official holiday data are estimated from the statutory rules: bounds, provisional deadlines.
      const calendar = createWorkingDayCalendar(this.overrides.get(jurisdiction));
      entry = { engine: new ProcedureEngine({ calendar }, { sameUnit: this.units.sameUnitIn(jurisdiction) }), calendar };
      this.cache.set(jurisdiction, entry);
    }
    return entry;
  }
}
