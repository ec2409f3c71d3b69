export * from './domain-error';
export * from './identifiers';
export * from './reason';
export * from './clock';
export * from './visibility';
export * from './webhook/destination-policy';
export * from './webhook/destination-lookup';
export * from './webhook/webhook-signature';
export { forbiddenBecause } from './webhook/ip-ranges';
