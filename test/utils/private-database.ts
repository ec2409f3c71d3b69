import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { runPendingMigrations } from '../../libs/persistence/src/migration-runner';
import { type TestServices, testServicesFile } from '../jest/test-services';

/**
 * A database (fully migrated) and queue prefix of a test file's own, for tests whose writes would
 * change what later files see in the run's shared database (e.g. an uploaded holiday notice changes
 * every calendar). Points DATABASE_URL and QUEUE_PREFIX at them until `release()`, which drops it.
 */
export async function privateDatabase(name: string): Promise<{ release(): Promise<void> }> {
  const services = JSON.parse(readFileSync(testServicesFile(), 'utf8')) as TestServices;
  const databaseName = `${services.databaseName}_${name}`;
  const admin = await new DataSource({ type: 'postgres', url: services.adminDatabaseUrl, poolSize: 1 }).initialize();
  await admin.query(`CREATE DATABASE "${databaseName}"`);
  const url = new URL(services.adminDatabaseUrl);
  url.pathname = `/${databaseName}`;
  await runPendingMigrations(url.toString());
  const saved = { DATABASE_URL: process.env.DATABASE_URL, QUEUE_PREFIX: process.env.QUEUE_PREFIX };
  Object.assign(process.env, { DATABASE_URL: url.toString(), QUEUE_PREFIX: `${services.queuePrefix}_${name}` });
  return {
    async release() {
      Object.assign(process.env, saved);
      await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      await admin.destroy();
    },
  };
}
