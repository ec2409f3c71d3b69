// Export thread: writes a decision's history (JSON) or dossier (zip) on its own connection and in its own small heap
// (started by export-channel.ts with resource limits), its bytes sent to the host credit by credit (export-sink.ts).
import { parentPort, workerData } from 'node:worker_threads';
// The files, not the @app/persistence and @app/decisions barrels: an export thread should not load TypeORM, Nest and the migrations.
// eslint-disable-next-line architecture/boundaries -- export threads load only the reader, not the persistence barrel (TypeORM and every entity)
import { openSqlSession, type SqlSession } from '../../persistence/src/sql/sql-session';
// eslint-disable-next-line architecture/boundaries -- export threads load only the reader, not the persistence barrel (TypeORM and every entity)
import { readTrail } from '../../persistence/src/repositories/trail.reader';
// eslint-disable-next-line architecture/boundaries -- export threads present events without the decisions barrel (Nest, TypeORM)
import { presentEvent } from '../../decisions/src/event.presenter';
import type { DossierJob } from './dossier-export';
import { ExportSink } from './export-sink';
import { jsonObjectChunks } from './json-stream';
import { STREAM_PAGE } from './trail-pages';

export type ExportJob = { connectionString: string } & ({ kind: 'history'; decisionId: string } | ({ kind: 'dossier' } & DossierJob));

/** The history as API.md shapes it (TrailQueryService.historyBatches' text); ready once the first page is read. */
async function history(session: SqlSession, decisionId: string, sink: ExportSink): Promise<void> {
  const pages = readTrail(session, { decisionId }, STREAM_PAGE);
  const first = await pages.next();
  sink.ready();
  async function* events() {
    if (first.done) return;
    yield first.value.map(presentEvent);
    for await (const page of pages) yield page.map(presentEvent);
  }
  await sink.pipe(jsonObjectChunks([{ key: 'events', items: events() }]));
}

/** The dossier; ready once the replay the manifest reports is done (its failure still an error answer). */
async function dossier(session: SqlSession, job: DossierJob, sink: ExportSink): Promise<void> {
  // loaded only here: a history's thread needs neither the procedure's machines nor the zip writer
  const { dossierZip, replayAtExport } = await import('./dossier-export');
  const verifiedAtExport = await replayAtExport(session, job.decision.id, job.decision.version, job.replay);
  sink.ready();
  await sink.pipe(dossierZip(session, job, verifiedAtExport));
}

async function run(job: ExportJob, sink: ExportSink): Promise<void> {
  const session = await openSqlSession(job.connectionString);
  try {
    if (job.kind === 'history') await history(session, job.decisionId, sink);
    else await dossier(session, job, sink);
  } finally {
    await session.end();
  }
  sink.end();
}

const sink = new ExportSink(parentPort!);
run(workerData as ExportJob, sink).catch((error: Error) => sink.fail(error));
