import { AppConfigModule, ClockModule, LoggingModule, Mode } from '@app/config';
import { DatabaseModule } from '@app/persistence';
import { SchedulingModule } from '@app/scheduling';
import { Module, Type } from '@nestjs/common';
import { ApiModule } from '../../api/src/api.module';
import { WorkerModule } from '../../worker/src/worker.module';

/** The worker alone: it gets configuration, clock, logging, the database and the queues whether or not it imports them itself. */
@Module({ imports: [AppConfigModule, ClockModule, LoggingModule, DatabaseModule, SchedulingModule, WorkerModule] })
export class WorkerHostModule {}

/** API and worker in one process (MODE=all, the default). */
@Module({ imports: [ApiModule, WorkerModule] })
export class AllInOneModule {}

/** The root module of a MODE. */
export function rootModuleFor(mode: Mode): Type<unknown> {
  return { all: AllInOneModule, api: ApiModule, worker: WorkerHostModule }[mode];
}
