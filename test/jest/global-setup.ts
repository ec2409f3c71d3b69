import './register-aliases';
import { writeFileSync } from 'node:fs';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { runPendingMigrations } from '../../libs/persistence/src/migration-runner';
import { redactUrl, TEST_SERVICES_FILE_VAR, TestServices, testServicesFile } from './test-services';

// Integration and e2e tests need real services: they fail loudly when one is missing, never skip.

async function connectAdmin(url: string): Promise<DataSource> {
  try {
    return await new DataSource({ type: 'postgres', url, poolSize: 1, connectTimeoutMS: 5000 }).initialize();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${redactUrl(url)} (${(error as Error).message}). ` +
        'Integration and e2e tests need it: start PostgreSQL (see .ci/run or docker compose up postgres) or set TEST_DATABASE_URL.',
    );
  }
}

async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${redactUrl(url)} (${(error as Error).message}). ` +
        'Integration and e2e tests need it: start Redis (see .ci/run or docker compose up redis) or set TEST_REDIS_URL.',
    );
  } finally {
    redis.disconnect();
  }
}

/** Creates this run's database (fully migrated), checks Redis, and publishes both to the test processes. */
export default async function globalSetup(): Promise<void> {
  const adminDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const admin = await connectAdmin(adminDatabaseUrl);
  try {
    await checkRedis(redisUrl);
    const stamp = `${Date.now()}_${process.pid}`;
    const databaseName = `mde_test_${stamp}`;
    await admin.query(`CREATE DATABASE "${databaseName}"`);
    const url = new URL(adminDatabaseUrl);
    url.pathname = `/${databaseName}`;
    const services: TestServices = { adminDatabaseUrl, databaseName, databaseUrl: url.toString(), redisUrl, queuePrefix: `mde_test_${stamp}` };
    const file = testServicesFile();
    writeFileSync(file, JSON.stringify(services, null, 2));
    // Workers inherit the environment; the file serves anything that does not (and the teardown).
    Object.assign(process.env, {
      [TEST_SERVICES_FILE_VAR]: file,
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: services.queuePrefix,
    });
    await runPendingMigrations(services.databaseUrl);
  } finally {
    await admin.destroy();
  }
}
