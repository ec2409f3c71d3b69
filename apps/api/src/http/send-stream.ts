import type { LoggerService } from '@nestjs/common';
import type { Response } from 'express';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Write `chunks` to the response as they come, at the pace the client reads (backpressure). A failure
 * after the first byte cannot become an error answer any more: the response is cut off (the client
 * sees an incomplete body, never a complete-looking wrong one) and the failure logged without data.
 * An export thread's output writes itself (its buffers go back to the thread as they are written).
 */
export async function sendStream(res: Response, chunks: AsyncIterable<string | Uint8Array> | { writeTo(out: Writable): Promise<void> }, logger: LoggerService, what: string): Promise<void> {
  try {
    if ('writeTo' in chunks) await chunks.writeTo(res);
    else await pipeline(Readable.from(chunks, { objectMode: false }), res);
  } catch (err) {
    const code = (err as { code?: string }).code;
    // a client that went away is not a failure of ours
    if (code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.error({ err, what }, 'streamed answer broken off');
    res.destroy();
  }
}
