import { NotificationRepository } from '@app/persistence';
import { Injectable, Logger } from '@nestjs/common';

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

  constructor(private readonly notices: NotificationRepository) {}

  async raise(n: { id: string; deadline: { id: string; decision_id: string; jurisdiction: string; kind: string; due_at: Date } }): Promise<boolean> {
    const d = n.deadline;
    const message = `${MESSAGES[d.kind] ?? d.kind}（期限：${d.due_at.toISOString()}）`;
    return this.notices.raise({ id: n.id, jurisdiction: d.jurisdiction, decisionId: d.decision_id, deadlineId: d.id, kind: d.kind, message });
  }

  /**
   * Deliver undelivered notices of jurisdictions with a webhook. Each attempt
   * is claimed atomically first (SKIP LOCKED), so concurrent workers never send
   * the same notice at once; a failure waits 30 s × 2^(attempts-1) before the
   * next try, at most 10 tries. Delivery is at least once: receivers dedupe by `id`.
   */
  async deliverPending(fetchImpl: typeof fetch = fetch): Promise<number> {
    const claimed = await this.notices.claimDeliveries(100);
    let delivered = 0;
    for (const n of claimed) {
      try {
        const res = await fetchImpl(n.webhook_url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: n.id, kind: n.kind, decisionId: n.decision_id, deadlineId: n.deadline_id, ...(n.topic ? { topic: n.topic } : {}), message: n.message, createdAt: n.created_at }),
          signal: AbortSignal.timeout(5_000),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        await this.notices.markDelivered(n.id);
        delivered++;
      } catch (err) {
        this.logger.warn(`webhook delivery of ${n.id} failed: ${(err as Error).message}`);
        await this.notices.markFailed(n.id, String((err as Error).message));
      }
    }
    return delivered;
  }
}
