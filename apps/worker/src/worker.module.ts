import { ArchiveModule } from '@app/archive';
import { DecisionsModule } from '@app/decisions';
import { JobRunner } from '@app/scheduling';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CalendarCoverageNotifier } from './calendar-coverage.notifier';
import { CalendarRecomputer } from './calendar-recomputer';
import { CheckpointScheduler } from './checkpoint-scheduler';
import { DeadlineFiringService } from './deadline-firing.service';
import { DeadlineOutboxDrainer } from './deadline-outbox.drainer';
import { DeadlineReconciler } from './deadline-reconciler';
import { NotificationService } from './notification.service';
import { WebhookDispatcher } from './webhook-dispatcher';

/**
 * The worker: the timers' outbox drained into the queue, deadline jobs fired through
 * DecisionService.apply, notices and their webhook delivery (WebhookDispatcher), the reconciler, provisional deadlines
 * recomputed on newer holiday data and the administrators told of years without it; handlers found by @JobHandler.
 */
@Module({
  imports: [DiscoveryModule, DecisionsModule, ArchiveModule],
  providers: [DeadlineFiringService, NotificationService, DeadlineOutboxDrainer, DeadlineReconciler, WebhookDispatcher, CalendarRecomputer, CalendarCoverageNotifier, CheckpointScheduler, JobRunner],
  exports: [DeadlineFiringService, DeadlineOutboxDrainer, DeadlineReconciler, CalendarRecomputer, CalendarCoverageNotifier, CheckpointScheduler],
})
export class WorkerModule {}
