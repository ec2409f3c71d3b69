import './fast-reconcile';
import { AppConfigModule, ClockModule } from '@app/config';
import { ArchiveModule, TrailQueryService } from '@app/archive';
import { DecisionQueryService, DecisionService, DecisionsModule, ProcedureEngines } from '@app/decisions';
import { DatabaseModule } from '@app/persistence';
import { DeadlineQueue, SchedulingModule } from '@app/scheduling';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { DeadlineFiringService } from '../deadline-firing.service';
import { DeadlineWorker } from '../deadline.worker';
import { WorkerModule } from '../worker.module';

/** What a test reaches in a running module: the services of the decision path and of the timers. */
export interface Harness {
  app: INestApplicationContext;
  decisions: DecisionService;
  queries: DecisionQueryService;
  trails: TrailQueryService;
  engines: ProcedureEngines;
  queue: DeadlineQueue;
  dataSource: DataSource;
}
export interface WorkerHarness extends Harness {
  worker: DeadlineWorker;
  firing: DeadlineFiringService;
}

const open: INestApplicationContext[] = [];

async function boot(imports: any[], env: { withoutRedis?: boolean }): Promise<INestApplicationContext> {
  const saved = process.env.REDIS_URL;
  // AppConfig is read from process.env while the container builds: drop Redis only for that moment.
  if (env.withoutRedis) delete process.env.REDIS_URL;
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, DatabaseModule, ArchiveModule, ...imports] }).compile();
    moduleRef.useLogger(['error', 'warn']);
    open.push(moduleRef);
    return await moduleRef.init(); // runs onApplicationBootstrap: the worker's bootstrap reconcile
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
    queue: app.get(DeadlineQueue),
    dataSource: app.get(DataSource),
  };
}

/** The worker as WorkerHostModule runs it (configuration, database, WorkerModule): BullMQ workers + reconciler. */
export async function startWorker(env: { withoutRedis?: boolean } = {}): Promise<WorkerHarness> {
  const app = await boot([WorkerModule], env);
  return { ...harness(app), worker: app.get(DeadlineWorker), firing: app.get(DeadlineFiringService) };
}

/** An API-like process: DecisionService and the queue producer, no worker consuming the queue. */
export async function startProducer(): Promise<Harness> {
  return harness(await boot([SchedulingModule, DecisionsModule], {}));
}

/** Stubs the worker's reconcile (bootstrap is over): only the deadline jobs can fire; returns the real one. */
export function muteReconcile(w: WorkerHarness): () => ReturnType<DeadlineWorker['reconcile']> {
  const real = w.worker.reconcile.bind(w.worker);
  jest.spyOn(w.worker, 'reconcile').mockResolvedValue({ fired: 0, scheduled: 0 });
  return real;
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
