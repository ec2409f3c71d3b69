import { CalendarAdminService } from './calendar-admin.service';
import { DeadlineRecomputation } from './deadline-recomputation';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { UnitsModule } from '@app/units';
import { Module } from '@nestjs/common';
import { DecisionAccess } from './decision-access';
import { DecisionQueryService } from './decision-query.service';
import { DecisionRegistrar } from './decision-registrar';
import { DecisionPresenter } from './decision.presenter';
import { DecisionService } from './decision.service';
import { EventEnricher } from './event-enricher';
import { IdempotencyGate } from './idempotency-gate';
import { JurisdictionSettingsService } from './jurisdiction-settings.service';
import { LastKnownProjections } from './last-known-projections';
import { newDecisionMachineProvider, NEW_DECISION_MACHINE } from './new-decision-machine';
import { ProcedureEngines } from './procedure-engines';
import { TrailEnvelope } from './trail-envelope';
import { TransitionDecider } from './transition-decider';

/**
 * The write path of decisions for both apps (DecisionService.apply is the one path of every
 * state change) and the reads of their current state. Needs a DeadlineScheduler provider
 * (SchedulingModule), the database (DatabaseModule) and a Clock; brings the unit registry (UnitsModule).
 */
@Module({
  imports: [UnitsModule],
  providers: [
    ProcedureEngines,
    DeadlineRecomputation,
    CalendarAdminService,
    DecisionAccess,
    EventEnricher,
    TrailEnvelope,
    TransitionDecider,
    DecisionRegistrar,
    IdempotencyGate,
    DecisionPresenter,
    DecisionService,
    DecisionQueryService,
    JurisdictionSettingsService,
    newDecisionMachineProvider,
    { provide: LastKnownProjections, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LastKnownProjections(config.decisionMemory) },
  ],
  exports: [CalendarAdminService, DeadlineRecomputation, DecisionService, DecisionQueryService, DecisionPresenter, ProcedureEngines, JurisdictionSettingsService, NEW_DECISION_MACHINE, UnitsModule],
})
export class DecisionsModule {}
