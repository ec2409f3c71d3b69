import { CheckpointVerification, TrailQueryService } from '@app/archive';
import type { Actor } from '@app/procedure';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth';

/** Whole-jurisdiction verification of the hash-chained trail (auditors, admins). */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly trails: TrailQueryService,
    private readonly checkpoints: CheckpointVerification,
  ) {}

  @Get('verify')
  @ApiOperation({ summary: '校验本辖区全部审计链（每条链、每个投影）及其与最新已签名检查点的一致性，返回首个断点' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/VerifyReport' } })
  @Roles('auditor', 'admin')
  async verify(@CurrentActor() actor: Actor) {
    // The tree is checked while the worker threads verify the chains and projections.
    const [chains, tree] = await this.trails.verifyJurisdictionWith(actor.jurisdiction, () => this.checkpoints.verify(actor.jurisdiction));
    return this.checkpoints.merge(chains, tree);
  }
}
