import { DeadlineScheduler } from '@app/decisions';
import { Global, Module } from '@nestjs/common';
import { DeadlineQueue } from './deadline-queue';

/** The timer queue for both apps; binds DecisionService's DeadlineScheduler port to BullMQ. */
@Global()
@Module({
  providers: [DeadlineQueue, { provide: DeadlineScheduler, useExisting: DeadlineQueue }],
  exports: [DeadlineQueue, DeadlineScheduler],
})
export class SchedulingModule {}
