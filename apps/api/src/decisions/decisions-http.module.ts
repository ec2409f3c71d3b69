import { DecisionsModule } from '@app/decisions';
import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { DeadlinesController } from './deadlines.controller';
import { DecisionsController } from './decisions.controller';
import { MaterialsController } from './materials.controller';

/** HTTP face of the decisions library: controllers only, no logic. */
@Module({
  imports: [DecisionsModule],
  controllers: [DecisionsController, AuditController, DeadlinesController, MaterialsController],
})
export class DecisionsHttpModule {}
