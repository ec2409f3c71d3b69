import { ArchiveModule } from '@app/archive';
import { DecisionsModule } from '@app/decisions';
import { JobRunner } from '@app/scheduling';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CheckpointScheduler } from './checkpoint-scheduler';
import { DeadlineFiringService } from './deadline-firing.service';
import { DeadlineOutboxDrainer } from './deadline-outbox.drainer';
import { DeadlineReconciler } from './deadline-reconciler';
import { NotificationService } from './notification.service';

/**
 * The worker: the timers' outbox drained into the queue, deadline jobs fired through
 * DecisionService.apply, notices, and the reconciler; handlers found by @JobHandler.
 */
@Module({
  imports: [DiscoveryModule, DecisionsModule, ArchiveModule],
  providers: [DeadlineFiringService, NotificationService, DeadlineOutboxDrainer, DeadlineReconciler, CheckpointScheduler, JobRunner],
  exports: [DeadlineFiringService, DeadlineOutboxDrainer, DeadlineReconciler, CheckpointScheduler],
})
export class WorkerModule {}
