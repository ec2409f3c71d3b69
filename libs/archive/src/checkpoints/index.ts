export * from './signing-keys';
export * from './checkpoint-log';
export * from './checkpoint-view';
export * from './checkpoint-queries';
export * from './checkpoint-export';
export * from './tree-verification';
export * from './checkpoint-verification.service';
export * from './stored-subtrees';
