import { CheckpointQueries } from '@app/archive';
import { MAX_SEQ } from '@app/common';
import type { Actor } from '@app/procedure';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentActor, Roles } from '../auth';
import { UuidParam } from '../http/uuid-param';

const MAX_TREE = Number.MAX_SAFE_INTEGER;

/** GET /api/audit/checkpoints query */
export class CheckpointListQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) page: number = 1;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize: number = 20;
}

/** GET /api/audit/checkpoints/consistency query */
export class ConsistencyQuery {
  @ApiProperty({ type: 'integer', minimum: 1, description: '较早检查点的树大小' })
  @Type(() => Number) @IsInt() @Min(1) @Max(MAX_TREE) from!: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: '较晚检查点的树大小（默认：最新检查点）' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_TREE) to?: number;
}

/** GET /api/decisions/:id/proof query */
export class ProofQuery {
  @ApiProperty({ type: 'integer', minimum: 1, description: '事项序号' })
  @Type(() => Number) @IsInt() @Min(1) @Max(MAX_SEQ) seq!: number;
}

/** Signed checkpoints of the jurisdiction's tree, its keys and proofs (issue #14). */
@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class CheckpointsController {
  constructor(private readonly checkpoints: CheckpointQueries) {}

  @Get('audit/checkpoints')
  @ApiOperation({ summary: '本辖区已签名的检查点（C2SP 签名注记），新者在前' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/CheckpointList' } })
  @Roles('auditor', 'admin')
  list(@Query() q: CheckpointListQuery, @CurrentActor() actor: Actor) {
    return this.checkpoints.list(actor.jurisdiction, q.page, q.pageSize);
  }

  @Get('audit/checkpoints/latest')
  @ApiOperation({ summary: '本辖区最新的已签名检查点（树大小、根哈希、时间、签名及注记原文）' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/Checkpoint' } })
  @Roles('auditor', 'admin')
  latest(@CurrentActor() actor: Actor) {
    return this.checkpoints.latest(actor.jurisdiction);
  }

  @Get('audit/checkpoints/consistency')
  @ApiOperation({ summary: '两个检查点之间的一致性证明（RFC 9162）：较晚的树只是在较早的树之后追加' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/ConsistencyProof' } })
  @Roles('auditor', 'admin')
  consistency(@Query() q: ConsistencyQuery, @CurrentActor() actor: Actor) {
    return this.checkpoints.consistency(actor.jurisdiction, q.from, q.to);
  }

  @Get('audit/keys')
  @ApiOperation({ summary: '检查点签名公钥及其轮换记录（密钥日志）' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/CheckpointKeys' } })
  @Roles('auditor', 'admin')
  keys(@CurrentActor() actor: Actor) {
    return this.checkpoints.keys(actor.jurisdiction);
  }

  @Get('decisions/:id/proof')
  @ApiOperation({ summary: '某条事项在最新检查点中的包含证明（RFC 9162）' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/InclusionProof' } })
  proof(@UuidParam() id: string, @Query() q: ProofQuery, @CurrentActor() actor: Actor) {
    return this.checkpoints.inclusion(id, q.seq, actor);
  }
}
