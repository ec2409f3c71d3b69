import { AppConfigModule, ClockModule, LoggingModule } from '@app/config';
import { DatabaseModule } from '@app/persistence';
import { SchedulingModule } from '@app/scheduling';
import { Module } from '@nestjs/common';
import { AdminHttpModule } from './admin/admin-http.module';
import { AuthModule } from './auth/auth.module';
import { CataloguesHttpModule } from './catalogues/catalogues-http.module';
import { ConsoleModule } from './console/console.module';
import { ConsultationsHttpModule } from './consultations/consultations-http.module';
import { DecisionsHttpModule } from './decisions/decisions-http.module';
import { HealthModule } from './health/health.module';
import { ProcedureHttpModule } from './procedure/procedure-http.module';
import { StatisticsHttpModule } from './statistics/statistics-http.module';
import { UnitsHttpModule } from './units/units-http.module';

/** The HTTP API: configuration, logging, database, authentication, health, and the feature modules. */
@Module({
  imports: [
    AppConfigModule,
    ClockModule,
    LoggingModule,
    DatabaseModule,
    SchedulingModule,
    AuthModule,
    HealthModule,
    // Feature modules (decisions, materials, catalogues, public consultations, audit) are imported here.
    DecisionsHttpModule,
    AdminHttpModule,
    CataloguesHttpModule,
    ConsultationsHttpModule,
    ProcedureHttpModule,
    ConsoleModule,
    UnitsHttpModule,
    StatisticsHttpModule,
  ],
})
export class ApiModule {}
