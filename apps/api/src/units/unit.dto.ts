import { UNIT_KINDS, type UnitKind } from '@app/units';
import { IsIn } from 'class-validator';
import { LIMITS, Optional, Text, TextList } from '../decisions/dto/field-rules';

/** PUT /api/jurisdictions/:jurisdiction/units/:unitId */
export class PutUnitDto {
  @Text(LIMITS.short) name: string;
  @IsIn(UNIT_KINDS) kind: UnitKind;
  /** names earlier records used for the unit (free text of v1 decisions); a previous name is kept automatically */
  @Optional() @TextList(LIMITS.short, 50) legacyNames?: string[];
}
