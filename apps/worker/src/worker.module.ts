import { DecisionsModule } from '@app/decisions';
import { SchedulingModule } from '@app/scheduling';
import { Module } from '@nestjs/common';
import { DeadlineFiringService } from './deadline-firing.service';
import { DeadlineWorker } from './deadline.worker';
import { NotificationService } from './notification.service';

/** The worker: statutory deadlines fired through DecisionService.apply, notices, and the reconciler. */
@Module({
  imports: [SchedulingModule, DecisionsModule],
  providers: [DeadlineFiringService, NotificationService, DeadlineWorker],
  exports: [DeadlineWorker, DeadlineFiringService],
})
export class WorkerModule {}
