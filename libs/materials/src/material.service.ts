import { sha256Hex } from '@app/audit';
import { Clock, DomainError } from '@app/common';
import { MaterialRepository, type MaterialRow } from '@app/persistence';
import type { Actor } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface MaterialInfo {
  id: string;
  sha256: string;
  size: number;
  filename: string;
  contentType: string;
  createdAt: string;
}

/**
 * Materials (drafts, hearing records, signed expert opinions...): content
 * addressed by SHA-256, stored in PostgreSQL or, when MATERIALS_DIR is set,
 * on disk under their id. Events that reference them carry the hash in the trail.
 */
@Injectable()
export class MaterialService {
  private readonly dir = process.env.MATERIALS_DIR || null;

  constructor(
    private readonly materials: MaterialRepository,
    private readonly clock: Clock,
  ) {}

  async store(file: { originalname: string; mimetype: string; buffer: Buffer }, actor: Actor): Promise<MaterialInfo> {
    const id = randomUUID();
    const sha256 = sha256Hex(file.buffer);
    const filename = sanitizeFilename(file.originalname);
    const at = this.clock.now();
    let storagePath: string | null = null;
    if (this.dir) {
      await mkdir(this.dir, { recursive: true });
      storagePath = id;
      await writeFile(join(this.dir, storagePath), file.buffer, { flag: 'wx' });
    }
    await this.materials.insert({
      id,
      jurisdiction: actor.jurisdiction,
      filename,
      content_type: file.mimetype || 'application/octet-stream',
      size: file.buffer.length,
      sha256,
      content: storagePath ? null : file.buffer,
      storage_path: storagePath,
      uploaded_by: { sub: actor.sub, name: actor.name, unit: actor.unit },
      created_at: at,
    });
    return { id, sha256, size: file.buffer.length, filename, contentType: file.mimetype, createdAt: at.toISOString() };
  }

  /**
   * A material with its bytes, verified against its hash. Visible to its
   * uploader's unit, to the roles that see confidential matters, and to whoever
   * may see a decision citing it (404 otherwise, as for other jurisdictions).
   */
  async read(id: string, actor: Actor): Promise<MaterialInfo & { content: Buffer }> {
    const row = await this.materials.findReadable(id, actor);
    if (!row) throw DomainError.notFound('material');
    return this.load(row);
  }

  /** A material with its bytes, without an access check: only for callers that established the public may see it (an open draft). */
  async readUnchecked(id: string): Promise<MaterialInfo & { content: Buffer }> {
    const row = await this.materials.findById(id);
    if (!row) throw DomainError.notFound('material');
    return this.load(row);
  }

  private async load(row: MaterialRow): Promise<MaterialInfo & { content: Buffer }> {
    const id: string = row.id;
    const content: Buffer = row.content ?? (await readFile(join(this.dir ?? '', row.storage_path!)));
    if (sha256Hex(content) !== row.sha256) throw new Error(`material ${id} no longer matches its SHA-256`);
    return { id, sha256: row.sha256, size: Number(row.size), filename: row.filename, contentType: row.content_type, createdAt: row.created_at.toISOString(), content };
  }
}

/** Keep a display name, never a path. */
function sanitizeFilename(name: string): string {
  const base = (name || 'material').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f]/g, '').slice(0, 200);
  return base || 'material';
}
