import { CRYPTO_PROFILES, type HashAlgorithm } from '@app/audit';
import type { WorkingDayCalendar } from '@app/calendar';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { CalendarVersionRepository } from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';

/**
 * What every new trail entry records beside the event: the hash algorithm of the deployment's
 * crypto profile, and the version of the working-day calendar the engine decided with, whose
 * data is stored once (the first time this process uses it) so replay can rebuild it years later.
 */
@Injectable()
export class TrailEnvelope {
  readonly alg: HashAlgorithm;
  private readonly stored = new Map<string, Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly calendars: CalendarVersionRepository,
  ) {
    this.alg = CRYPTO_PROFILES[config.cryptoProfile].hash;
  }

  /** The calendar's version, once its data is stored (one round trip per version and process; a failure is retried next time). */
  async calendarVersion(calendar: WorkingDayCalendar): Promise<string> {
    let storing = this.stored.get(calendar.version);
    if (!storing) {
      storing = this.calendars.store(calendar.version, calendar.data());
      this.stored.set(calendar.version, storing);
      storing.catch(() => this.stored.delete(calendar.version));
    }
    await storing;
    return calendar.version;
  }
}
