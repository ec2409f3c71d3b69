import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ExactlyOneOf, LIMITS, Optional, OptionalText, Text } from '../../decisions/dto/field-rules';

/** How many comments one request may mark (a flood is grouped by `matching` or identical content, not listed). */
export const MAX_MARKED = 50_000;

/** GET /api/decisions/:id/comments query */
export class CommentListQuery {
  @ApiPropertyOptional({ description: '只列出该分组的意见' })
  @OptionalText(LIMITS.short) groupId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true：只列已分组的；false：只列未分组的' })
  @IsOptional() @IsIn(['true', 'false']) grouped?: 'true' | 'false';
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true：只列垃圾信息；false：不列垃圾信息' })
  @IsOptional() @IsIn(['true', 'false']) spam?: 'true' | 'false';
  @ApiPropertyOptional({ description: '内容包含该文字的意见' })
  @OptionalText(LIMITS.short) contains?: string;
  @ApiPropertyOptional({ minimum: 1, default: 1, description: '页码' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000) page: number = 1;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: '每页条数' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000) pageSize: number = 100;
}

/** GET /api/decisions/:id/comments/marks query */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1, description: '页码' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000) page: number = 1;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: '每页条数' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000) pageSize: number = 100;
}

/** POST /api/decisions/:id/comments/groups: the listed comments, or those of the round in no group containing `matching`. */
export class GroupCommentsDto {
  @ExactlyOneOf('matching') @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_MARKED) @IsUUID('all', { each: true }) commentIds?: string[];
  @Optional() @Text(LIMITS.short) matching?: string;
  /** what the comments of the group say, in a few words */
  @Text(LIMITS.short) label: string;
  /** add to this group of the decision instead of making a new one */
  @OptionalText(LIMITS.short) groupId?: string;
  @OptionalText() reason?: string;
}

/** POST /api/decisions/:id/comments/groups/identical */
export class GroupIdenticalDto {
  @OptionalText() reason?: string;
}

/** POST /api/decisions/:id/comments/spam and /ungroup: which comments, and why. */
export class MarkCommentsDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_MARKED) @IsUUID('all', { each: true }) commentIds: string[];
  @Text() reason: string;
}
