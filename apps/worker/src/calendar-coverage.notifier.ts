import { coverageWarnings } from '@app/calendar';
import { Clock } from '@app/common';
import { ProcedureEngines } from '@app/decisions';
import { CalendarNoticeRepository, NotificationRepository } from '@app/persistence';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

/** How often the coverage is checked, in ms (the warning starts on a date: hourly is plenty). */
const CHECK_MS = Number(process.env.CALENDAR_COVERAGE_CHECK_MS ?? 3_600_000);

/** The kind of the administrators' notice that a year has no official holiday data yet. */
export const CALENDAR_YEAR_ESTIMATED = 'CALENDAR_YEAR_ESTIMATED';

/**
 * Tells each jurisdiction's administrators, once per year, that a year its calendar must count
 * has no official holiday data (the current year, or from 1 November Beijing time the next):
 * a notification row about no decision (topic `calendar:<year>`), delivered like any other.
 */
@Injectable()
export class CalendarCoverageNotifier implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CalendarCoverageNotifier.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly engines: ProcedureEngines,
    private readonly notices: CalendarNoticeRepository,
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const run = () => {
      this.running ??= this.check()
        .catch((err) => {
          this.logger.warn(`calendar coverage not checked: ${(err as Error).message}`);
          return 0;
        })
        .finally(() => (this.running = null));
    };
    run();
    this.timer = setInterval(run, CHECK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Raise the notices due now; how many were new. */
  async check(): Promise<number> {
    const now = this.clock.now();
    let raised = 0;
    for (const jurisdiction of await this.notices.knownJurisdictions()) {
      for (const warning of coverageWarnings(this.engines.calendarOf(jurisdiction), now.toISOString())) {
        const fresh = await this.notifications.raiseOnce({ id: randomUUID(), jurisdiction, kind: CALENDAR_YEAR_ESTIMATED, topic: `calendar:${warning.year}`, message: warning.message, at: now });
        if (fresh) raised++;
      }
    }
    return raised;
  }
}
