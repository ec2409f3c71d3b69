export * from './queue-backend';
export * from './deadline-queue';
export * from './scheduling.module';
