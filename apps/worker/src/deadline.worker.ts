import { Clock } from '@app/common';
import { DeadlineRepository, IdempotencyRepository } from '@app/persistence';
import { DEADLINE_QUEUE, DeadlineQueue, deadlineJobOptions, type DeadlineJob } from '@app/scheduling';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue, Worker } from 'bullmq';
import { DeadlineFiringService } from './deadline-firing.service';
import { NotificationService } from './notification.service';

const MAINTENANCE_QUEUE = 'maintenance';
const RECONCILE_EVERY_MS = Number(process.env.RECONCILE_EVERY_MS ?? 60_000);
const IDEMPOTENCY_RETENTION_MS = 48 * 3_600_000;

/**
 * The worker: processes deadline jobs, and reconciles the queue with the
 * deadlines table at start and every minute (a BullMQ job scheduler), so a
 * lost queue (Redis FLUSHALL, restart) loses nothing: missing jobs are
 * re-created and anything already due is fired. Several workers may run:
 * firing is exactly-once by construction (idempotency key / unique notice).
 */
@Injectable()
export class DeadlineWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineWorker.name);
  private workers: Worker[] = [];
  private maintenance: Queue | null = null;
  private keepAlive: NodeJS.Timeout | null = null;

  constructor(
    private readonly queue: DeadlineQueue,
    private readonly firing: DeadlineFiringService,
    private readonly notifications: NotificationService,
    private readonly idempotency: IdempotencyRepository,
    private readonly deadlines: DeadlineRepository,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { Worker: W, Queue: Q, options } = this.queue.backend;
    const deadlines = new W<DeadlineJob>(DEADLINE_QUEUE, (job: Job<DeadlineJob>) => this.firing.fire(job.data.deadlineId), { ...options, concurrency: 4 });
    const maintenance = new W(MAINTENANCE_QUEUE, () => this.reconcile(), { ...options, concurrency: 1 });
    for (const w of [deadlines, maintenance]) w.on('error', (err) => this.logger.warn(`worker: ${err.message}`));
    this.workers = [deadlines, maintenance];
    this.maintenance = new Q(MAINTENANCE_QUEUE, options);
    await this.ensureScheduler();
    // The job scheduler lives in the queue store: if Redis loses it, this process re-creates it (upsert is idempotent).
    this.keepAlive = setInterval(() => void this.ensureScheduler().catch((err) => this.logger.warn(`reconcile scheduler: ${err}`)), RECONCILE_EVERY_MS);
    this.keepAlive.unref();
    await this.reconcile().catch((err) => this.logger.error(`initial reconcile failed: ${err}`));
  }

  private async ensureScheduler(): Promise<void> {
    await this.maintenance!.upsertJobScheduler('reconcile-deadlines', { every: RECONCILE_EVERY_MS }, { name: 'reconcile', opts: { removeOnComplete: true, removeOnFail: 100 } });
  }

  /** Make the queue match the table: fire what is due, (re)schedule what is not. Returns counts. */
  async reconcile(): Promise<{ fired: number; scheduled: number }> {
    const now = this.clock.now().getTime();
    const pending = await this.deadlines.pending(10_000);
    let fired = 0;
    const future = [];
    for (const d of pending) {
      if (d.due_at.getTime() <= now) {
        await this.firing.fire(d.id).then(() => fired++, (err) => this.logger.warn(`firing ${d.id} failed, will retry: ${err}`));
      } else {
        future.push({ name: d.kind, data: { deadlineId: d.id }, opts: deadlineJobOptions({ id: d.id, dueAt: d.due_at }, now) });
      }
    }
    if (future.length) await this.queue.queue.addBulk(future);
    await this.notifications.deliverPending();
    await this.idempotency.purge(new Date(now - IDEMPOTENCY_RETENTION_MS));
    return { fired, scheduled: future.length };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.keepAlive) clearInterval(this.keepAlive);
    await Promise.all(this.workers.map((w) => w.close()));
    await this.maintenance?.close();
  }
}
