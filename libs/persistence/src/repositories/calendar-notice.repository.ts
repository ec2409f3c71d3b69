import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlExecutor } from '../sql/sql-session';

/** Who uploaded a notice (the actor's id, role and jurisdiction, as the token named them). */
export interface NoticeUploader {
  id: string;
  role: string;
  jurisdiction: string;
}

/** One uploaded State Council notice as stored (`arrangement`: the parsed upload). */
export interface CalendarNoticeRow {
  id: string;
  year: number;
  arrangement: unknown;
  uploadedBy: NoticeUploader;
  uploadedAt: Date;
}

/** Session-level advisory lock key of the provisional deadlines' recomputation (one worker at a time). */
const RECOMPUTE_LOCK = 1_733_800_001;

/** SQL of uploaded holiday notices (append-only) and the recomputation's lock. */
@Injectable()
export class CalendarNoticeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Record an upload; never updates an earlier one. */
  async record(n: { id: string; year: number; arrangement: unknown; uploadedBy: NoticeUploader; uploadedAt: Date }): Promise<void> {
    await this.dataSource.query(`INSERT INTO calendar_notices (id, year, arrangement, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5)`, [
      n.id, n.year, JSON.stringify(n.arrangement), JSON.stringify(n.uploadedBy), n.uploadedAt,
    ]);
  }

  /** Every upload, oldest first (the last one of a year applies). */
  async all(): Promise<CalendarNoticeRow[]> {
    const rows: { id: string; year: number; arrangement: unknown; uploaded_by: NoticeUploader; uploaded_at: Date }[] = await this.dataSource.query(
      `SELECT id, year, arrangement, uploaded_by, uploaded_at FROM calendar_notices ORDER BY uploaded_at, id`,
    );
    return rows.map((r) => ({ id: r.id, year: r.year, arrangement: r.arrangement, uploadedBy: r.uploaded_by, uploadedAt: r.uploaded_at }));
  }

  /** Take the recomputation's lock on this session unless another session holds it. */
  async tryLockRecompute(session: SqlExecutor): Promise<boolean> {
    const [{ locked }] = await session.query(`SELECT pg_try_advisory_lock($1) AS locked`, [RECOMPUTE_LOCK]);
    return locked === true;
  }

  async unlockRecompute(session: SqlExecutor): Promise<void> {
    await session.query(`SELECT pg_advisory_unlock($1)`, [RECOMPUTE_LOCK]);
  }

  /** Every jurisdiction the system knows (settings, units or decisions): whose administrators hear of the calendar's coverage. */
  async knownJurisdictions(): Promise<string[]> {
    const rows: { jurisdiction: string }[] = await this.dataSource.query(
      `SELECT jurisdiction FROM jurisdiction_settings UNION SELECT jurisdiction FROM units UNION SELECT DISTINCT jurisdiction FROM decisions ORDER BY 1`,
    );
    return rows.map((r) => r.jurisdiction);
  }

  /** Decisions with an open provisional deadline, after `afterId` (by id, `limit` at a time), with their jurisdiction. */
  async decisionsWithProvisionalDeadlines(afterId: string | null, limit: number): Promise<{ id: string; jurisdiction: string }[]> {
    return this.dataSource.query(
      `SELECT DISTINCT decision_id AS id, jurisdiction FROM deadlines
       WHERE status = 'pending' AND provisional AND ($1::uuid IS NULL OR decision_id > $1::uuid)
       ORDER BY decision_id LIMIT $2`,
      [afterId, limit],
    );
  }
}
