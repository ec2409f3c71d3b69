import { DomainError } from '@app/common';
import { CalendarAdminService } from '@app/decisions';
import type { Actor } from '@app/procedure';
import { Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth';
import { CalendarNoticeDto } from './calendar-notice.dto';

const YearParam = () => Param('year', new ParseIntPipe({ exceptionFactory: () => DomainError.validation('year must be an integer', 'year') }));

/** The working-day calendar: what it covers and from which data; the State Council's holiday notices uploaded by administrators. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarAdminService) {}

  @Get()
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/CalendarOverview' } })
  @ApiOperation({ summary: '工作日历：覆盖年度及其来源（官方/通知/覆盖文件/推算暂定）、当前版本、已上传的放假通知' })
  overview(@CurrentActor() actor: Actor) {
    return this.calendar.overview(actor);
  }

  @Put('notices/:year')
  @ApiOperation({ summary: '上传某年度国务院节假日安排通知（管理员；只追加记录，暂定期限随后重新计算）' })
  @Roles('admin')
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/CalendarOverview' } })
  upload(@YearParam() year: number, @Body() dto: CalendarNoticeDto, @CurrentActor() actor: Actor) {
    return this.calendar.upload(year, JSON.parse(JSON.stringify(dto)), actor);
  }
}
