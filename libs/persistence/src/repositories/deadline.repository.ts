import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadlineEntity } from '../entities/deadline.entity';
import { visibleDecisions, type Viewer } from './visibility.sql';

/** A row of `deadlines` as the worker reads it. */
export interface DeadlineRow {
  id: string;
  decision_id: string;
  jurisdiction: string;
  kind: string;
  due_at: Date;
  status: string;
  fire_event: string | null;
  fired_at: Date | null;
  provisional: boolean;
}

/** An open deadline as the jurisdiction's list shows it, with its decision's title. */
export interface ListedDeadline {
  id: string;
  kind: string;
  due_at: Date;
  status: string;
  provisional: boolean;
  decision_id: string;
  title: string;
}

/** SQL of statutory deadlines: the rows the timers fire (the write path writes them with each event). */
@Injectable()
export class DeadlineRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(id: string): Promise<DeadlineRow | undefined> {
    const rows: DeadlineRow[] = await this.dataSource.query(`SELECT * FROM deadlines WHERE id = $1`, [id]);
    return rows[0];
  }

  /** Record that the timer fired (first time only; a deadline closed meanwhile stays closed). */
  async markFired(id: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE deadlines SET fired_at = COALESCE(fired_at, $2), status = CASE WHEN status = 'pending' THEN 'fired' ELSE status END WHERE id = $1`,
      [id, at],
    );
  }

  /**
   * Claim up to `limit` pending deadlines waiting in the outbox, soonest first, marking them
   * enqueued (SKIP LOCKED: concurrent drainers take different rows). The caller hands them to the
   * queue, or `release`s them when it cannot.
   */
  async claimOutbox(limit: number): Promise<Pick<DeadlineRow, 'id' | 'kind' | 'due_at'>[]> {
    const [rows]: [Pick<DeadlineRow, 'id' | 'kind' | 'due_at'>[], number] = await this.dataSource.query(
      `UPDATE deadlines SET enqueued_at = now() WHERE id IN (
         SELECT id FROM deadlines WHERE status = 'pending' AND enqueued_at IS NULL ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, due_at`,
      [limit],
    );
    return rows;
  }

  /** Put claimed deadlines back in the outbox (the queue did not take them). */
  async release(ids: string[]): Promise<void> {
    if (ids.length) await this.dataSource.query(`UPDATE deadlines SET enqueued_at = NULL WHERE id = ANY($1::uuid[]) AND status = 'pending'`, [ids]);
  }

  /** Pending deadlines, soonest first (the reconciler's view of what the queue must hold). */
  pending(limit: number): Promise<Pick<DeadlineRow, 'id' | 'kind' | 'due_at'>[]> {
    return this.dataSource.getRepository(DeadlineEntity)
      .find({ select: { id: true, kind: true, dueAt: true }, where: { status: 'pending' }, order: { dueAt: 'ASC' }, take: limit })
      .then((rows) => rows.map((d) => ({ id: d.id, kind: d.kind, due_at: d.dueAt })));
  }

  /** Open deadlines (reminders aside) of the decisions `viewer` may see, soonest first; only those due before `overdueAt` when given. */
  listOpen(viewer: Viewer, overdueAt: Date | null, limit: number): Promise<ListedDeadline[]> {
    const params: unknown[] = [];
    const visible = visibleDecisions('x', viewer, params);
    const overdue = overdueAt ? ` AND d.due_at < $${params.push(overdueAt)}` : '';
    return this.dataSource.query(
      `SELECT d.id, d.kind, d.due_at, d.status, d.provisional, d.decision_id, x.title FROM deadlines d JOIN decisions x ON x.id = d.decision_id
       WHERE ${visible} AND d.jurisdiction = x.jurisdiction AND d.status <> 'closed' AND d.kind NOT LIKE '%\\_REMINDER'${overdue}
       ORDER BY d.due_at LIMIT $${params.push(limit)}`,
      params,
    );
  }
}
