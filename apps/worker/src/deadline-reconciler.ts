import { Clock } from '@app/common';
import { DeadlineRepository, IdempotencyRepository } from '@app/persistence';
import { JobHandler, QueueDriver } from '@app/scheduling';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DeadlineFiringService } from './deadline-firing.service';
import { deadlineJob } from './deadline-job';

const RECONCILE_EVERY_MS = Number(process.env.RECONCILE_EVERY_MS ?? 60_000);
const IDEMPOTENCY_RETENTION_MS = 48 * 3_600_000;

/**
 * Makes the timer queue match the deadlines table, at start and every RECONCILE_EVERY_MS (a job
 * scheduler of the maintenance queue, re-created by this process if the store lost it): what is
 * due is fired, what is not is (re)added, so a queue that lost everything (Redis FLUSHALL,
 * restart) loses no timer. Several workers may run it: firing is exactly-once by construction.
 * Also forgets old idempotency keys (webhook delivery is WebhookDispatcher's, never on this path).
 */
@Injectable()
export class DeadlineReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineReconciler.name);
  private keepAlive: NodeJS.Timeout | null = null;
  /** settles once the start-up reconcile is over (whatever its outcome) */
  bootstrapped: Promise<void> = Promise.resolve();

  constructor(
    private readonly deadlines: DeadlineRepository,
    private readonly queue: QueueDriver,
    private readonly firing: DeadlineFiringService,
    private readonly idempotency: IdempotencyRepository,
    private readonly clock: Clock,
  ) {}

  /** Start-up never waits on the queue store: a worker (and MODE=all's HTTP server) comes up while Redis is down. */
  onApplicationBootstrap(): void {
    const ensure = () => this.queue.every('maintenance', 'reconcile', RECONCILE_EVERY_MS).catch((err) => this.logger.warn(`reconcile schedule: ${(err as Error).message}`));
    this.keepAlive = setInterval(() => void ensure(), RECONCILE_EVERY_MS);
    this.keepAlive.unref();
    this.bootstrapped = Promise.all([ensure(), this.reconcile().catch((err) => this.logger.error(`start-up reconcile failed: ${err}`))]).then(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.keepAlive) clearInterval(this.keepAlive);
    await this.bootstrapped;
  }

  @JobHandler('maintenance')
  async onMaintenance(): Promise<{ fired: number; scheduled: number }> {
    return this.reconcile();
  }

  /** Fire what is due, (re)add what is not; returns the counts. */
  async reconcile(): Promise<{ fired: number; scheduled: number }> {
    const now = this.clock.now().getTime();
    const pending = await this.deadlines.pending(10_000);
    let fired = 0;
    for (const d of pending.filter((p) => p.due_at.getTime() <= now)) {
      await this.firing.fire(d.id).then(
        () => fired++,
        (err) => this.logger.warn(`firing ${d.id} failed, will retry: ${err}`),
      );
    }
    const future = pending.filter((p) => p.due_at.getTime() > now).map((d) => deadlineJob(d, now));
    await this.queue.add('deadlines', future).catch((err) => this.logger.warn(`reconcile could not reach the timer queue: ${(err as Error).message}`));
    await this.idempotency.purge(new Date(now - IDEMPOTENCY_RETENTION_MS));
    return { fired, scheduled: future.length };
  }
}
