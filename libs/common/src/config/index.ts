export * from './env.validation';
export * from './app-config';
export * from './app-config.module';
export * from './jwt-secret';
export * from './secret-file';
export * from './request-id';
export * from './logging.module';
export * from './log-redaction';
