import { DomainError } from '@app/common';
import { describeMachine } from '@app/procedure';
import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

/** The statechart of a procedure machine version, for diagrams (the console's replay view). */
@ApiTags('procedure')
@ApiBearerAuth()
@Controller('procedure/machines')
export class MachinesController {
  @Get(':id/:version')
  @ApiOperation({ summary: '程序状态图：状态、嵌套关系及各事项的迁移（用于图示与重演）' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/MachineStructure' } })
  machine(@Param('id') id: string, @Param('version', new ParseIntPipe({ exceptionFactory: () => DomainError.validation('version must be an integer', 'version') })) version: number) {
    const structure = describeMachine(id, version);
    if (!structure) throw DomainError.notFound('machine');
    return structure;
  }
}
