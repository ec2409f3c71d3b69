export * from './canonical-json';
export * from './hash-algorithms';
export * from './hash-chain';
export * from './replay';
export * from './record-chain';
export * from './merkle-tree';
export * from './merkle-proofs';
