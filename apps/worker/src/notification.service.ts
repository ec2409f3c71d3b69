import { signWebhook, WEBHOOK_SIGNATURE_HEADER, webhookPolicyFromEnv, type ResolveAll } from '@app/common';
import { NotificationRepository, type ClaimedNotice } from '@app/persistence';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { postWebhook } from './webhook-client';

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

/** How webhooks are delivered; every field has a default from the environment. */
export interface WebhookDeliveryOptions {
  /** notices of one jurisdiction in flight at once (WEBHOOK_CONCURRENCY, default 2) */
  perJurisdiction: number;
  /** notices one lane sends per round before giving way (default 100) */
  perRound: number;
  /** WEBHOOK_CONNECT_TIMEOUT_MS, default 5 000 */
  connectTimeoutMs: number;
  /** WEBHOOK_TIMEOUT_MS, default 10 000 */
  totalTimeoutMs: number;
  resolveAll?: ResolveAll;
  /** the signature's timestamp, unix seconds (the wall clock: receivers compare it with theirs) */
  nowSeconds: () => number;
}
export const WEBHOOK_DELIVERY_OPTIONS = Symbol('WEBHOOK_DELIVERY_OPTIONS');

const positive = (value: string | undefined, fallback: number) => (Number(value) > 0 ? Math.floor(Number(value)) : fallback);

export function webhookDeliveryOptionsFromEnv(env: Record<string, string | undefined> = process.env): WebhookDeliveryOptions {
  return {
    perJurisdiction: positive(env.WEBHOOK_CONCURRENCY, 2),
    perRound: 100,
    connectTimeoutMs: positive(env.WEBHOOK_CONNECT_TIMEOUT_MS, 5_000),
    totalTimeoutMs: positive(env.WEBHOOK_TIMEOUT_MS, 10_000),
    nowSeconds: () => Math.floor(Date.now() / 1000),
  };
}

/**
 * Reminders and overdue notices: one row per deadline (a repeat is ignored),
 * then delivered to the jurisdiction's webhook, if configured, with retries:
 * signed (X-MDE-Signature), to a destination the policy allows, each
 * jurisdiction in its own lane so a slow receiver only delays its own notices.
 */
@Injectable()
export class NotificationService {
  private readonly logger = new Logger(NotificationService.name);
  private readonly options: WebhookDeliveryOptions;
  /** the running delivery lane of each jurisdiction */
  private readonly lanes = new Map<string, Promise<number>>();

  constructor(
    private readonly notices: NotificationRepository,
    @Optional() @Inject(WEBHOOK_DELIVERY_OPTIONS) options?: Partial<WebhookDeliveryOptions>,
  ) {
    this.options = { ...webhookDeliveryOptionsFromEnv(), ...options };
  }

  async raise(n: { id: string; deadline: { id: string; decision_id: string; jurisdiction: string; kind: string; due_at: Date } }): Promise<boolean> {
    const d = n.deadline;
    const message = `${MESSAGES[d.kind] ?? d.kind}（期限：${d.due_at.toISOString()}）`;
    return this.notices.raise({ id: n.id, jurisdiction: d.jurisdiction, decisionId: d.decision_id, deadlineId: d.id, kind: d.kind, message });
  }

  /**
   * One delivery round: every jurisdiction with due notices gets a lane, unless its lane of an
   * earlier round is still running (a slow receiver holds only its own lane); resolves with the
   * count delivered when the lanes this round started are done. Each attempt is claimed atomically
   * first (SKIP LOCKED), so concurrent workers never send the same notice at once; a failure waits
   * 30 s × 2^(attempts-1) before the next try, at most 10 tries. At least once: receivers dedupe by `id`.
   */
  async deliverPending(): Promise<number> {
    const due = await this.notices.jurisdictionsWithDueDeliveries();
    const started = due.filter((j) => !this.lanes.has(j)).map((j) => this.startLane(j));
    const counts = await Promise.all(started);
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Settles when every running lane is done (shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.lanes.values()]);
  }

  private startLane(jurisdiction: string): Promise<number> {
    const lane = this.runLane(jurisdiction)
      .catch((err) => {
        this.logger.warn(`webhook lane of ${jurisdiction} stopped: ${(err as Error).message}`);
        return 0;
      })
      .finally(() => this.lanes.delete(jurisdiction));
    this.lanes.set(jurisdiction, lane);
    return lane;
  }

  private async runLane(jurisdiction: string): Promise<number> {
    let delivered = 0;
    for (let sent = 0; sent < this.options.perRound; ) {
      const batch = await this.notices.claimDeliveries(this.options.perJurisdiction, jurisdiction);
      const results = await Promise.all(batch.map((n) => this.deliver(n)));
      delivered += results.filter(Boolean).length;
      sent += batch.length;
      if (batch.length < this.options.perJurisdiction) break;
    }
    return delivered;
  }

  private async deliver(n: ClaimedNotice): Promise<boolean> {
    const body = JSON.stringify({ id: n.id, kind: n.kind, decisionId: n.decision_id, deadlineId: n.deadline_id, ...(n.event_seq != null ? { eventSeq: n.event_seq } : {}), ...(n.topic ? { topic: n.topic } : {}), message: n.message, createdAt: n.created_at });
    const headers: Record<string, string> = { 'user-agent': 'major-decision-engine-webhook', 'x-mde-notice-id': n.id };
    if (n.webhook_secret) headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] = signWebhook(n.webhook_secret, body, this.options.nowSeconds());
    try {
      await postWebhook(n.webhook_url, body, headers, { policy: webhookPolicyFromEnv(), ...this.options });
      await this.notices.markDelivered(n.id);
      return true;
    } catch (err) {
      // the reason only: never the URL's query or the body
      this.logger.warn(`webhook delivery of ${n.id} (${n.jurisdiction}) failed: ${(err as Error).message}`);
      await this.notices.markFailed(n.id, String((err as Error).message));
      return false;
    }
  }
}
