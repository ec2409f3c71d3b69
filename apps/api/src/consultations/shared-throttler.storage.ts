import { RateLimitRepository } from '@app/persistence';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

/** How often a process forgets counters that are over (any process may: the sweep is idempotent). */
const SWEEP_EVERY_MS = 60_000;

/**
 * The throttler's counters in PostgreSQL, shared by every API process: a client gets the same
 * allowance whichever process answers (an in-memory store gave it one per process). Counted on the
 * database's clock. The client is whoever Express says `req.ip` is: behind a reverse proxy, set
 * TRUST_PROXY so it is the client's address, not the proxy's (and never a header a client forged).
 */
export class SharedThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(SharedThrottlerStorage.name);
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly counters: RateLimitRepository) {
    this.sweeper = setInterval(() => void this.counters.sweep().catch((err) => this.logger.warn(`rate limit sweep: ${(err as Error).message}`)), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const count = await this.counters.hit(`${throttlerName}:${key}`, ttl, limit, blockDuration);
    return { totalHits: count.hits, timeToExpire: count.expiresInSeconds, isBlocked: count.blockedForSeconds > 0, timeToBlockExpire: count.blockedForSeconds };
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }
}
