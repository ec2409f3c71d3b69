export * from './archive.module';
export * from './trail-query.service';
export * from './dossier.service';
export * from './trail-verification';
export * from './parallel-verification';
export * from './procedure-replay';
export * from './dossier-record.html';
export * from './projection-verification';
