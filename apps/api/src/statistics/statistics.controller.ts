import { StatisticsService } from '@app/archive';
import type { Actor } from '@app/procedure';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth';
import { invalidField } from '../http/localized-error';

/** The year's figures for the annual rule-of-law report (法治政府建设情况报告), from the trail. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @Roles('secretary', 'head', 'auditor', 'admin')
  @ApiOperation({ summary: '年度统计：决策事项、集体讨论、合法性审查、公众参与、专家论证、风险评估、报告、公布、后评估、期限（每个数字附所涉决策）' })
  @ApiQuery({ name: 'year', required: true, description: '年度（四位数字，北京时间的公历年）', schema: { type: 'string', pattern: '^[0-9]{4}$', example: '2026' } })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/AnnualStatistics' } })
  annual(@Query('year') year: unknown, @CurrentActor() actor: Actor) {
    if (typeof year !== 'string' || !/^[0-9]{4}$/.test(year)) throw invalidField('year', 'YEAR_INVALID');
    return this.statistics.annual(actor, Number(year));
  }
}
