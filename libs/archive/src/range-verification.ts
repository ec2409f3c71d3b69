import type { ProcedureEngine } from '@app/procedure';
// The files, not the @app/persistence barrel: verification worker threads load only pg and these.
// eslint-disable-next-line architecture/boundaries -- the verification threads load only the readers, not the persistence barrel (TypeORM and every entity)
import type { SqlSession } from '../../persistence/src/sql/sql-session';
// eslint-disable-next-line architecture/boundaries -- the verification threads load only the readers, not the persistence barrel (TypeORM and every entity)
import { decisionHeads, readTrail, type IdRange } from '../../persistence/src/repositories/trail.reader';
// eslint-disable-next-line architecture/boundaries -- the verification threads load only the readers, not the persistence barrel (TypeORM and every entity)
import { projectionRows } from '../../persistence/src/repositories/projection.reader';
import { ProjectionCheck, type ProjectionReport } from './projection-verification';
import { ChainCheck, type VerifyReport } from './trail-verification';

/** What one pass over an id range found: its chains, and its projections against their replay (meaningful when the chains hold). */
export interface RangeReport {
  chains: VerifyReport;
  projections: ProjectionReport;
}

/**
 * verifyChains and verifyProjections of one id range in one read of its trail: each event is
 * hashed and replayed as it comes. A broken chain ends the pass (its report is what counts); a
 * broken projection ends only the replay, the chains are still checked to the end of the range.
 */
export async function verifyRange(
  session: SqlSession,
  jurisdiction: string,
  range: IdRange,
  engine: ProcedureEngine,
  useCalendar: (version: string | undefined) => Promise<void>,
): Promise<RangeReport> {
  const chains = new ChainCheck(await decisionHeads(session, jurisdiction, range));
  const projections = new ProjectionCheck(projectionRows(session, jurisdiction, range), engine, useCalendar);
  let replaying = true;
  for await (const batch of readTrail(session, { jurisdiction, range }, 1000)) {
    for (const event of batch) {
      if (chains.feed(event)) return { chains: chains.report(), projections: projections.report() };
      if (!replaying) continue;
      const broken = projections.feed(event);
      if (broken === true || (broken !== false && (await broken))) replaying = false;
    }
  }
  const chainReport = chains.finish();
  return { chains: chainReport, projections: replaying && chainReport.ok ? await projections.finish() : projections.report() };
}

/**
 * The projections' report of consecutive ranges as one pass over them in order gives: the first
 * range with a break decides, counting the projections checked up to it.
 */
export function mergeProjectionReports(reports: ProjectionReport[]): ProjectionReport {
  let checkedProjections = 0;
  for (const r of reports) {
    checkedProjections += r.checkedProjections;
    if (!r.ok) return { ok: false, checkedProjections, firstBroken: r.firstBroken };
  }
  return { ok: true, checkedProjections };
}
