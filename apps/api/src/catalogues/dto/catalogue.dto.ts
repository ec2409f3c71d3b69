import { CATEGORIES, type Category } from '@app/procedure';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Instant, LIMITS, OptionalText, Text, TextList } from '../../decisions/dto/field-rules';

const MAX_ITEMS = 500;

/** One item of the catalogue (决策事项). */
export class CatalogueItemDto {
  @Text(LIMITS.short) title: string;
  @IsIn(CATEGORIES) category: Category;
  @Text(LIMITS.short) undertakingUnit: string;
  /** the quarter (1-4) in which the decision is planned */
  @IsOptional() @IsInt() @Min(1) @Max(4) plannedQuarter?: number;
}

/** POST /api/catalogues */
export class CreateCatalogueDto {
  @IsInt() @Min(2000) @Max(2100) year: number;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ITEMS) @ValidateNested({ each: true }) @Type(() => CatalogueItemDto) items: CatalogueItemDto[];
}

/** POST /api/catalogues/:year/consent: the party committee's agreement (党委同意). */
export class CatalogueConsentDto {
  @Instant() consentedAt: string;
  /** the reference of the committee's reply, e.g. 县委办〔2026〕5号 */
  @Text(LIMITS.short) reference: string;
}

/** POST /api/catalogues/:year/publish */
export class PublishCatalogueDto {
  @IsOptional() @Instant() publishedAt?: string;
  @IsOptional() @TextList() channels?: string[];
}

/** A change to an existing item: only the fields given change. */
export class CatalogueItemChangeDto {
  @IsUUID() itemId: string;
  @OptionalText(LIMITS.short) title?: string;
  @IsOptional() @IsIn(CATEGORIES) category?: Category;
  @OptionalText(LIMITS.short) undertakingUnit?: string;
  @ValidateIf((o) => o.plannedQuarter !== undefined && o.plannedQuarter !== null) @IsInt() @Min(1) @Max(4) plannedQuarter?: number | null;
}

/** POST /api/catalogues/:year/adjustments: every adjustment states its reason. */
export class AdjustCatalogueDto {
  @Text() reason: string;
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ITEMS) @ValidateNested({ each: true }) @Type(() => CatalogueItemDto) add?: CatalogueItemDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsUUID('all', { each: true }) remove?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ITEMS) @ValidateNested({ each: true }) @Type(() => CatalogueItemChangeDto) change?: CatalogueItemChangeDto[];
}

/** GET /api/catalogues/:year query: the public names the jurisdiction. */
export class CatalogueViewQuery {
  @ApiPropertyOptional({ description: '辖区（未登录查看已公布目录时必填）' })
  @OptionalText(LIMITS.short) jurisdiction?: string;
}
