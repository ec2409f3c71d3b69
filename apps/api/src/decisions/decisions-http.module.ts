import { ArchiveModule } from '@app/archive';
import { DecisionsModule } from '@app/decisions';
import { MaterialsModule } from '@app/materials';
import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { CheckpointsController } from './checkpoints.controller';
import { DeadlinesController } from './deadlines.controller';
import { DecisionsController } from './decisions.controller';
import { MaterialsController } from './materials.controller';

/** HTTP face of decisions, their record and materials: controllers only, no logic. */
@Module({
  imports: [DecisionsModule, ArchiveModule, MaterialsModule],
  controllers: [DecisionsController, AuditController, CheckpointsController, DeadlinesController, MaterialsController],
})
export class DecisionsHttpModule {}
