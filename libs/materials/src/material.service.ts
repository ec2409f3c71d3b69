import { Clock, DomainError } from '@app/common';
import { MaterialContentRepository, MaterialRepository, type MaterialRow } from '@app/persistence';
import type { Actor } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { chunkCount, fileChunks, removeQuietly, spool, verifiedBytes } from './material-spool';

export interface MaterialInfo {
  id: string;
  sha256: string;
  size: number;
  filename: string;
  contentType: string;
  createdAt: string;
}

/** A material whose bytes are read when `bytes()` is iterated, verified against its hash as they pass. */
export interface MaterialHandle extends MaterialInfo {
  bytes(): AsyncIterable<Buffer>;
  /** Where its bytes are, for a reader of its own (an export thread): the bytes, a file, or its chunks in PostgreSQL. */
  stored: MaterialStorage;
}

export type MaterialStorage = { content: Buffer } | { file: string } | { chunks: number };

/** A file part of a multipart upload, as it arrives. */
export interface MaterialUpload {
  originalname: string;
  mimetype: string;
  stream: Readable;
}

/** The quota of every jurisdiction (MATERIALS_QUOTA_BYTES; unset or 0: none). */
export function materialsQuotaBytes(env: NodeJS.ProcessEnv = process.env): number | null {
  const quota = Number(env.MATERIALS_QUOTA_BYTES ?? 0);
  return Number.isFinite(quota) && quota > 0 ? quota : null;
}

/**
 * Materials (drafts, hearing records, signed expert opinions...): content
 * addressed by SHA-256, stored in PostgreSQL (in chunks) or, when MATERIALS_DIR
 * is set, on disk under their id. Uploads and reads are streamed: no file is
 * ever held whole. Events that reference them carry the hash in the trail.
 */
@Injectable()
export class MaterialService {
  private readonly dir = process.env.MATERIALS_DIR || null;
  private readonly quotaBytes = materialsQuotaBytes();
  /** where uploads are written while they arrive: MATERIALS_SPOOL_DIR, else MATERIALS_DIR (a rename into place), else the OS temporary directory */
  private readonly spoolDir = process.env.MATERIALS_SPOOL_DIR || this.dir || tmpdir();

  constructor(
    private readonly materials: MaterialRepository,
    private readonly content: MaterialContentRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Store an upload as it arrives: spooled to a file while hashed (at most `maxBytes`, within the
   * jurisdiction's quota), then recorded with its bytes in one transaction. A refused or broken upload
   * leaves nothing behind.
   */
  async storeStream(file: MaterialUpload, actor: Actor, maxBytes: number): Promise<MaterialInfo> {
    const id = randomUUID();
    const quota = this.quotaBytes;
    const used = quota === null ? 0 : await this.content.usedBytes(actor.jurisdiction);
    const quotaError = (size?: number) => quotaExceeded(quota!, used, size);
    if (quota !== null && used >= quota) throw quotaError();
    if (this.dir) await mkdir(this.dir, { recursive: true });
    const spooled = await spool(file.stream, join(this.spoolDir, `.upload-${id}`), { maxBytes, roomBytes: quota === null ? null : quota - used, quotaError });
    const filename = sanitizeFilename(file.originalname);
    const at = this.clock.now();
    const row = {
      id,
      jurisdiction: actor.jurisdiction,
      filename,
      content_type: file.mimetype || 'application/octet-stream',
      size: spooled.size,
      sha256: spooled.sha256,
      storage_path: this.dir ? id : null,
      uploaded_by: { sub: actor.sub, name: actor.name, unit: actor.unit },
      created_at: at,
    };
    const final = this.dir ? join(this.dir, id) : null;
    try {
      const outcome = final
        ? await this.content.insertWithinQuota(row, quota, null, () => rename(spooled.path, final))
        : await this.content.insertWithinQuota(row, quota, { count: chunkCount(spooled.size), bytes: fileChunks(spooled.path) });
      if (!outcome.stored) throw quotaExceeded(quota!, outcome.usedBytes, spooled.size);
    } catch (err) {
      if (final) await removeQuietly(final);
      throw err;
    } finally {
      await removeQuietly(spooled.path);
    }
    return { id, sha256: spooled.sha256, size: spooled.size, filename, contentType: row.content_type, createdAt: at.toISOString() };
  }

  /**
   * A material `actor` may read, its bytes streamed on demand. Visible to its uploader's unit, to the
   * roles that see confidential matters, and to whoever may see a decision citing it (404 otherwise,
   * as for other jurisdictions).
   */
  async open(id: string, actor: Actor): Promise<MaterialHandle> {
    const row = await this.materials.findReadable(id, actor);
    if (!row) throw DomainError.notFound('material');
    return this.handle(row);
  }

  /** A material with its bytes (bounded by the upload limit), without an access check: only for callers that established the public may see it (an open draft). */
  async readUnchecked(id: string): Promise<MaterialInfo & { content: Buffer }> {
    const row = await this.materials.findById(id);
    if (!row) throw DomainError.notFound('material');
    const m = this.handle(row);
    const parts: Buffer[] = [];
    for await (const b of m.bytes()) parts.push(b);
    const { bytes: _bytes, stored: _stored, ...info } = m;
    return { ...info, content: Buffer.concat(parts) };
  }

  /**
   * Forget a material just stored whose request then failed (multer drops the files of a refused
   * request): its row, chunks and file, unless an event already cites it.
   */
  async discard(id: string): Promise<void> {
    const path = await this.content.deleteUncited(id);
    if (path) await removeQuietly(join(this.dir ?? '', path));
  }

  private handle(row: MaterialRow): MaterialHandle {
    const id: string = row.id;
    const source = (): AsyncIterable<Buffer> => {
      if (row.content) return (async function* () {
        yield row.content!;
      })();
      if (row.storage_path) return createReadStream(join(this.dir ?? '', row.storage_path));
      return this.content.chunks(id, row.chunks ?? 0);
    };
    const info = { id, sha256: row.sha256, size: Number(row.size), filename: row.filename, contentType: row.content_type, createdAt: row.created_at.toISOString() };
    const stored: MaterialStorage = row.content ? { content: row.content } : row.storage_path ? { file: join(this.dir ?? '', row.storage_path) } : { chunks: row.chunks ?? 0 };
    return { ...info, stored, bytes: () => verifiedBytes(source(), row.sha256, id) };
  }
}

function quotaExceeded(quotaBytes: number, usedBytes: number, size?: number): DomainError {
  const details = { quotaBytes, usedBytes, ...(size === undefined ? {} : { size }) };
  return new DomainError('MATERIALS_QUOTA_EXCEEDED', `本辖区材料存储已达配额（上限 ${quotaBytes} 字节，已用 ${usedBytes} 字节），不能再上传该文件`, undefined, details);
}

/** Keep a display name, never a path. */
function sanitizeFilename(name: string): string {
  const base = (name || 'material').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f]/g, '').slice(0, 200);
  return base || 'material';
}
