import { DossierService, jsonObjectChunks, TrailQueryService } from '@app/archive';
import { DecisionQueryService, DecisionService } from '@app/decisions';
import type { Actor } from '@app/procedure';
import { Body, Controller, Get, Headers, HttpCode, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { localeOf } from '../http/locale';
import { reasonsInEnglish } from '../http/localize-reasons.guard';
import { sendStream } from '../http/send-stream';
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
  private readonly logger = new Logger(DecisionsController.name);

  constructor(
    private readonly decisions: DecisionService,
    private readonly queries: DecisionQueryService,
    private readonly trails: TrailQueryService,
    private readonly dossiers: DossierService,
  ) {}

  @Post()
  @ApiOperation({ summary: '登记决策事项（提出，状态为待立项）' })
  @ApiCreatedResponse({ schema: { $ref: '#/components/schemas/Decision' } })
  async create(@Body() dto: CreateDecisionDto, @CurrentActor() actor: Actor, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    const result = await this.decisions.create(dto, actor, { idempotencyKey: parseIdempotencyKey(key) });
    res.setHeader('ETag', `"${result.decision.version}"`);
    return result.decision;
  }

  @Get()
  @ApiOperation({ summary: '决策事项列表（可按阶段、类别筛选，分页）' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/DecisionList' } })
  list(@Query() query: ListDecisionsQuery, @CurrentActor() actor: Actor) {
    return this.queries.list(query, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: '一项决策：各环节状态、期限、当前用户可提交的事项（allowedEvents）及被拒绝的事项（blockedEvents）' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/Decision' } })
  async get(@UuidParam() id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const decision = await this.queries.get(id, actor);
    res.setHeader('ETag', `"${decision.version}"`);
    return decision;
  }

  @Post(':id/events')
  @ApiOperation({ summary: '提交程序事项（唯一的状态变更途径；被规则拒绝时返回 422 及规则代码）' })
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
  @ApiOperation({ summary: '审计记录：全部已记录事项（操作人、角色、单位、时间、前后状态、哈希），按序号' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/DecisionHistory' } })
  async history(@UuidParam() id: string, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    // Streamed as PostgreSQL pages the trail (API.md's shape, byte for byte what res.json wrote), a long one written by
    // an export thread; errors before the first byte (not visible, database down) answer {code, message} as ever.
    // With Accept-Language: en the rule texts are translated here, on this thread (the catalogues are the edge's).
    const english = localeOf(req.headers['accept-language']) === 'en';
    const text = english ? jsonObjectChunks([{ key: 'events', items: inEnglish(await this.trails.historyBatches(id, actor)) }]) : await this.trails.historyText(id, actor);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    await sendStream(res, text, this.logger, 'history');
  }

  @Get(':id/dossier')
  @ApiOperation({ summary: '下载归档案卷（zip：全部事项、材料、哈希及独立校验脚本）' })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: '案卷 zip', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } })
  async dossier(@UuidParam() id: string, @CurrentActor() actor: Actor, @Res() res: Response) {
    const { filename, chunks } = await this.dossiers.build(id, actor);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    await sendStream(res, chunks, this.logger, 'dossier');
  }

  @Get(':id/replay')
  @ApiOperation({ summary: '重演：用决策启动时的程序版本从第 1 条事项重算到指定序号，并校验每个哈希' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/ReplayReport' } })
  replay(@UuidParam() id: string, @Query() query: ReplayQuery, @CurrentActor() actor: Actor) {
    return this.trails.replay(id, actor, query.toSeq);
  }
}

/** With Accept-Language: en, rule texts inside events in English, as the global interceptor does for answers it sees. */
async function* inEnglish<T>(batches: AsyncIterable<T[]>) {
  for await (const batch of batches) yield batch.map((e) => reasonsInEnglish(e));
}
