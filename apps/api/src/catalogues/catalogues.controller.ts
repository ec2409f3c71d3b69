import { CatalogueQueryService, CatalogueService } from '@app/catalogue';
import { DomainError } from '@app/common';
import type { Actor } from '@app/procedure';
import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, OptionalActor, OptionalAuth, Roles } from '../auth';
import { AdjustCatalogueDto, CatalogueConsentDto, CatalogueViewQuery, CreateCatalogueDto, PublishCatalogueDto } from './dto/catalogue.dto';

const YearParam = () => Param('year', new ParseIntPipe({ exceptionFactory: () => DomainError.validation('year must be an integer', 'year') }));

/** The annual decision catalogue (决策事项目录): drawn up, agreed, published, adjusted with reasons; its own trail. */
@ApiTags('catalogues')
@ApiBearerAuth()
@Controller('catalogues')
export class CataloguesController {
  constructor(
    private readonly catalogues: CatalogueService,
    private readonly queries: CatalogueQueryService,
  ) {}

  @Post()
  @ApiOperation({ summary: '编制年度决策事项目录' })
  async create(@Body() dto: CreateCatalogueDto, @CurrentActor() actor: Actor) {
    return (await this.catalogues.create(dto, actor)).catalogue;
  }

  /** Public once published (name the jurisdiction); users of the jurisdiction see it in every state. */
  @Get(':year')
  @ApiOperation({ summary: '年度决策事项目录及各事项的程序进展（公布后无需登录，须指明辖区）' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/Catalogue' } })
  @OptionalAuth()
  get(@YearParam() year: number, @Query() query: CatalogueViewQuery, @OptionalActor() actor: Actor | undefined) {
    const own = actor && (!query.jurisdiction || query.jurisdiction === actor.jurisdiction);
    return this.queries.get(year, own ? { actor } : { jurisdiction: query.jurisdiction });
  }

  @Post(':year/consent')
  @ApiOperation({ summary: '记录同级党委同意（公布前必须）' })
  @HttpCode(200)
  consent(@YearParam() year: number, @Body() dto: CatalogueConsentDto, @CurrentActor() actor: Actor) {
    return this.catalogues.consent(year, dto, actor);
  }

  @Post(':year/publish')
  @ApiOperation({ summary: '公布目录' })
  @HttpCode(200)
  publish(@YearParam() year: number, @Body() dto: PublishCatalogueDto, @CurrentActor() actor: Actor) {
    return this.catalogues.publish(year, dto, actor);
  }

  @Post(':year/adjustments')
  @ApiOperation({ summary: '调整目录（说明理由：增加、移除、变更事项）' })
  @HttpCode(200)
  adjust(@YearParam() year: number, @Body() dto: AdjustCatalogueDto, @CurrentActor() actor: Actor) {
    return this.catalogues.adjust(year, dto, actor);
  }

  @Get(':year/history')
  @ApiOperation({ summary: '目录的审计记录（哈希链）' })
  history(@YearParam() year: number, @CurrentActor() actor: Actor) {
    return this.queries.history(year, actor);
  }

  @Get(':year/verify')
  @ApiOperation({ summary: '校验目录的哈希链' })
  @Roles('auditor', 'admin', 'secretary')
  verify(@YearParam() year: number, @CurrentActor() actor: Actor) {
    return this.queries.verify(year, actor);
  }
}
