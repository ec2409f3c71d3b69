export * from './material.service';
export * from './materials.module';
