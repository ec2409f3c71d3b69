import { Queue, Worker, withBackend } from 'bullmq';
import IORedis from 'ioredis';

// BullMQ 6 ships its PostgreSQL backend outside the package's main entry (CJS build, ESM typings).
const { createPostgresBackend } = require('bullmq/dist/cjs/postgres') as typeof import('bullmq/dist/esm/postgres/index');

/** BullMQ's Queue and Worker bound to one backend, with the connection options both take. */
export interface QueueBackend {
  kind: 'redis' | 'postgres';
  Queue: typeof Queue;
  Worker: typeof Worker;
  options: { connection: any; prefix?: string };
  close(): Promise<void>;
}

/**
 * Redis when REDIS_URL is set (production: AOF on, noeviction); otherwise
 * BullMQ's PostgreSQL backend in the application's own database (the embedded
 * default). Either way PostgreSQL's deadlines table stays the source of truth.
 */
export function createQueueBackend(config: { redisUrl?: string; databaseUrl?: string; queuePrefix: string }): QueueBackend {
  if (config.redisUrl) {
    const connection = new IORedis(config.redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true });
    connection.on('error', () => undefined); // ioredis reconnects by itself; health reports the outage
    return { kind: 'redis', Queue, Worker, options: { connection, prefix: config.queuePrefix }, close: async () => void connection.disconnect() };
  }
  if (!config.databaseUrl) throw new Error('queues need REDIS_URL or DATABASE_URL');
  const pg = withBackend(createPostgresBackend);
  const schema = `bullmq_${config.queuePrefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
  return {
    kind: 'postgres',
    Queue: pg.Queue as unknown as typeof Queue,
    Worker: pg.Worker as unknown as typeof Worker,
    options: { connection: { connectionString: config.databaseUrl, schema, migrate: true, max: 5 } },
    close: async () => undefined,
  };
}
