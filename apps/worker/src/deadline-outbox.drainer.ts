import { Clock } from '@app/common';
import { DeadlineRepository } from '@app/persistence';
import { OutboxSignal, QueueDriver } from '@app/scheduling';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { deadlineJob } from './deadline-job';

const BATCH = 500;
const POLL_MS = Number(process.env.OUTBOX_POLL_MS ?? 1_000);
/** After a failure to reach the queue, wait this long at first, doubling up to MAX_BACKOFF_MS. */
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * Drains the timers' outbox: deadline rows committed with their events and not yet handed to the
 * queue are claimed, added as delayed jobs, and marked; when the queue store does not answer they
 * go back to the outbox and the drainer backs off. It runs when this process's DecisionService
 * signals a commit, and every OUTBOX_POLL_MS for commits of other processes.
 */
@Injectable()
export class DeadlineOutboxDrainer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineOutboxDrainer.name);
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private backoffMs = 0;
  private pausedUntil = 0;

  constructor(
    private readonly deadlines: DeadlineRepository,
    private readonly queue: QueueDriver,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.unlisten = this.signal.listen(() => this.kick());
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.unlisten?.();
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Drain soon; a drain already running goes round once more instead of starting a second one. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drainAll().then(() => undefined).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Hand every waiting row to the queue (unless backing off); resolves with how many were enqueued. */
  async drainAll(): Promise<number> {
    if (Date.now() < this.pausedUntil) return 0;
    let enqueued = 0;
    try {
      for (;;) {
        const claimed = await this.deadlines.claimOutbox(BATCH);
        if (!claimed.length) break;
        const now = this.clock.now().getTime();
        try {
          await this.queue.add('deadlines', claimed.map((d) => deadlineJob(d, now)));
        } catch (err) {
          await this.deadlines.release(claimed.map((d) => d.id));
          throw err;
        }
        enqueued += claimed.length;
        if (claimed.length < BATCH) break;
      }
      this.backoffMs = 0;
    } catch (err) {
      this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs ? this.backoffMs * 2 : FIRST_BACKOFF_MS);
      this.pausedUntil = Date.now() + this.backoffMs;
      this.logger.warn(`timer outbox: ${(err as Error).message}; retrying in ${this.backoffMs} ms`);
    }
    return enqueued;
  }
}
