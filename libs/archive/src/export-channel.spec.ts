import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { exportFromWorker, type ExportOutput } from './export-channel';
import type { FixtureMode } from './testing/export-fixture.worker';

const LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 32 };
const start = (job: FixtureMode, maxConcurrent?: number): Promise<ExportOutput> =>
  exportFromWorker(join(__dirname, 'testing', 'export-fixture.worker.ts'), job, LIMITS, [...process.execArgv, '-r', '@swc-node/register'], maxConcurrent);

/** A stream that keeps what it is given, calling back when `pace` says. */
function sink(pace: (done: () => void) => void = setImmediate) {
  const got: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, callback) {
      got.push(Buffer.from(chunk));
      pace(() => callback());
    },
  });
  return { out, got };
}

jest.setTimeout(30_000);

describe('export threads (exportFromWorker and ExportSink)', () => {
  it('passes every byte in order, in buffers of 64 KiB, and ends the stream', async () => {
    const output = await start({ mode: 'bytes', chunks: 300, size: 3_000 });
    const { out, got } = sink();
    await output.writeTo(out);
    const all = Buffer.concat(got);
    expect(all.length).toBe(900_000);
    for (let i = 0; i < 300; i++) expect(all[i * 3_000]).toBe(i % 251);
    expect(got.slice(0, -1).every((b) => b.length === 64 * 1024)).toBe(true);
    expect(out.writableFinished).toBe(true);
  });

  it('rejects before the first byte with the failure of a thread that is not ready (its code kept)', async () => {
    await expect(start({ mode: 'throw' })).rejects.toMatchObject({ message: 'nothing to export', code: 'FIXTURE_REFUSED' });
  });

  it('sends no more than 4 buffers ahead of a stream that does not write them', async () => {
    const output = await start({ mode: 'endless' });
    const { out } = sink(() => undefined);
    const written = output.writeTo(out).catch((err: Error) => err);
    await sleep(500);
    // the first is being written (never called back), three wait in the stream's buffer
    expect(out.writableLength).toBe(4 * 64 * 1024);
    // the client goes away: the thread is stopped, the write ends as a premature close
    out.destroy();
    expect(await written).toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
  });

  it('refuses a thread over the cap at once (429 EXPORT_BUSY, Retry-After) and admits one again once a thread has ended', async () => {
    const first = await start({ mode: 'endless' });
    await expect(start({ mode: 'bytes', chunks: 1, size: 10 }, 1)).rejects.toMatchObject({ code: 'EXPORT_BUSY', details: { retryAfterSeconds: 10 } });
    const { out } = sink(() => undefined);
    const written = first.writeTo(out).catch(() => undefined);
    out.destroy(); // its client goes away: the thread is stopped
    await written;
    for (let i = 0; i < 100; i++) {
      const admitted = await start({ mode: 'bytes', chunks: 1, size: 10 }, 1).catch((err: { code?: string }) => err);
      if (!('code' in admitted && admitted.code === 'EXPORT_BUSY')) {
        const { out: next, got } = sink();
        await (admitted as ExportOutput).writeTo(next);
        expect(Buffer.concat(got).length).toBe(10);
        return;
      }
      await sleep(20); // the stopped thread's exit is reported asynchronously
    }
    throw new Error('never admitted again after the first thread ended');
  });

  it('destroys the stream with the failure of a thread that exits mid-stream', async () => {
    const output = await start({ mode: 'exit' });
    const { out } = sink();
    await expect(output.writeTo(out)).rejects.toThrow('export thread exited with code 3 before its end');
    expect(out.destroyed).toBe(true);
    expect(out.writableFinished).toBe(false);
  });

  it('destroys the stream when the thread outgrows its heap after its first bytes', async () => {
    const output = await start({ mode: 'oom' });
    const { out, got } = sink();
    await expect(output.writeTo(out)).rejects.toMatchObject({ code: 'ERR_WORKER_OUT_OF_MEMORY' });
    expect(got.length).toBeGreaterThan(0);
    expect(out.destroyed).toBe(true);
    expect(out.writableFinished).toBe(false);
  });
});
