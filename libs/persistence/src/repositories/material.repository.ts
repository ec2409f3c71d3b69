import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MaterialEntity } from '../entities/material.entity';
import type { SqlExecutor } from '../sql/sql-session';
import { visibleDecisions, type Viewer } from './visibility.sql';

/** A row of `materials`; the bytes are in `content` or in a file named by `storage_path`. */
export interface MaterialRow {
  id: string;
  jurisdiction: string;
  filename: string;
  content_type: string;
  size: string | number;
  sha256: string;
  content: Buffer | null;
  storage_path: string | null;
  /** how many rows of material_chunks hold the bytes (null: in `content` or on disk) */
  chunks?: number | null;
  uploaded_by: { sub: string; name: string; unit: string };
  created_at: Date;
}

/** How an event cites a material: enough to prove which file was meant. */
export interface MaterialRef {
  id: string;
  sha256: string;
  filename: string;
}

/**
 * Who may read a material of the table aliased `alias`, as a SQL condition (inputs appended to
 * `params`): the viewer's jurisdiction, and uploaded by their unit, or they see confidential
 * matters, or they may see a decision citing it. The one home of this rule.
 */
function readableBy(alias: string, viewer: Viewer, params: unknown[]): string {
  const cited = visibleDecisions('d', viewer, params);
  const [j, c, u] = [params.length - 2, params.length - 1, params.length];
  return `${alias}.jurisdiction = $${j} AND (${alias}.uploaded_by->>'unit' = $${u} OR $${c}::boolean OR EXISTS (
    SELECT 1 FROM material_citations mc JOIN decisions d ON d.id = mc.decision_id WHERE mc.material_id = ${alias}.id AND ${cited}))`;
}

/** SQL of uploaded materials and who may read them. */
@Injectable()
export class MaterialRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(m: Omit<MaterialRow, 'size'> & { size: number }): Promise<void> {
    await this.dataSource.getRepository(MaterialEntity).insert({
      id: m.id,
      jurisdiction: m.jurisdiction,
      filename: m.filename,
      contentType: m.content_type,
      size: String(m.size),
      sha256: m.sha256,
      content: m.content,
      storagePath: m.storage_path,
      uploadedBy: m.uploaded_by,
      createdAt: m.created_at,
    });
  }

  /**
   * A material `viewer` may read: uploaded by their unit, or they see confidential matters, or
   * they may see a decision citing it. Undefined otherwise (as for other jurisdictions').
   */
  async findReadable(id: string, viewer: Viewer): Promise<MaterialRow | undefined> {
    const params: unknown[] = [id];
    const rows: MaterialRow[] = await this.dataSource.query(`SELECT m.* FROM materials m WHERE m.id = $1 AND ${readableBy('m', viewer, params)}`, params);
    return rows[0];
  }

  /** The references of those of `ids` that `viewer` may read (as `findReadable` says), by id, on the caller's session. */
  async readableRefsIn(em: SqlExecutor, viewer: Viewer, ids: string[]): Promise<MaterialRef[]> {
    const params: unknown[] = [ids];
    return em.query(`SELECT m.id, m.sha256, m.filename FROM materials m WHERE m.id = ANY($1::uuid[]) AND ${readableBy('m', viewer, params)} ORDER BY m.id`, params);
  }

  /** The materials a decision's events up to `toSeq` cite, in order of first citation. */
  async citedBy(decisionId: string, toSeq: number): Promise<string[]> {
    const rows: { material_id: string }[] = await this.dataSource.query(
      `SELECT material_id FROM material_citations WHERE decision_id = $1 AND seq <= $2 GROUP BY material_id ORDER BY min(seq), material_id`,
      [decisionId, toSeq],
    );
    return rows.map((r) => r.material_id);
  }

  /** A material by id, without any access check (the caller established the public may see it). */
  async findById(id: string): Promise<MaterialRow | undefined> {
    const rows: MaterialRow[] = await this.dataSource.query(`SELECT * FROM materials WHERE id = $1`, [id]);
    return rows[0];
  }
}
