export * from './actor-token';
export * from './auth.decorators';
export * from './auth.module';
export * from './jwt-auth.guard';
export * from './roles.guard';
