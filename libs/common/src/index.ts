export * from './domain-error';
export * from './identifiers';
export * from './reason';
export * from './clock';
export * from './visibility';
