export * from './public-consultation.service';
export * from './participation.module';
