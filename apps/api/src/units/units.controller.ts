import { DomainError } from '@app/common';
import type { Actor } from '@app/procedure';
import { UnitRegistry } from '@app/units';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth';
import { LIMITS } from '../decisions/dto/field-rules';
import { invalidField } from '../http/localized-error';
import { PutUnitDto } from './unit.dto';

/** The units of a jurisdiction (API.md "Units and identity"): listed for its users, named by its admin, each with its trail. */
@ApiTags('units')
@ApiBearerAuth()
@Controller('jurisdictions/:jurisdiction/units')
export class UnitsController {
  constructor(private readonly units: UnitRegistry) {}

  @Get()
  @ApiOperation({ summary: '本辖区登记的单位（编号、名称、类型、曾用名）' })
  list(@Param('jurisdiction') jurisdiction: string, @CurrentActor() actor: Actor) {
    return this.units.list(ownJurisdiction(jurisdiction, actor));
  }

  @Put(':unitId')
  @Roles('admin')
  @ApiOperation({ summary: '登记或更名单位（管理员；变更记入单位的哈希链）' })
  put(@Param('jurisdiction') jurisdiction: string, @Param('unitId') unitId: string, @Body() dto: PutUnitDto, @CurrentActor() actor: Actor) {
    return this.units.put(ownJurisdiction(jurisdiction, actor), unitIdOf(unitId), dto, actor);
  }

  /** Who changed what, when: the unit's hash-chained trail, verified. */
  @Get(':unitId/history')
  @ApiOperation({ summary: '单位的变更记录（哈希链，经核验）' })
  history(@Param('jurisdiction') jurisdiction: string, @Param('unitId') unitId: string, @CurrentActor() actor: Actor) {
    return this.units.history(ownJurisdiction(jurisdiction, actor), unitIdOf(unitId));
  }
}

/** Nobody sees or changes another jurisdiction's units (404, as for its decisions). */
function ownJurisdiction(jurisdiction: string, actor: Actor): string {
  if (jurisdiction !== actor.jurisdiction) throw DomainError.notFound('jurisdiction');
  return jurisdiction;
}

/** A unit id as tokens carry it: visible text of at most LIMITS.short characters. */
function unitIdOf(unitId: string): string {
  if (!unitId.trim() || unitId.length > LIMITS.short || /[\u0000-\u001f\ud800-\udfff]/.test(unitId)) throw invalidField('unitId', 'FIELD_INVALID', { field: 'unitId' });
  return unitId;
}
