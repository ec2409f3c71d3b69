import { Module } from '@nestjs/common';
import { MaterialService } from './material.service';

/** Materials: uploaded files, content-addressed by SHA-256, readable as the decisions citing them are. */
@Module({
  providers: [MaterialService],
  exports: [MaterialService],
})
export class MaterialsModule {}
