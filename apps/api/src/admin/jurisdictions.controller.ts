import { DomainError } from '@app/common';
import { JurisdictionSettingsService } from '@app/decisions';
import { listProfiles, profileIds, type Actor } from '@app/procedure';
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUrl, MaxLength } from 'class-validator';
import { CurrentActor, Roles } from '../auth';


/** PUT /api/jurisdictions/:jurisdiction/settings */
export class JurisdictionSettingsDto {
  @IsIn(profileIds()) profileId: string;
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_tld: false }) @MaxLength(500) webhookUrl?: string;
}

/** Jurisdiction settings (admin of that jurisdiction) and the procedure profiles this build knows. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller()
export class JurisdictionsController {
  constructor(private readonly settings: JurisdictionSettingsService) {}

  @Get('profiles')
  @ApiOperation({ summary: '本系统支持的程序规范（national、strict 等）及其参数' })
  profiles() {
    return { items: listProfiles() };
  }

  @Get('jurisdictions/:jurisdiction/settings')
  @ApiOperation({ summary: '本辖区设置：程序规范、通知回调地址' })
  @Roles('admin', 'auditor', 'secretary')
  get(@Param('jurisdiction') jurisdiction: string, @CurrentActor() actor: Actor) {
    return this.settings.get(ownJurisdiction(jurisdiction, actor));
  }

  @Put('jurisdictions/:jurisdiction/settings')
  @ApiOperation({ summary: '修改本辖区设置（程序规范仅适用于此后登记的决策；新的回调地址生成签名密钥，仅在本次应答中显示一次）' })
  @Roles('admin')
  update(@Param('jurisdiction') jurisdiction: string, @Body() dto: JurisdictionSettingsDto, @CurrentActor() actor: Actor) {
    return this.settings.update(ownJurisdiction(jurisdiction, actor), dto);
  }

  @Post('jurisdictions/:jurisdiction/settings/webhook-secret')
  @HttpCode(200)
  @ApiOperation({ summary: '更换通知回调的签名密钥（新密钥仅在本次应答中显示一次）' })
  @Roles('admin')
  rotateWebhookSecret(@Param('jurisdiction') jurisdiction: string, @CurrentActor() actor: Actor) {
    return this.settings.rotateSecret(ownJurisdiction(jurisdiction, actor));
  }
}

/** Nobody sees or changes another jurisdiction's settings (404, as for its decisions). */
function ownJurisdiction(jurisdiction: string, actor: Actor): string {
  if (jurisdiction !== actor.jurisdiction) throw DomainError.notFound('jurisdiction');
  return jurisdiction;
}
