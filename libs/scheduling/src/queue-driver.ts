import type { JobHandlerFn, QueueJob, QueueName } from './queues';

/**
 * The job queues behind one small interface (twenty's message-queue drivers are the model):
 * BullMQ on Redis in production, BullMQ on PostgreSQL for the embedded default, in-process for
 * tests. PostgreSQL's tables stay the source of truth: a queue may lose everything and the
 * reconciler puts it back, so no caller waits long on a queue.
 */
export abstract class QueueDriver {
  abstract readonly kind: 'redis' | 'postgres' | 'in-process';

  /** Add jobs (a job whose id is already queued is left as it is); rejects when the queue store does not answer in time. */
  abstract add(queue: QueueName, jobs: QueueJob[]): Promise<void>;

  /** Start consuming `queue` with `handler` (failed jobs are retried per QUEUES); returns at once. */
  abstract work(queue: QueueName, handler: JobHandlerFn): void;

  /** Add a job named `name` to `queue` every `everyMs` milliseconds (idempotent per name). */
  abstract every(queue: QueueName, name: string, everyMs: number): Promise<void>;

  /** Is a job with this id waiting or delayed? (diagnostics and tests) */
  abstract has(queue: QueueName, id: string): Promise<boolean>;

  /** Drop a waiting or delayed job. */
  abstract remove(queue: QueueName, id: string): Promise<void>;

  /** Stop consuming and close connections. */
  abstract close(): Promise<void>;
}

/** Rejects when `promise` has not settled within `ms` (the promise itself is left to settle). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
