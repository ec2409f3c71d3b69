import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorFunction, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { CalendarAdminService } from '@app/decisions';
import { ConnectionPrivilegesProbe } from '@app/persistence';
import { RedisHealthIndicator } from './redis.health';

/**
 * Liveness of the dependencies: the database always, Redis when configured. Beside them, warnings
 * that do not make the service unhealthy: years the working-day calendar only estimates (the current
 * one, and from 1 November Beijing time the next one) until their State Council notice is uploaded,
 * and a connection that could disable the trail's triggers (ALLOW_OWNER_RUNTIME).
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly calendar: CalendarAdminService,
    private readonly privileges: ConnectionPrivilegesProbe,
  ) {}

  @Get()
  @ApiOperation({ summary: '健康检查：数据库（及已配置的 Redis）是否可用；warnings 列出工作日历尚无官方数据的年度（不影响状态）' })
  @HealthCheck()
  async check(@Res({ passthrough: true }) response: Response) {
    const checks: HealthIndicatorFunction[] = [() => this.database.pingCheck('database').withTimeout(1500)];
    if (this.redis.enabled) checks.push(() => this.redis.pingCheck('redis'));
    try {
      const result = await this.health.check(checks);
      const owner = await this.privileges.ownerRuntimeWarning().catch(() => undefined);
      return { ...result, warnings: [...this.calendar.coverageWarnings(), ...(owner ? [{ code: 'ALLOW_OWNER_RUNTIME', message: owner }] : [])] };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Keep terminus' per-dependency report beside the error model's fields.
      response.status(503);
      const report = error.getResponse() as object;
      return { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'A dependency is down', ...report };
    }
  }
}
