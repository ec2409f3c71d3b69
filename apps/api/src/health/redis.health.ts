import { APP_CONFIG, AppConfig } from '@app/config';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';

/** Redis PING for the health check, on one client kept between checks; only meaningful with REDIS_URL. */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private client?: Redis;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config.redisUrl);
  }

  pingCheck<Key extends string>(key: Key) {
    return this.indicators
      .check(key)
      .attempt(async () => {
        await this.connection().ping();
      })
      .withTimeout(1000);
  }

  onModuleDestroy(): void {
    // An ended client has no socket left; disconnecting it would only arm ioredis' 2 s destroy timer.
    if (this.client?.status !== 'end') this.client?.disconnect();
  }

  private connection(): Redis {
    // No background reconnection: a client that lost Redis ends, and the next check opens a new one.
    if (!this.client || this.client.status === 'end') {
      this.client = new Redis(this.config.redisUrl!, { connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
      // An outage is reported by the failing PING; the client's own error events would only add noise.
      this.client.on('error', () => undefined);
    }
    return this.client;
  }
}
