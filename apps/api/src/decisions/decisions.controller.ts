import { DossierService, TrailQueryService } from '@app/archive';
import { DecisionQueryService, DecisionService } from '@app/decisions';
import type { Actor } from '@app/procedure';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor } from '../auth';
import { UuidParam } from '../http/uuid-param';
import { CreateDecisionDto, ListDecisionsQuery, ReplayQuery } from './dto/create-decision.dto';
import { ApiDecisionEvents } from './decisions.openapi';
import { parseEventBody, parseIdempotencyKey, parseIfMatch } from './event-body.parser';

/** Decisions: register, read, move through the procedure, history and replay (API.md). */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionService,
    private readonly queries: DecisionQueryService,
    private readonly trails: TrailQueryService,
    private readonly dossiers: DossierService,
  ) {}

  @Post()
  async create(@Body() dto: CreateDecisionDto, @CurrentActor() actor: Actor, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    const result = await this.decisions.create(dto, actor, { idempotencyKey: parseIdempotencyKey(key) });
    res.setHeader('ETag', `"${result.decision.version}"`);
    return result.decision;
  }

  @Get()
  list(@Query() query: ListDecisionsQuery, @CurrentActor() actor: Actor) {
    return this.queries.list(query, actor);
  }

  @Get(':id')
  async get(@UuidParam() id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const decision = await this.queries.get(id, actor);
    res.setHeader('ETag', `"${decision.version}"`);
    return decision;
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiDecisionEvents()
  async apply(
    @UuidParam() id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const event = parseEventBody(body);
    const result = await this.decisions.apply(id, event, actor, { ifMatch: parseIfMatch(ifMatch), idempotencyKey: parseIdempotencyKey(key) });
    res.setHeader('ETag', `"${result.decision.version}"`);
    return result;
  }

  @Get(':id/history')
  history(@UuidParam() id: string, @CurrentActor() actor: Actor) {
    return this.trails.history(id, actor);
  }

  @Get(':id/dossier')
  async dossier(@UuidParam() id: string, @CurrentActor() actor: Actor, @Res() res: Response) {
    const { filename, stream } = await this.dossiers.build(id, actor);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    stream.pipe(res);
  }

  @Get(':id/replay')
  replay(@UuidParam() id: string, @Query() query: ReplayQuery, @CurrentActor() actor: Actor) {
    return this.trails.replay(id, actor, query.toSeq);
  }
}
