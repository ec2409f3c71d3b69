// Worker thread of parallel verification: verifies one id range on its own connection, its chains
// and, when asked, its projections against a replay of their trail (one read of the trail).
import { calendarFromData, type WorkingDayCalendar } from '@app/calendar';
import { ProcedureEngine } from '@app/procedure';
import { parentPort, workerData } from 'node:worker_threads';
// The files, not the @app/persistence and @app/units barrels: a worker thread should not load TypeORM, Nest and the migrations.
// eslint-disable-next-line architecture/boundaries -- the verification threads load only the reader, not the persistence barrel (TypeORM and every entity)
import { openSqlSession } from '../../persistence/src/sql/sql-session';
// eslint-disable-next-line architecture/boundaries -- the verification threads load only the reader, not the persistence barrel (TypeORM and every entity)
import { calendarVersionData, type IdRange } from '../../persistence/src/repositories/trail.reader';
// eslint-disable-next-line architecture/boundaries -- the verification threads compare units as the host's registry does, without its Nest service
import { UnitDirectory } from '../../units/src/unit-directory';
// eslint-disable-next-line architecture/boundaries -- the verification threads compare units as the host's registry does, without its Nest service
import type { Unit } from '../../units/src/unit.model';
import { verifyRange } from './range-verification';
import { verifyChains } from './trail-verification';

/** How the host replays the jurisdiction's trail: its current calendar (data and version) and its units. */
export interface ReplaySetup {
  calendar: { data: unknown; version: string };
  units: Unit[];
}

export interface VerifyRangeJob {
  connectionString: string;
  jurisdiction: string;
  range: IdRange;
  /** replay the projections too (else chains only) */
  replay?: ReplaySetup;
}

async function run({ connectionString, jurisdiction, range, replay }: VerifyRangeJob): Promise<void> {
  const session = await openSqlSession(connectionString);
  try {
    if (!replay) {
      parentPort!.postMessage({ report: await verifyChains(session, jurisdiction, range) });
      return;
    }
    // The engine of ProcedureEngines.replayEngine, rebuilt here: the host's current calendar for an
    // event that recorded none, else the stored version it recorded (checked against its id).
    const current = calendarFromData(replay.calendar.data, replay.calendar.version);
    const versions = new Map<string, Promise<WorkingDayCalendar>>();
    const calendar = { target: current, addWorkingDays: (from: string, n: number) => calendar.target.addWorkingDays(from, n) };
    const units = new UnitDirectory(replay.units);
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
    parentPort!.postMessage({ range: await verifyRange(session, jurisdiction, range, engine, use) });
  } finally {
    await session.end();
  }
}

run(workerData as VerifyRangeJob).catch((error: Error) => parentPort!.postMessage({ error: { message: error.message, code: (error as { code?: string }).code } }));
