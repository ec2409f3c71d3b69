import { APP_CONFIG, type AppConfig } from '@app/config';
import { TimerOutbox } from '@app/decisions';
import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { BullMqDriver } from './bullmq.driver';
import { OutboxSignal } from './outbox-signal';
import { QueueDriver } from './queue-driver';

/**
 * The queues for both apps: the QueueDriver (BullMQ on Redis when REDIS_URL is set, else on
 * PostgreSQL) and the timer outbox's signal bound to DecisionService's TimerOutbox port.
 */
@Global()
@Module({
  providers: [
    { provide: QueueDriver, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new BullMqDriver({ redisUrl: c.redisUrl, databaseUrl: c.databaseUrl, queuePrefix: c.queuePrefix, queueMigrate: c.queueMigrate }) },
    OutboxSignal,
    { provide: TimerOutbox, useExisting: OutboxSignal },
  ],
  exports: [QueueDriver, OutboxSignal, TimerOutbox],
})
export class SchedulingModule implements OnApplicationShutdown {
  constructor(private readonly moduleRef: ModuleRef) {}

  async onApplicationShutdown(): Promise<void> {
    await this.moduleRef.get(QueueDriver).close();
  }
}
