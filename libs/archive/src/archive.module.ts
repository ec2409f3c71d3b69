import { DecisionsModule } from '@app/decisions';
import { MaterialsModule } from '@app/materials';
import { Module } from '@nestjs/common';
import { DossierService } from './dossier.service';
import { StatisticsService } from './statistics.service';
import { TrailQueryService } from './trail-query.service';

/** The record (过程记录和材料归档): history, replay, verification and the dossier of decisions. */
@Module({
  imports: [DecisionsModule, MaterialsModule],
  providers: [TrailQueryService, DossierService],
  exports: [TrailQueryService, DossierService],
})
export class ArchiveModule {}

/** The annual statistics of the trail (the database module, global, gives its repository; the clock module its clock). */
@Module({ providers: [StatisticsService], exports: [StatisticsService] })
export class StatisticsModule {}
