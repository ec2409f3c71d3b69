import { DeadlineRecomputation, ProcedureEngines } from '@app/decisions';
import { CalendarNoticeRepository, SqlTransactions } from '@app/persistence';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

const BATCH = 100;

/**
 * Dates every open provisional deadline again whenever the calendars change (an upload in this
 * process, another process's upload seen by the periodic refresh) and once at start-up (a newer
 * package or override file). One worker at a time (advisory lock); a pass is idempotent, so an
 * interrupted pass is simply run again, and decisions are taken in id order a batch at a time.
 */
@Injectable()
export class CalendarRecomputer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CalendarRecomputer.name);
  private unlisten: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly engines: ProcedureEngines,
    private readonly recomputation: DeadlineRecomputation,
    private readonly notices: CalendarNoticeRepository,
    private readonly sql: SqlTransactions,
  ) {}

  onApplicationBootstrap(): void {
    this.unlisten = this.engines.onChange(() => this.kick());
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.unlisten?.();
    await this.running;
  }

  /** The pass running now, if any (tests wait for it). */
  get idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** Recompute soon; a pass already running goes round once more. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .then(() => undefined, (err) => this.logger.error(`recomputing provisional deadlines failed: ${(err as Error).message}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** One pass over the decisions with open provisional deadlines; how many recorded a change (null: another worker holds the lock). */
  async pass(): Promise<number | null> {
    return this.sql.session(async (session) => {
      if (!(await this.notices.tryLockRecompute(session))) return null;
      try {
        let changed = 0;
        let after: string | null = null;
        for (;;) {
          const batch = await this.notices.decisionsWithProvisionalDeadlines(after, BATCH);
          for (const d of batch) {
            const changes = await this.recomputation.recompute(d.id).catch((err) => {
              this.logger.warn(`deadlines of decision ${d.id} not recomputed: ${(err as Error).message}`);
              return [];
            });
            if (changes.length) changed++;
          }
          if (batch.length < BATCH) return changed;
          after = batch[batch.length - 1].id;
        }
      } finally {
        await this.notices.unlockRecompute(session);
      }
    });
  }
}
