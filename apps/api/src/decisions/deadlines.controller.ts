import { DecisionQueryService } from '@app/decisions';
import type { Actor } from '@app/procedure';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth';
import { DeadlinesQuery } from './dto/create-decision.dto';

/** The jurisdiction's open statutory deadlines, for the office that chases overdue items. */
@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlinesController {
  constructor(private readonly queries: DecisionQueryService) {}

  @Get()
  @ApiOperation({ summary: '本辖区未到期或已逾期的法定期限（可只看逾期）' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/DeadlineList' } })
  list(@Query() query: DeadlinesQuery, @CurrentActor() actor: Actor) {
    return this.queries.deadlines(actor, query.overdue === 'true');
  }
}
