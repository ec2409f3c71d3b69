import type { ResourceLimits } from 'node:worker_threads';
import { exportConcurrency, exportFromWorker, type ExportOutput } from './export-channel';
import type { ExportJob } from './export.worker';
import { threadScript } from './thread-script';

const MiB = 1024 * 1024;

/**
 * The heap of an export thread. Its garbage (2 to 4.5 GB allocated per pass over a 100,000-event trail) lives and
 * dies there: 16 MiB of young generation (the serving thread's grows to 128 MiB on a long stream: V8 grows it as
 * streamed pages survive scavenges) and an old generation of 64 MiB (the thread's code, the procedure's machines, the
 * calendar and units, a page read ahead, the pg connection; some 30 to 40 MiB measured) plus 256 bytes an event of the
 * trail, a margin for what a long trail leaves behind (interned actors and states, a replay's mismatches): 89 MiB for
 * 100,000 events, of which the dossier's thread used 48 at most. Outgrowing it ends the thread
 * (ERR_WORKER_OUT_OF_MEMORY): the download breaks off, the server goes on.
 */
export function exportLimits(events: number): ResourceLimits {
  return { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 + Math.ceil((events * 256) / MiB) };
}

/**
 * `job` written by an export thread (export.worker.ts) with `limits`: its bytes once it is ready (see exportFromWorker).
 * At most EXPORT_MAX_CONCURRENT threads at once in this process; over it, 429 EXPORT_BUSY.
 */
export function exportThread(job: ExportJob, limits: ResourceLimits): Promise<ExportOutput> {
  const script = threadScript('export.worker');
  return exportFromWorker(script.file, job, limits, script.execArgv, exportConcurrency());
}
