// The file, not the @app/config barrel: the test global setup loads this without Nest.
// eslint-disable-next-line architecture/boundaries -- the test global setup loads this without Nest: the file, not the barrel
import { ENV_DEFAULTS } from '../../common/src/config/env.validation';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { ENTITIES } from './entities';
import { CONNECT_TIMEOUT_MS } from './sql/sql-session';

/** Pool size of DB_POOL_SIZE (default 20) for callers without an AppConfig: the CLI data source and scripts. */
export function poolSizeFromEnv(env: Record<string, string | undefined> = process.env): number {
  return Number(env.DB_POOL_SIZE || ENV_DEFAULTS.DB_POOL_SIZE);
}

/** TypeORM options of the one PostgreSQL database; the schema changes only through MIGRATIONS. */
export function buildDataSourceOptions(url: string, poolSize = poolSizeFromEnv()): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    poolSize,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    // Keep idle connections: pg-pool's default closes them after 10 s and the next burst pays
    // reconnects (seen as 0.5 s p99 spikes in bench/).
    extra: { idleTimeoutMillis: 0 },
  };
}
