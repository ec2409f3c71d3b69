export * from './create-test-app';
export * from './token-for';
