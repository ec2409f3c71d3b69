import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { materialChunks } from './material-chunks.reader';
import type { MaterialRow } from './material.repository';

/** A material about to be recorded; its bytes come as chunks (kept in PostgreSQL) or are already in a file (`storage_path`). */
export type NewMaterial = Omit<MaterialRow, 'size' | 'content'> & { size: number };

/** The outcome of recording a material under a quota. */
export type QuotaOutcome = { stored: true } | { stored: false; usedBytes: number };

// One lock per jurisdiction for the quota check and the insert (two uploads cannot both fit in the last bytes).
const QUOTA_LOCK = `SELECT pg_advisory_xact_lock(hashtextextended('materials-quota:' || $1, 0))`;
const USED = `SELECT coalesce(sum(size), 0)::int8 AS used FROM materials WHERE jurisdiction = $1`;

/** SQL of materials' bytes: quota-checked inserts with their chunks, chunk-by-chunk reads, the bytes a jurisdiction uses. */
@Injectable()
export class MaterialContentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Bytes of materials the jurisdiction holds. */
  async usedBytes(jurisdiction: string): Promise<number> {
    const rows: { used: string }[] = await this.dataSource.query(USED, [jurisdiction]);
    return Number(rows[0].used);
  }

  /**
   * Record `m` when the jurisdiction's materials stay within `quotaBytes` with it (null: no quota): the row
   * and, when `chunks` is given, its bytes chunk by chunk, in one transaction. `beforeCommit` runs inside it
   * (a file moved into place): when it throws nothing is recorded. Nothing is recorded over the quota.
   */
  async insertWithinQuota(
    m: NewMaterial,
    quotaBytes: number | null,
    /** the bytes in PostgreSQL: how many chunks, then the chunks (the row states the count up front: the runtime role never updates a material) */
    chunks: { count: number; bytes: AsyncIterable<Buffer> } | null,
    beforeCommit?: () => Promise<void>,
  ): Promise<QuotaOutcome> {
    return this.dataSource.transaction(async (em) => {
      if (quotaBytes !== null) {
        await em.query(QUOTA_LOCK, [m.jurisdiction]);
        const used = Number((await em.query(USED, [m.jurisdiction]))[0].used);
        if (used + m.size > quotaBytes) return { stored: false, usedBytes: used };
      }
      await em.query(
        `INSERT INTO materials (id, jurisdiction, filename, content_type, size, sha256, storage_path, chunks, uploaded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [m.id, m.jurisdiction, m.filename, m.content_type, m.size, m.sha256, m.storage_path, chunks ? chunks.count : null, JSON.stringify(m.uploaded_by), m.created_at],
      );
      if (chunks) {
        let n = 0;
        for await (const bytes of chunks.bytes) await em.query(`INSERT INTO material_chunks (material_id, n, bytes) VALUES ($1, $2, $3)`, [m.id, n++, bytes]);
        if (n !== chunks.count) throw new Error(`material ${m.id}: ${n} chunks stored, ${chunks.count} announced`);
      }
      await beforeCommit?.();
      return { stored: true };
    });
  }

  /** The bytes of a material stored in PostgreSQL, in order (see materialChunks). */
  chunks(id: string, count: number): AsyncGenerator<Buffer> {
    return materialChunks(this.dataSource, id, count);
  }

  /** Delete a material no event cites (its chunks go with it); the storage path of its file, if any. */
  async deleteUncited(id: string): Promise<string | null | undefined> {
    const [rows] = (await this.dataSource.query(
      `DELETE FROM materials m WHERE m.id = $1 AND NOT EXISTS (SELECT 1 FROM material_citations c WHERE c.material_id = m.id) RETURNING storage_path`,
      [id],
    )) as [{ storage_path: string | null }[], number];
    return rows[0]?.storage_path;
  }
}
