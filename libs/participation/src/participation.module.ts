import { MaterialsModule } from '@app/materials';
import { UnitsModule } from '@app/units';
import { Module } from '@nestjs/common';
import { CommentTriageService } from './comment-triage.service';
import { PublicConsultationService } from './public-consultation.service';

/** Public participation online: open consultations, the public's comments, and the staff's triage of them. */
@Module({
  imports: [MaterialsModule, UnitsModule],
  providers: [PublicConsultationService, CommentTriageService],
  exports: [PublicConsultationService, CommentTriageService],
})
export class ParticipationModule {}
