import { DomainError } from '@app/common';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An upload written to a file of its own while hashed and counted. */
export interface Spooled {
  path: string;
  size: number;
  sha256: string;
}

/** What may stop an upload as it arrives: the per-file limit and the room left in the jurisdiction's quota. */
export interface SpoolLimits {
  maxBytes: number;
  /** bytes still free under the quota (null: no quota) */
  roomBytes: number | null;
  quotaError(size: number): DomainError;
}

export const tooLarge = (maxBytes: number) =>
  new DomainError('PAYLOAD_TOO_LARGE', `文件超过单个材料的大小上限（${maxBytes} 字节）`, undefined, { maxBytes });

/**
 * Write `source` to `path` (created new, owner-only) chunk by chunk while hashing it: never the whole
 * file in memory. Past a limit the upload stops at once; on any failure the partial file is removed.
 */
export async function spool(source: Readable & { truncated?: boolean }, path: string, limits: SpoolLimits): Promise<Spooled> {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limits.maxBytes) return done(tooLarge(limits.maxBytes));
      if (limits.roomBytes !== null && size > limits.roomBytes) return done(limits.quotaError(size));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    // busboy stops a file at its limit and marks it truncated rather than failing
    if (source.truncated) throw tooLarge(limits.maxBytes);
    return { path, size, sha256: hash.digest('hex') };
  } catch (err) {
    await removeQuietly(path);
    throw err;
  }
}

/** How a material's bytes are cut for the database: 1 MiB chunks. */
export const CHUNK_BYTES = 1 << 20;

/** How many chunks a material of `size` bytes is stored in. */
export const chunkCount = (size: number, chunkBytes = CHUNK_BYTES) => Math.ceil(size / chunkBytes);

/** A spooled file in chunks of exactly `chunkBytes` (the last one shorter): `chunkCount(size)` of them. */
export async function* fileChunks(path: string, chunkBytes = CHUNK_BYTES): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const read of createReadStream(path, { highWaterMark: chunkBytes }) as AsyncIterable<Buffer>) {
    pending = pending.length ? Buffer.concat([pending, read]) : read;
    while (pending.length >= chunkBytes) {
      yield pending.subarray(0, chunkBytes);
      pending = pending.subarray(chunkBytes);
    }
  }
  if (pending.length) yield pending;
}

export async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

/** Bytes from `source` passed on as they come; fails at the end when they do not hash to `sha256`. */
export async function* verifiedBytes(source: AsyncIterable<Buffer>, sha256: string, id: string): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
  if (hash.digest('hex') !== sha256) throw new Error(`material ${id} no longer matches its SHA-256`);
}
