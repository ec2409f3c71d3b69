export * from './consultation-scope';
export * from './public-consultation.service';
export * from './comment-triage.service';
export * from './participation.module';
