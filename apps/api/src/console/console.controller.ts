import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth';
import { CONSOLE_SETTINGS, type ConsoleSettings } from './console-settings';

/** What the console needs to know before login: whether to offer the identity provider's login. */
@ApiTags('console')
@Public()
@Controller('console')
export class ConsoleConfigController {
  constructor(@Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings) {}

  @Get('config')
  @ApiOperation({ summary: '控制台配置：是否使用统一身份认证（OIDC 授权码 + PKCE）登录' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/ConsoleConfig' } })
  config() {
    return { oidc: this.settings.oidc };
  }
}
