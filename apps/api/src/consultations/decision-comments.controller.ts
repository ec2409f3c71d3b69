import { PublicConsultationService } from '@app/participation';
import type { Actor } from '@app/procedure';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth';
import { UuidParam } from '../http/uuid-param';

/** The public's comments on a decision, for the users who may see it (contact data: the undertaking unit's drafters only). */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionCommentsController {
  constructor(private readonly consultations: PublicConsultationService) {}

  @Get(':id/comments')
  comments(@UuidParam() id: string, @CurrentActor() actor: Actor) {
    return this.consultations.commentsFor(id, actor);
  }
}
