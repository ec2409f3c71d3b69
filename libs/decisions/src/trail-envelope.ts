import { CRYPTO_PROFILES, type HashAlgorithm } from '@app/audit';
import type { WorkingDayCalendar } from '@app/calendar';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { CalendarVersionRepository, type SqlExecutor } from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';

/**
 * What every new trail entry records beside the event: the hash algorithm of the deployment's
 * crypto profile, and the version of the working-day calendar the engine decided with, whose
 * data is stored once (the first time this process uses it) so replay can rebuild it years later.
 */
@Injectable()
export class TrailEnvelope {
  readonly alg: HashAlgorithm;
  /** per version: stored (true), or being stored on the pool */
  private readonly stored = new Map<string, true | Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly calendars: CalendarVersionRepository,
  ) {
    this.alg = CRYPTO_PROFILES[config.cryptoProfile].hash;
  }

  /**
   * The calendar's version, once its data is stored (one round trip per version and process; a failure is retried next
   * time). `db`: the connection the caller holds. Until the version is known stored, it is stored on that connection
   * (inside the caller's transaction if any: kept with the event or not at all), never by waiting for a second pool
   * connection that the caller's peers, each holding one and waiting here, could all be holding (a stall until the
   * pool's connect timeout); the pool copy is then made in the background.
   */
  async calendarVersion(calendar: WorkingDayCalendar, db?: SqlExecutor): Promise<string> {
    if (this.stored.get(calendar.version) === true) return calendar.version;
    if (db) {
      await this.calendars.store(calendar.version, calendar.data(), db);
      this.storeOnPool(calendar).catch(() => undefined);
    } else {
      await this.storeOnPool(calendar);
    }
    return calendar.version;
  }

  private storeOnPool(calendar: WorkingDayCalendar): Promise<void> {
    const known = this.stored.get(calendar.version);
    if (known === true) return Promise.resolve();
    if (known) return known;
    const storing = this.calendars.store(calendar.version, calendar.data()).then(
      () => void this.stored.set(calendar.version, true),
      (err: unknown) => {
        this.stored.delete(calendar.version);
        throw err;
      },
    );
    this.stored.set(calendar.version, storing);
    return storing;
  }
}
