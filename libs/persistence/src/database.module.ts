import { APP_CONFIG, AppConfig } from '@app/config';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions } from './data-source.options';
import { SqlTransactions } from './sql-transaction';

/** The application's DataSource (TypeORM), connected to AppConfig.databaseUrl, and raw transactions on its pool. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.databaseUrl) {
          // main.ts sets DATABASE_URL to the embedded database before building the app.
          throw new Error('DATABASE_URL is not set: start through apps/server/src/main.ts or set it');
        }
        return { ...buildDataSourceOptions(config.databaseUrl, config.dbPoolSize), retryAttempts: 3, retryDelay: 1000 };
      },
    }),
  ],
  providers: [SqlTransactions],
  exports: [TypeOrmModule, SqlTransactions],
})
export class DatabaseModule {}
