import { PublicConsultationService } from '@app/participation';
import type { Actor } from '@app/procedure';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth';
import { UuidParam } from '../http/uuid-param';

/** The public's comments on a decision, for the users who may see it (contact data: the undertaking unit's drafters only). */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionCommentsController {
  constructor(private readonly consultations: PublicConsultationService) {}

  @Get(':id/comments')
  @ApiOperation({ summary: '公众意见（联系方式仅承办单位起草人员可见）' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/DecisionComments' } })
  comments(@UuidParam() id: string, @CurrentActor() actor: Actor) {
    return this.consultations.commentsFor(id, actor);
  }
}
