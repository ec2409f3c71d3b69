import { Logger } from '@nestjs/common';
import { QueueDriver } from './queue-driver';
import { QUEUES, type JobHandlerFn, type QueueJob, type QueueName } from './queues';

interface Pending {
  queue: QueueName;
  job: QueueJob;
  attempt: number;
  timer?: NodeJS.Timeout;
}

/**
 * The queues in this process's memory, for tests: a delayed job is a timer, retries follow
 * QUEUES, and everything is gone when the process ends (as a flushed Redis would be).
 */
export class InProcessDriver extends QueueDriver {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger(InProcessDriver.name);
  private readonly pending = new Map<string, Pending>();
  private readonly handlers = new Map<QueueName, JobHandlerFn>();
  private readonly intervals = new Map<string, NodeJS.Timeout>();

  async add(queue: QueueName, jobs: QueueJob[]): Promise<void> {
    for (const job of jobs) {
      const key = keyOf(queue, job.id);
      if (this.pending.has(key)) continue;
      const p: Pending = { queue, job, attempt: 1 };
      this.pending.set(key, p);
      this.arm(p, job.delayMs ?? 0);
    }
  }

  work(queue: QueueName, handler: JobHandlerFn): void {
    this.handlers.set(queue, handler);
    for (const p of this.pending.values()) if (p.queue === queue && !p.timer) this.arm(p, 0);
  }

  async every(queue: QueueName, name: string, everyMs: number): Promise<void> {
    const key = keyOf(queue, name);
    if (this.intervals.has(key)) return;
    const timer = setInterval(() => void this.add(queue, [{ id: `${name}:${Date.now()}`, name, data: {} }]), everyMs);
    timer.unref();
    this.intervals.set(key, timer);
  }

  async has(queue: QueueName, id: string): Promise<boolean> {
    return this.pending.has(keyOf(queue, id));
  }

  async remove(queue: QueueName, id: string): Promise<void> {
    const key = keyOf(queue, id);
    clearTimeout(this.pending.get(key)?.timer);
    this.pending.delete(key);
  }

  async close(): Promise<void> {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    for (const t of this.intervals.values()) clearInterval(t);
    this.pending.clear();
    this.intervals.clear();
    this.handlers.clear();
  }

  private arm(p: Pending, delayMs: number): void {
    if (!this.handlers.has(p.queue)) {
      p.timer = undefined; // runs once a handler starts working this queue
      return;
    }
    p.timer = setTimeout(() => void this.run(p), Math.max(0, delayMs));
    p.timer.unref();
  }

  private async run(p: Pending): Promise<void> {
    const handler = this.handlers.get(p.queue);
    if (!handler) return this.arm(p, 0);
    try {
      await handler({ id: p.job.id, name: p.job.name, data: p.job.data, attempt: p.attempt });
      this.pending.delete(keyOf(p.queue, p.job.id));
    } catch (err) {
      const { attempts, backoffMs } = QUEUES[p.queue];
      if (p.attempt >= attempts) {
        this.logger.warn(`job ${p.job.id} of ${p.queue} failed for good: ${(err as Error).message}`);
        this.pending.delete(keyOf(p.queue, p.job.id));
        return;
      }
      this.arm(p, backoffMs * 2 ** (p.attempt++ - 1));
    }
  }
}

const keyOf = (queue: string, id: string) => `${queue}:${id}`;
