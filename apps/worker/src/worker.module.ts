import { DecisionsModule } from '@app/decisions';
import { JobRunner } from '@app/scheduling';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DeadlineFiringService } from './deadline-firing.service';
import { DeadlineOutboxDrainer } from './deadline-outbox.drainer';
import { DeadlineReconciler } from './deadline-reconciler';
import { NotificationService } from './notification.service';
import { WebhookDispatcher } from './webhook-dispatcher';

/**
 * The worker: the timers' outbox drained into the queue, deadline jobs fired through
 * DecisionService.apply, notices and their webhook delivery (WebhookDispatcher), and the reconciler; handlers found by @JobHandler.
 */
@Module({
  imports: [DiscoveryModule, DecisionsModule],
  providers: [DeadlineFiringService, NotificationService, DeadlineOutboxDrainer, DeadlineReconciler, WebhookDispatcher, JobRunner],
  exports: [DeadlineFiringService, DeadlineOutboxDrainer, DeadlineReconciler],
})
export class WorkerModule {}
