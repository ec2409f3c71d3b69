// The replay engine of a worker thread, built from what the host sends (no framework loaded).
import { calendarFromData, type WorkingDayCalendar } from '@app/calendar';
import { ProcedureEngine } from '@app/procedure';
// eslint-disable-next-line architecture/boundaries -- worker threads load only the reader, not the persistence barrel (TypeORM and every entity)
import type { SqlSession } from '../../persistence/src/sql/sql-session';
// eslint-disable-next-line architecture/boundaries -- worker threads load only the reader, not the persistence barrel (TypeORM and every entity)
import { calendarVersionData } from '../../persistence/src/repositories/trail.reader';
// eslint-disable-next-line architecture/boundaries -- worker threads compare units as the host's registry does, without its Nest service
import { UnitDirectory } from '../../units/src/unit-directory';
// eslint-disable-next-line architecture/boundaries -- worker threads compare units as the host's registry does, without its Nest service
import type { Unit } from '../../units/src/unit.model';

/** How the host replays a jurisdiction's trail: its current calendar (data and version) and its units. */
export interface ReplaySetup {
  calendar: { data: unknown; version: string };
  units: Unit[];
}

/**
 * The engine of ProcedureEngines.replayEngine, rebuilt in a thread: the host's current calendar for an event
 * that recorded none, else the stored version it recorded (read on `session`, checked against its id).
 */
export function threadReplayEngine(session: SqlSession, setup: ReplaySetup): { engine: ProcedureEngine; use(version: string | undefined): Promise<void> } {
  const current = calendarFromData(setup.calendar.data, setup.calendar.version);
  const versions = new Map<string, Promise<WorkingDayCalendar>>();
  const calendar = { target: current, addWorkingDays: (from: string, n: number) => calendar.target.addWorkingDays(from, n) };
  const units = new UnitDirectory(setup.units);
  const engine = new ProcedureEngine({ calendar }, { sameUnit: (a, b) => units.sameUnit(a, b) });
  const use = async (version: string | undefined) => {
    if (!version) {
      calendar.target = current;
      return;
    }
    let found = versions.get(version);
    if (!found) {
      found = calendarVersionData(session, version).then((data) => {
        if (data === undefined) throw new Error(`working-day calendar version ${version} is not stored`);
        return calendarFromData(data, version);
      });
      versions.set(version, found);
    }
    calendar.target = await found;
  };
  return { engine, use };
}
