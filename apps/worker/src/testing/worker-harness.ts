import './fast-reconcile';
import { AppConfigModule, ClockModule } from '@app/config';
import { ArchiveModule, TrailQueryService } from '@app/archive';
import { DecisionQueryService, DecisionService, DecisionsModule, ProcedureEngines } from '@app/decisions';
import { DatabaseModule } from '@app/persistence';
import { QueueDriver, SchedulingModule } from '@app/scheduling';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { DeadlineFiringService } from '../deadline-firing.service';
import { deadlineJobId } from '../deadline-job';
import { DeadlineOutboxDrainer } from '../deadline-outbox.drainer';
import { DeadlineReconciler } from '../deadline-reconciler';
import { WorkerModule } from '../worker.module';

/** What a test reaches in a running module: the services of the decision path and of the timers. */
export interface Harness {
  app: INestApplicationContext;
  decisions: DecisionService;
  queries: DecisionQueryService;
  trails: TrailQueryService;
  engines: ProcedureEngines;
  queue: QueueDriver;
  dataSource: DataSource;
}
export interface WorkerHarness extends Harness {
  reconciler: DeadlineReconciler;
  outbox: DeadlineOutboxDrainer;
  firing: DeadlineFiringService;
}

const open: INestApplicationContext[] = [];

/** How a test process reaches Redis: the run's own (default), none (the PostgreSQL backend), or another URL (a proxy that can fail). */
export interface RedisChoice {
  withoutRedis?: boolean;
  redisUrl?: string;
}

async function boot(imports: any[], env: RedisChoice): Promise<INestApplicationContext> {
  const saved = process.env.REDIS_URL;
  // AppConfig is read from process.env while the container builds: change Redis only for that moment.
  if (env.withoutRedis) delete process.env.REDIS_URL;
  else if (env.redisUrl) process.env.REDIS_URL = env.redisUrl;
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, DatabaseModule, SchedulingModule, ArchiveModule, ...imports] }).compile();
    moduleRef.useLogger(['error', 'warn']);
    open.push(moduleRef);
    return await moduleRef.init(); // runs onApplicationBootstrap
  } finally {
    process.env.REDIS_URL = saved;
  }
}

function harness(app: INestApplicationContext): Harness {
  return {
    app,
    decisions: app.get(DecisionService),
    queries: app.get(DecisionQueryService),
    trails: app.get(TrailQueryService),
    engines: app.get(ProcedureEngines),
    queue: app.get(QueueDriver),
    dataSource: app.get(DataSource),
  };
}

/** The worker as WorkerHostModule runs it (configuration, database, queues, WorkerModule), once its start-up reconcile is over. */
export async function startWorker(env: RedisChoice = {}): Promise<WorkerHarness> {
  const app = await boot([WorkerModule], env);
  const reconciler = app.get(DeadlineReconciler);
  await reconciler.bootstrapped;
  return { ...harness(app), reconciler, outbox: app.get(DeadlineOutboxDrainer), firing: app.get(DeadlineFiringService) };
}

/** An API-like process: DecisionService and the queue producer, no worker consuming the queue. */
export async function startProducer(): Promise<Harness> {
  return harness(await boot([DecisionsModule], {}));
}

/** Stubs the reconciler (its start-up run is over): only the deadline jobs can fire; returns the real one. */
export function muteReconcile(w: WorkerHarness): () => ReturnType<DeadlineReconciler['reconcile']> {
  const real = w.reconciler.reconcile.bind(w.reconciler);
  jest.spyOn(w.reconciler, 'reconcile').mockResolvedValue({ fired: 0, scheduled: 0 });
  return real;
}

/** Is the deadline's job for its current due time waiting or delayed? */
export async function jobQueued(h: Harness, deadlineId: string): Promise<boolean> {
  const [row] = await h.dataSource.query(`SELECT id, due_at FROM deadlines WHERE id = $1`, [deadlineId]);
  return !!row && h.queue.has('deadlines', deadlineJobId(row));
}

/** Waits until the timer outbox has handed the deadline's job (for its current due time) to the queue. */
export function enqueued(h: Harness, deadlineId: string): Promise<true> {
  return waitFor(`deadline ${deadlineId} to reach the queue`, async () => (await jobQueued(h, deadlineId)) || null);
}

/** Closes every module started so far (newest first). */
export async function closeAll(): Promise<void> {
  for (const app of open.splice(0).reverse()) await app.close();
}

/** Polls `probe` every 200 ms until it returns a truthy value; fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The queue side of FLUSHALL: deletes every key of this run's queue prefix. The Redis server is shared
 * with other runs (each under its own prefix), so a real FLUSHALL would destroy their queues too; for
 * the application under test the effect is the same, since it owns no Redis key outside its prefix.
 */
export async function flushQueueKeys(): Promise<number> {
  const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${process.env.QUEUE_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}
