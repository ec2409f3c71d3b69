export * from './entities';
export * from './data-source.options';
export * from './database.module';
export * from './embedded-postgres';
export * from './migration-runner';
export * from './sql/sql-transactions';
export * from './sql/sql-session';
export * from './repositories';
