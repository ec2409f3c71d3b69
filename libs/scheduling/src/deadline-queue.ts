import { APP_CONFIG, type AppConfig } from '@app/config';
import { DeadlineScheduler, type ScheduledDeadline } from '@app/decisions';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { createQueueBackend, type QueueBackend } from './queue-backend';

export const DEADLINE_QUEUE = 'deadlines';
export interface DeadlineJob {
  deadlineId: string;
}

/** Every option of deadline jobs, in one place: jobId = deadline id makes scheduling idempotent. */
export function deadlineJobOptions(deadline: { id: string; dueAt: Date }, now: number) {
  return {
    jobId: deadline.id,
    delay: Math.max(0, deadline.dueAt.getTime() - now),
    attempts: 8,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: true,
    removeOnFail: 1000,
  };
}

/** The timer queue: one delayed job per deadline. Producer side, used after commit by DecisionService. */
@Injectable()
export class DeadlineQueue extends DeadlineScheduler implements OnModuleDestroy {
  private readonly logger = new Logger(DeadlineQueue.name);
  readonly backend: QueueBackend;
  readonly queue: Queue<DeadlineJob>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.backend = createQueueBackend({ redisUrl: config.redisUrl, databaseUrl: config.databaseUrl, queuePrefix: config.queuePrefix });
    this.queue = new this.backend.Queue<DeadlineJob>(DEADLINE_QUEUE, this.backend.options);
    this.queue.on('error', (err) => this.logger.warn(`deadline queue: ${err.message}`));
  }

  async schedule(deadlines: ScheduledDeadline[]): Promise<void> {
    const now = Date.now();
    await this.queue.addBulk(deadlines.map((d) => ({ name: d.kind, data: { deadlineId: d.id }, opts: deadlineJobOptions(d, now) })));
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
    await this.backend.close();
  }
}
