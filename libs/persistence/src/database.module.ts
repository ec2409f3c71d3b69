import { APP_CONFIG, AppConfig } from '@app/config';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions } from './data-source.options';
import {
  CalendarNoticeRepository,
  CalendarVersionRepository,
  CatalogueRepository,
  CommentTriageRepository,
  ConsultationRepository,
  DeadlineRepository,
  DecisionRepository,
  IdempotencyRepository,
  JurisdictionSettingsRepository,
  MaterialContentRepository,
  MaterialRepository,
  NotificationRepository,
  PublicCommentRepository,
  RateLimitRepository,
  StatisticsRepository,
  UnitRepository,
} from './repositories';
import { ConnectionPrivilegesProbe } from './roles/connection-privileges.probe';
import { SqlTransactions } from './sql/sql-transactions';

const REPOSITORIES = [
  DecisionRepository,
  IdempotencyRepository,
  DeadlineRepository,
  NotificationRepository,
  MaterialRepository,
  MaterialContentRepository,
  PublicCommentRepository,
  ConsultationRepository,
  CatalogueRepository,
  JurisdictionSettingsRepository,
  UnitRepository,
  CommentTriageRepository,
  RateLimitRepository,
  CalendarVersionRepository,
  StatisticsRepository,
  CalendarNoticeRepository,
];

/**
 * The one persistence stack: the application's TypeORM DataSource (connected to
 * AppConfig.databaseUrl), raw transactions on its pool, and every repository. No SQL lives
 * outside this library (migrations aside).
 */
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
  providers: [SqlTransactions, ConnectionPrivilegesProbe, ...REPOSITORIES],
  exports: [TypeOrmModule, SqlTransactions, ConnectionPrivilegesProbe, ...REPOSITORIES],
})
export class DatabaseModule {}
