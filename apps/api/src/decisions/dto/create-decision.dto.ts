import { MAX_SEQ } from '@app/common';
import { CATEGORIES, DECISION_STATUSES, type Category } from '@app/procedure';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { LIMITS, OptionalText, Text } from './field-rules';

/** POST /api/decisions */
export class CreateDecisionDto {
  @Text(LIMITS.short) title: string;
  @IsIn(CATEGORIES) category: Category;
  @OptionalText(LIMITS.text) summary?: string;
  /** 依法不予公开: visible only to the units involved, reviewers, secretary, head and auditors */
  @IsOptional() @IsBoolean() confidential?: boolean;
  /** exploratory reform matter where national rules are silent (allows LAWFUL_WITH_RISKS) */
  @IsOptional() @IsBoolean() exploratoryReform?: boolean;
  /** matter of public interest (the strict profile then requires a hearing) */
  @IsOptional() @IsBoolean() publicInterest?: boolean;
  @IsOptional() @IsUUID() catalogueItemId?: string;
}

/** GET /api/decisions query */
export class ListDecisionsQuery {
  @ApiPropertyOptional({ enum: DECISION_STATUSES, description: '程序阶段' })
  @IsOptional() @IsIn(DECISION_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: CATEGORIES, description: '决策类别' })
  @IsOptional() @IsIn(CATEGORIES) category?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100_000, default: 1, description: '页码' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000) page: number = 1;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20, description: '每页条数' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize: number = 20;
}

/** GET /api/decisions/:id/replay query */
export class ReplayQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: '重演到的事项序号（默认：全部）' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_SEQ) toSeq?: number;
}

/** GET /api/deadlines query */
export class DeadlinesQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true：只看已逾期的期限' })
  @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
}
