import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { DomainError } from '@app/common';

/**
 * Messages of an export thread (see export-sink.ts): `ready` once what must answer before the first byte
 * is settled, then chunks (a transferred ArrayBuffer, `length` bytes of it used), then `end`; or `error`.
 * The host answers with credits: a number of new buffers the thread may fill, or a buffer given back.
 */
export type ExportMessage = { ready: true } | { chunk: ArrayBuffer; length: number } | { end: true } | { error: { message: string; code?: string; name?: string } };
export type ExportCredit = { credit: number } | { buffer: ArrayBuffer };

/**
 * Buffers of some 64 KiB between the thread and the socket: the thread fills one while at most WINDOW - 1 are being
 * written. Each goes back to the thread once written (transferred again): neither side allocates a buffer per chunk,
 * so no dead chunk waits for a GC (transferred buffers dropped after writing kept ~30 to 60 MiB of external memory
 * on the serving thread between its GCs).
 */
const WINDOW = 4;

/** An export thread's failure (the thread's own error, rebuilt on the host with its code). */
export class ExportWorkerError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ExportWorkerError';
  }
}

/** Seconds a refused caller is told to wait (Retry-After). */
export const EXPORT_RETRY_AFTER_SECONDS = 10;

/** Export threads alive in this process (each has its own heap and its own PostgreSQL connection). */
let live = 0;

/** How many export threads one process runs at once (EXPORT_MAX_CONCURRENT, default 4). */
export function exportConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  const n = Math.floor(Number(env.EXPORT_MAX_CONCURRENT ?? 4));
  return Number.isFinite(n) && n >= 1 ? n : 4;
}

/** What an export thread writes, once it is ready: written to a stream at the pace that stream writes it. */
export interface ExportOutput {
  /**
   * Write the bytes to `out` and end it. Rejects with the thread's failure (`out` destroyed with it: the answer breaks
   * off, never looks complete), or when `out` closes first (ERR_STREAM_PREMATURE_CLOSE: the thread is stopped).
   */
  writeTo(out: Writable): Promise<void>;
}

/**
 * Start `file` in a worker thread with `limits` (its heap: an export's garbage lives and dies there, never in the
 * serving thread's) and answer once the thread says it is ready. A failure before that rejects (an error answer is
 * still possible); the thread writes nothing before writeTo grants it buffers.
 */
export function exportFromWorker(file: string, workerData: unknown, limits: ResourceLimits, execArgv?: string[], maxConcurrent = Infinity): Promise<ExportOutput> {
  // Admission: over the cap a caller is refused at once (429 with Retry-After), never queued, so a flood of downloads
  // cannot take every PostgreSQL connection or pile up heaps.
  if (live >= maxConcurrent) {
    return Promise.reject(new DomainError('EXPORT_BUSY', '当前导出任务已满，请稍后再下载', undefined, { retryAfterSeconds: EXPORT_RETRY_AFTER_SECONDS }));
  }
  const worker = new Worker(file, { workerData, resourceLimits: limits, execArgv });
  live++;
  worker.once('exit', () => live--);
  let over = false;
  let failure: Error | undefined;
  let target: Writable | undefined;
  const stop = () => {
    over = true;
    void worker.terminate();
  };
  const output: ExportOutput = {
    async writeTo(out) {
      if (failure) {
        out.destroy(failure);
        throw failure;
      }
      target = out;
      const done = finished(out);
      worker.postMessage({ credit: WINDOW } satisfies ExportCredit);
      try {
        await done;
      } finally {
        if (!over) stop();
      }
    },
  };
  return new Promise<ExportOutput>((resolve, reject) => {
    const fail = (err: Error) => {
      if (over) return;
      failure = err;
      stop();
      target?.destroy(err);
      reject(err);
    };
    worker.on('message', (msg: ExportMessage) => {
      // after the end, a failure or the client's going away: nothing more is written
      if (over) return;
      if ('ready' in msg) resolve(output);
      else if ('chunk' in msg) {
        const { chunk } = msg;
        target!.write(Buffer.from(chunk, 0, msg.length), (err) => {
          if (!err && !over) worker.postMessage({ buffer: chunk } satisfies ExportCredit, [chunk]);
        });
      } else if ('end' in msg) {
        // the thread has closed its connection: whatever it still holds goes with it
        stop();
        target!.end();
      } else fail(new ExportWorkerError(msg.error.message, msg.error.code));
    });
    // e.g. ERR_WORKER_OUT_OF_MEMORY when the export outgrew its heap
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new ExportWorkerError(`export thread exited with code ${code} before its end`)));
  });
}
