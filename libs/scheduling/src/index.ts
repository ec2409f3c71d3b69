export * from './queues';
export * from './queue-driver';
export * from './bullmq.driver';
export * from './in-process.driver';
export * from './job-handler';
export * from './outbox-signal';
export * from './scheduling.module';
export * from './queue-schema';
