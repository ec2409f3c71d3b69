import { Logger } from '@nestjs/common';
import { Queue, Worker, withBackend, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { QueueDriver, within } from './queue-driver';
import { QUEUES, type JobHandlerFn, type QueueJob, type QueueName } from './queues';
import { queueSchemaOf } from './queue-schema';

// BullMQ 6 ships its PostgreSQL backend outside the package's main entry (CJS build, ESM typings).
const { createPostgresBackend } = require('bullmq/dist/cjs/postgres') as typeof import('bullmq/dist/esm/postgres/index');

/** How long a producer call may wait for the queue store before it fails (the caller retries later). */
const ANSWER_WITHIN_MS = 5_000;
const LIVE_STATES = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children', 'active']);

interface Backend {
  kind: 'redis' | 'postgres';
  Queue: typeof Queue;
  Worker: typeof Worker;
  producer: { connection: any; prefix?: string };
  consumer: { connection: any; prefix?: string };
  /** stop reconnecting: the driver is closing */
  closing(): void;
  close(): Promise<void>;
}

/**
 * BullMQ behind the QueueDriver: on Redis when REDIS_URL is set (production: AOF on,
 * noeviction), otherwise on BullMQ's PostgreSQL backend in the application's own database (the
 * embedded default). Producer calls fail within seconds when the store is down instead of
 * waiting for it (the outbox and the reconciler try again); consumers reconnect by themselves.
 */
export class BullMqDriver extends QueueDriver {
  private readonly logger = new Logger(BullMqDriver.name);
  private readonly backend: Backend;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];

  constructor(config: { redisUrl?: string; databaseUrl?: string; queuePrefix: string; queueMigrate?: boolean }) {
    super();
    this.backend = config.redisUrl ? redisBackend(config.redisUrl, config.queuePrefix) : postgresBackend(config.databaseUrl, config.queuePrefix, config.queueMigrate ?? true);
  }

  get kind() {
    return this.backend.kind;
  }

  async add(queue: QueueName, jobs: QueueJob[]): Promise<void> {
    if (!jobs.length) return;
    const o = QUEUES[queue];
    const bulk = jobs.map((j) => ({
      name: j.name,
      data: j.data,
      opts: {
        jobId: j.id,
        delay: Math.max(0, j.delayMs ?? 0),
        attempts: o.attempts,
        ...(o.backoffMs ? { backoff: { type: 'exponential', delay: o.backoffMs } } : {}),
        removeOnComplete: true,
        removeOnFail: o.keepFailed,
      },
    }));
    await within(this.queue(queue).addBulk(bulk), ANSWER_WITHIN_MS, `queue ${queue}`);
  }

  work(queue: QueueName, handler: JobHandlerFn): void {
    const { Worker: W, consumer } = this.backend;
    const worker = new W(queue, (job: Job) => handler({ id: job.id!, name: job.name, data: job.data, attempt: job.attemptsMade + 1 }), {
      ...consumer,
      concurrency: QUEUES[queue].concurrency,
    });
    worker.on('error', (err) => this.logger.warn(`worker of ${queue}: ${err.message}`));
    this.workers.push(worker);
  }

  async every(queue: QueueName, name: string, everyMs: number): Promise<void> {
    await within(
      this.queue(queue).upsertJobScheduler(name, { every: everyMs }, { name, opts: { removeOnComplete: true, removeOnFail: QUEUES[queue].keepFailed } }),
      ANSWER_WITHIN_MS,
      `queue ${queue}`,
    );
  }

  async has(queue: QueueName, id: string): Promise<boolean> {
    const job = await within(this.queue(queue).getJob(id), ANSWER_WITHIN_MS, `queue ${queue}`);
    return !!job && LIVE_STATES.has(await job.getState());
  }

  async remove(queue: QueueName, id: string): Promise<void> {
    await within(this.queue(queue).remove(id), ANSWER_WITHIN_MS, `queue ${queue}`);
  }

  /** Stops consuming; bounded, so a process whose queue store is down still shuts down (jobs in hand are retried elsewhere). */
  async close(): Promise<void> {
    this.backend.closing();
    const all = [...this.workers.splice(0), ...this.queues.values()];
    await within(Promise.allSettled(all.map((q) => q.close())), ANSWER_WITHIN_MS, 'closing the queues').catch((err) => {
      // The store does not answer: drop the connections (jobs in hand are retried by another worker or the reconciler).
      this.logger.warn((err as Error).message);
      for (const q of all) q.disconnect().catch(() => undefined);
    });
    this.queues.clear();
    await this.backend.close();
  }

  private queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new this.backend.Queue(name, this.backend.producer);
      q.on('error', (err) => this.logger.warn(`queue ${name}: ${err.message}`));
      this.queues.set(name, q);
    }
    return q;
  }
}

function redisBackend(url: string, prefix: string): Backend {
  // Reconnect while running; once closing, stop (BullMQ's duplicated connections inherit this too).
  let closing = false;
  const retryStrategy = (times: number) => (closing ? null : Math.min(times * 200, 2_000));
  // Producers give up on a command after one reconnection attempt; consumers wait for Redis (BullMQ requires it).
  const producer = new IORedis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000, retryStrategy });
  const consumer = new IORedis(url, { maxRetriesPerRequest: null, retryStrategy });
  for (const c of [producer, consumer]) c.on('error', () => undefined); // health reports the outage
  return {
    kind: 'redis',
    Queue,
    Worker,
    producer: { connection: producer, prefix },
    consumer: { connection: consumer, prefix },
    closing: () => {
      closing = true;
    },
    close: async () => {
      producer.disconnect();
      consumer.disconnect();
    },
  };
}

function postgresBackend(databaseUrl: string | undefined, prefix: string, migrate: boolean): Backend {
  if (!databaseUrl) throw new Error('queues need REDIS_URL or DATABASE_URL');
  const pg = withBackend(createPostgresBackend);
  // migrate false: the owner migrated the schema (migrateQueueSchema); the runtime role could not.
  const options = { connection: { connectionString: databaseUrl, schema: queueSchemaOf(prefix), migrate, max: 5 } };
  return {
    kind: 'postgres',
    Queue: pg.Queue as unknown as typeof Queue,
    Worker: pg.Worker as unknown as typeof Worker,
    producer: options,
    consumer: options,
    closing: () => undefined,
    close: async () => undefined,
  };
}
