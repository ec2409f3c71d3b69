import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source.options';
import { applyRuntimeGrants, runtimeGrantees } from './roles/runtime-privileges';

/** `logging`: print each migration and its SQL through TypeORM's console logger (the migrate script). */
export interface MigrationOptions {
  logging?: boolean;
}

// Arbitrary constant: serialises migrations of processes booting at once (api + worker) on one database.
export const MIGRATION_LOCK_KEY = 7_240_301;

async function withLockedDataSource<T>(url: string, options: MigrationOptions, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  // Two connections: one holds the advisory lock while TypeORM migrates on the other.
  const logging = options.logging ? ['schema' as const, 'migration' as const, 'error' as const] : false;
  const dataSource = await new DataSource({ ...buildDataSourceOptions(url, 2), logging }).initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await work(dataSource);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}

/**
 * Applies pending migrations, each in its own transaction; returns the names applied. Then the
 * roles holding the runtime grants get them again, so that tables added since reach them.
 */
export function runPendingMigrations(url: string, options: MigrationOptions = {}): Promise<string[]> {
  return withLockedDataSource(url, options, async (dataSource) => {
    const applied = (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
    for (const role of await runtimeGrantees(dataSource)) await applyRuntimeGrants(dataSource, role);
    return applied;
  });
}

/** Reverts the most recently applied migration. */
export function revertLastMigration(url: string, options: MigrationOptions = {}): Promise<void> {
  return withLockedDataSource(url, options, (dataSource) => dataSource.undoLastMigration({ transaction: 'each' }));
}

/** Lists every migration as applied ([X]) or pending ([ ]) when logging; resolves whether any is pending. */
export function showMigrations(url: string, options: MigrationOptions = {}): Promise<boolean> {
  return withLockedDataSource(url, options, (dataSource) => dataSource.showMigrations());
}
