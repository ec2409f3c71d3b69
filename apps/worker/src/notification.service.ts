import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

const MESSAGES: Record<string, string> = {
  PUBLIC_COMMENT_END_REMINDER: '公开征求意见即将届满',
  LEGALITY_REVIEW_DUE: '合法性审查已超过审查时限',
  LEGALITY_REVIEW_DUE_REMINDER: '合法性审查时限即将届满',
  HEARING_MATERIALS_DUE: '听证材料应已送达听证参加人（听证会前规定天数）',
  HEARING_MATERIALS_DUE_REMINDER: '听证材料送达期限即将届满',
  EXECUTION_DUE: '决策执行期限已届满',
  EXECUTION_DUE_REMINDER: '决策执行期限即将届满',
  EXECUTION_REPORT_DUE: '执行单位应报告执行情况（已逾期）',
  EXECUTION_REPORT_DUE_REMINDER: '执行情况报告期限即将届满',
};

/**
 * Reminders and overdue notices: one row per deadline (a repeat is ignored),
 * then delivered to the jurisdiction's webhook, if configured, with retries.
 */
@Injectable()
export class NotificationService {
  private readonly logger = new Logger(NotificationService.name);

  constructor(private readonly dataSource: DataSource) {}

  async raise(n: { id: string; deadline: { id: string; decision_id: string; jurisdiction: string; kind: string; due_at: Date } }): Promise<boolean> {
    const d = n.deadline;
    const message = `${MESSAGES[d.kind] ?? d.kind}（期限：${d.due_at.toISOString()}）`;
    const rows = await this.dataSource.query(
      `INSERT INTO notifications (id, jurisdiction, decision_id, deadline_id, kind, message, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,now()) ON CONFLICT (deadline_id) DO NOTHING RETURNING id`,
      [n.id, d.jurisdiction, d.decision_id, d.id, d.kind, message],
    );
    return rows.length === 1;
  }

  /** Try to deliver undelivered notices of jurisdictions with a webhook; failures back off by attempt count. */
  async deliverPending(fetchImpl: typeof fetch = fetch): Promise<number> {
    const pending = await this.dataSource.query(
      `SELECT n.*, s.webhook_url FROM notifications n JOIN jurisdiction_settings s ON s.jurisdiction = n.jurisdiction
       WHERE n.delivered_at IS NULL AND s.webhook_url IS NOT NULL AND n.delivery_attempts < 10
         AND n.created_at + (interval '30 seconds' * (2 ^ n.delivery_attempts)) <= now() + interval '30 seconds'
       ORDER BY n.created_at LIMIT 100`,
    );
    let delivered = 0;
    for (const n of pending) {
      try {
        const res = await fetchImpl(n.webhook_url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: n.id, kind: n.kind, decisionId: n.decision_id, deadlineId: n.deadline_id, message: n.message, createdAt: n.created_at }),
          signal: AbortSignal.timeout(5_000),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        await this.dataSource.query(`UPDATE notifications SET delivered_at = now(), delivery_attempts = delivery_attempts + 1 WHERE id = $1`, [n.id]);
        delivered++;
      } catch (err) {
        this.logger.warn(`webhook delivery of ${n.id} failed: ${(err as Error).message}`);
        await this.dataSource.query(`UPDATE notifications SET delivery_attempts = delivery_attempts + 1, last_error = $2 WHERE id = $1`, [n.id, String((err as Error).message).slice(0, 500)]);
      }
    }
    return delivered;
  }
}
