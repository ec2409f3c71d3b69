import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A notice claimed for delivery, with its jurisdiction's webhook. */
export interface ClaimedNotice {
  id: string;
  kind: string;
  decision_id: string | null;
  deadline_id: string | null;
  /** the trail event the notice was raised with (NOTIFY_ORGAN notices), else null */
  event_seq: number | null;
  /** what a notice about no decision concerns (e.g. calendar:2027) */
  topic: string | null;
  message: string;
  created_at: Date;
  jurisdiction: string;
  webhook_url: string;
  webhook_secret: string | null;
}

/** Undelivered notices whose next attempt is due, of jurisdictions with a webhook (SQL condition on n and s). */
const DUE = `n.delivered_at IS NULL AND s.webhook_url IS NOT NULL AND n.delivery_attempts < 10
  AND (n.last_attempt_at IS NULL OR n.last_attempt_at + interval '30 seconds' * (2 ^ (n.delivery_attempts - 1)) <= now())`;

/** SQL of reminders and overdue notices (one per deadline) and their webhook delivery. */
@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Insert the deadline's notice unless it has one; true when this call inserted it. */
  async raise(n: { id: string; jurisdiction: string; decisionId: string; deadlineId: string; kind: string; message: string }): Promise<boolean> {
    const rows = await this.dataSource.query(
      `INSERT INTO notifications (id, jurisdiction, decision_id, deadline_id, kind, message, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,now()) ON CONFLICT (deadline_id) DO NOTHING RETURNING id`,
      [n.id, n.jurisdiction, n.decisionId, n.deadlineId, n.kind, n.message],
    );
    return rows.length === 1;
  }

  /** Insert a notice about no decision, once per jurisdiction, kind and `topic`; true when this call inserted it. */
  async raiseOnce(n: { id: string; jurisdiction: string; kind: string; topic: string; message: string; at: Date }): Promise<boolean> {
    const rows = await this.dataSource.query(
      `INSERT INTO notifications (id, jurisdiction, kind, topic, message, created_at)
       VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (jurisdiction, kind, topic) WHERE topic IS NOT NULL DO NOTHING RETURNING id`,
      [n.id, n.jurisdiction, n.kind, n.topic, n.message, n.at],
    );
    return rows.length === 1;
  }

  /** The notices about no decision of a jurisdiction, newest first. */
  async topical(jurisdiction: string): Promise<{ id: string; kind: string; topic: string; message: string; created_at: Date }[]> {
    return this.dataSource.query(
      `SELECT id, kind, topic, message, created_at FROM notifications WHERE jurisdiction = $1 AND topic IS NOT NULL ORDER BY created_at DESC`,
      [jurisdiction],
    );
  }

  /** Jurisdictions with a notice due for delivery (each gets its own delivery lane). */
  async jurisdictionsWithDueDeliveries(limit = 1_000): Promise<string[]> {
    const rows: { jurisdiction: string }[] = await this.dataSource.query(
      `SELECT DISTINCT n.jurisdiction FROM notifications n JOIN jurisdiction_settings s ON s.jurisdiction = n.jurisdiction WHERE ${DUE} LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.jurisdiction);
  }

  /**
   * Claim up to `limit` undelivered notices of jurisdictions with a webhook (of one jurisdiction when
   * given), atomically (SKIP LOCKED: concurrent workers never send the same notice at once), counting
   * the attempt. A failed notice waits 30 s × 2^(attempts-1) after its last attempt; at most 10 attempts.
   */
  async claimDeliveries(limit: number, jurisdiction: string | null = null): Promise<ClaimedNotice[]> {
    // An UPDATE … RETURNING comes back from TypeORM as [rows, affected].
    const [claimed]: [ClaimedNotice[], number] = await this.dataSource.query(
      `WITH due AS (
         SELECT n.id FROM notifications n JOIN jurisdiction_settings s ON s.jurisdiction = n.jurisdiction
         WHERE ${DUE} AND ($2::text IS NULL OR n.jurisdiction = $2)
         ORDER BY n.created_at LIMIT $1 FOR UPDATE OF n SKIP LOCKED)
       UPDATE notifications n SET delivery_attempts = n.delivery_attempts + 1, last_attempt_at = now()
       FROM due, jurisdiction_settings s WHERE n.id = due.id AND s.jurisdiction = n.jurisdiction
       RETURNING n.id, n.jurisdiction, n.kind, n.decision_id, n.deadline_id, n.event_seq, n.topic, n.message, n.created_at, s.webhook_url, s.webhook_secret`,
      [limit, jurisdiction],
    );
    return claimed;
  }

  async markDelivered(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE notifications SET delivered_at = now(), last_error = NULL WHERE id = $1`, [id]);
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE notifications SET last_error = $2 WHERE id = $1`, [id, error.slice(0, 500)]);
  }
}
