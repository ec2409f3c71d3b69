import { MaterialsModule } from '@app/materials';
import { Module } from '@nestjs/common';
import { PublicConsultationService } from './public-consultation.service';

/** Public participation online: open consultations, the public's comments, and the comments for staff. */
@Module({
  imports: [MaterialsModule],
  providers: [PublicConsultationService],
  exports: [PublicConsultationService],
})
export class ParticipationModule {}
