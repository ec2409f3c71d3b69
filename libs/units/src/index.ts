export * from './unit.model';
export * from './unit-directory';
export * from './unit-trail';
export * from './unit-registry.service';
export * from './units.module';
