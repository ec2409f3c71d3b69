// An export thread for export-channel.spec.ts: writes, fails, exits or outgrows its heap as workerData says.
import { parentPort, workerData } from 'node:worker_threads';
import { ExportSink } from '../export-sink';

export type FixtureMode = { mode: 'bytes'; chunks: number; size: number } | { mode: 'throw' } | { mode: 'exit' } | { mode: 'oom' } | { mode: 'endless' };

async function* pieces(chunks: number, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < chunks; i++) yield Buffer.alloc(size, i % 251);
}

async function run(job: FixtureMode, sink: ExportSink): Promise<void> {
  if (job.mode === 'throw') throw Object.assign(new Error('nothing to export'), { code: 'FIXTURE_REFUSED' });
  sink.ready();
  if (job.mode === 'bytes') {
    await sink.pipe(pieces(job.chunks, job.size));
    sink.end();
  } else if (job.mode === 'exit') {
    await sink.pipe(pieces(3, 64 * 1024));
    process.exit(3);
  } else if (job.mode === 'oom') {
    await sink.pipe(pieces(3, 64 * 1024));
    const kept: unknown[] = [];
    for (;;) kept.push(new Array(10_000).fill({ kept }));
  } else await sink.pipe(pieces(Number.MAX_SAFE_INTEGER, 1000));
}

const sink = new ExportSink(parentPort!);
run(workerData as FixtureMode, sink).catch((error: Error) => sink.fail(error));
