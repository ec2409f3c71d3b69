import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NotificationService } from './notification.service';

const DELIVER_EVERY_MS = Number(process.env.WEBHOOK_DELIVER_EVERY_MS ?? 5_000);

/**
 * Webhook delivery off the boot path and off the reconciler: every WEBHOOK_DELIVER_EVERY_MS a round
 * starts the lanes of jurisdictions with due notices (NotificationService.deliverPending) without
 * waiting for them, so a jurisdiction whose receiver is slow never holds up another's next round.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly notifications: NotificationService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.round(), DELIVER_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.notifications.idle();
  }

  /** Starts a round (jurisdictions whose lane still runs are skipped by deliverPending); never awaited. */
  round(): void {
    this.notifications.deliverPending().catch((err) => this.logger.warn(`webhook round failed: ${(err as Error).message}`));
  }
}
