/** Every queue of the application and the options of its jobs, in one place. */
export const QUEUES = {
  /** one delayed job per statutory deadline; the job id is the deadline id (scheduling twice is a no-op) */
  deadlines: { concurrency: 4, attempts: 8, backoffMs: 2_000, keepFailed: 1_000 },
  /** periodic upkeep: the reconciler */
  maintenance: { concurrency: 1, attempts: 1, backoffMs: 0, keepFailed: 100 },
  /** signing the checkpoints of the trails' trees and copying them out (CHECKPOINT_INTERVAL_MS) */
  checkpoints: { concurrency: 1, attempts: 1, backoffMs: 0, keepFailed: 100 },
} as const;

export type QueueName = keyof typeof QUEUES;
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];

/** A job to add: its id makes adding idempotent. */
export interface QueueJob<T = unknown> {
  id: string;
  name: string;
  data: T;
  /** run no earlier than this many milliseconds from now */
  delayMs?: number;
}

/** A job as a handler receives it. */
export interface ReceivedJob<T = unknown> {
  id: string;
  name: string;
  data: T;
  /** 1 for the first attempt */
  attempt: number;
}

export type JobHandlerFn<T = unknown> = (job: ReceivedJob<T>) => Promise<unknown>;
