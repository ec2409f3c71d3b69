import './register-aliases';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { TestServices, testServicesFile } from './test-services';

async function dropDatabase({ adminDatabaseUrl, databaseName }: TestServices): Promise<void> {
  const admin = await new DataSource({ type: 'postgres', url: adminDatabaseUrl, poolSize: 1 }).initialize();
  try {
    // Connections a test leaked would block DROP DATABASE.
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
      databaseName,
    ]);
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}"`);
    // Roles are per cluster: the runtime role the engine made for this database (<database>_runtime) goes too.
    const roles: { name: string }[] = await admin.query(`SELECT rolname AS name FROM pg_roles WHERE starts_with(rolname, $1)`, [databaseName]);
    for (const { name } of roles) await admin.query(`DROP ROLE IF EXISTS "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.destroy();
  }
}

async function deleteQueueKeys({ redisUrl, queuePrefix }: TestServices): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Drops this run's database and deletes its queue keys. */
export default async function globalTeardown(): Promise<void> {
  const file = testServicesFile();
  if (!existsSync(file)) return;
  const services = JSON.parse(readFileSync(file, 'utf8')) as TestServices;
  await Promise.all([dropDatabase(services), deleteQueueKeys(services)]);
  rmSync(file, { force: true });
}
