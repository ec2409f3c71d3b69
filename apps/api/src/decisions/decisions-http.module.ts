import { ArchiveModule } from '@app/archive';
import { DecisionsModule } from '@app/decisions';
import { MaterialService, MaterialsModule } from '@app/materials';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AuditController } from './audit.controller';
import { CheckpointsController } from './checkpoints.controller';
import { DeadlinesController } from './deadlines.controller';
import { DecisionsController } from './decisions.controller';
import { MaterialsController } from './materials.controller';
import { MaterialUploadStorage } from './material-upload.storage';

/** HTTP face of decisions, their record and materials: controllers only, no logic. */
@Module({
  imports: [
    DecisionsModule,
    ArchiveModule,
    MaterialsModule,
    // uploads stream into MaterialService (never multer's memory storage)
    MulterModule.registerAsync({ imports: [MaterialsModule], inject: [MaterialService], useFactory: (materials: MaterialService) => ({ storage: new MaterialUploadStorage(materials) }) }),
  ],
  controllers: [DecisionsController, AuditController, CheckpointsController, DeadlinesController, MaterialsController],
})
export class DecisionsHttpModule {}
