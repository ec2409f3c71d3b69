import { APP_CONFIG, type AppConfig } from '@app/config';
import { DecisionsModule } from '@app/decisions';
import { MaterialsModule } from '@app/materials';
import { Module } from '@nestjs/common';
import { CheckpointExport, CheckpointLog, CheckpointQueries, CheckpointSigners, CheckpointVerification, FileCheckpointSigners } from './checkpoints';
import { DossierService } from './dossier.service';
import { StatisticsService } from './statistics.service';
import { TrailQueryService } from './trail-query.service';

const checkpointSigners = {
  provide: CheckpointSigners,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) =>
    new FileCheckpointSigners({ dataDir: config.dataDir, profile: config.cryptoProfile, name: config.checkpoints.origin, privateKeyHex: config.checkpoints.signingKey }),
};

/**
 * The record (过程记录和材料归档): history, replay, verification and the dossier of decisions; the
 * signed checkpoints of each jurisdiction's tree (writer, exports, proofs, keys, verification).
 */
@Module({
  imports: [DecisionsModule, MaterialsModule],
  providers: [TrailQueryService, DossierService, checkpointSigners, CheckpointLog, CheckpointQueries, CheckpointVerification, CheckpointExport],
  exports: [TrailQueryService, DossierService, CheckpointSigners, CheckpointLog, CheckpointQueries, CheckpointVerification, CheckpointExport],
})
export class ArchiveModule {}

/** The annual statistics of the trail (the database module, global, gives its repository; the clock module its clock). */
@Module({ providers: [StatisticsService], exports: [StatisticsService] })
export class StatisticsModule {}
