import { TrailQueryService } from '@app/archive';
import type { Actor } from '@app/procedure';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth';

/** Whole-jurisdiction verification of the hash-chained trail (auditors, admins). */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly trails: TrailQueryService) {}

  @Get('verify')
  @Roles('auditor', 'admin')
  verify(@CurrentActor() actor: Actor) {
    return this.trails.verifyJurisdiction(actor.jurisdiction);
  }
}
