// BullMQ 6 ships its PostgreSQL backend outside the package's main entry (CJS build, ESM typings).
const { runMigrations } = require('bullmq/dist/cjs/postgres') as typeof import('bullmq/dist/esm/postgres/index');

interface PgClient {
  connect(): Promise<void>;
  end(): Promise<void>;
}
 
const { Client } = require('pg') as { Client: new (config: { connectionString: string }) => PgClient };

/** The schema of BullMQ's PostgreSQL backend for a queue prefix (QUEUE_PREFIX). */
export const queueSchemaOf = (prefix: string) => `bullmq_${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;

/**
 * Creates or migrates the PostgreSQL backend's schema on the owner's connection: the runtime role
 * may not create schemas, so the composition root does this before serving (without REDIS_URL)
 * and the queues then run with QUEUE_MIGRATE=false on the runtime role, granted DML in that schema.
 */
export async function migrateQueueSchema(ownerUrl: string, prefix: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await runMigrations(client as never, queueSchemaOf(prefix));
  } finally {
    await client.end();
  }
}
