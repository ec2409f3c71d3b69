import { APP_CONFIG, type AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { DecisionQueryService } from './decision-query.service';
import { DecisionRepository } from './decision.repository';
import { DecisionService } from './decision.service';
import { DossierService } from './dossier.service';
import { MaterialService } from './material.service';
import { IdempotencyRepository } from './idempotency.repository';
import { JurisdictionSettingsService } from './jurisdiction-settings.service';
import { LastKnownProjections } from './last-known-projections';
import { ProcedureEngines } from './procedure-engines';
import { PublicCommentRepository } from './public-comment.repository';
import { PublicConsultationService } from './public-consultation.service';

/**
 * The decisions domain for both apps: DecisionService.apply is the one path of
 * every state change. Needs a DeadlineScheduler provider (SchedulingModule).
 */
@Module({
  providers: [
    DecisionRepository,
    IdempotencyRepository,
    ProcedureEngines,
    DecisionService,
    { provide: LastKnownProjections, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LastKnownProjections(config.decisionMemory) },
    DecisionQueryService,
    MaterialService,
    DossierService,
    JurisdictionSettingsService,
    PublicCommentRepository,
    PublicConsultationService,
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [DecisionService, DecisionQueryService, MaterialService, DossierService, PublicConsultationService, ProcedureEngines, DecisionRepository, IdempotencyRepository, JurisdictionSettingsService, Clock],
})
export class DecisionsModule {}
