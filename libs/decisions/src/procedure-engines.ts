import { buildWorkingDayCalendar, calendarFromData, type CalendarOverride, type HolidayNotice, type WorkingDayCalendar } from '@app/calendar';
import { CalendarNoticeRepository, CalendarVersionRepository, type CalendarNoticeRow } from '@app/persistence';
import { ProcedureEngine } from '@app/procedure';
import { UnitRegistry } from '@app/units';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { loadCalendarOverrides } from './calendar-overrides.loader';
import { SwitchableCalendar } from './switchable-calendar';

/** How often each process reads the uploaded notices again (other processes' uploads), in ms; 0: never. */
const REFRESH_MS = Number(process.env.CALENDAR_REFRESH_MS ?? 60_000);

/** An engine for replay: its calendar is set to each event's recorded version before the event is applied. */
export interface ReplayEngine {
  engine: ProcedureEngine;
  /** Compute with calendar `version` (the current one when the event recorded none). */
  use(version: string | null | undefined): Promise<void>;
  /** Give the engine back for the next replay (building one costs milliseconds and a cold transition cache). */
  release(): void;
}

/**
 * One procedure engine per jurisdiction, each with that jurisdiction's working-day calendar
 * merged from the package data, the State Council notices administrators uploaded (the latest
 * upload of a year applies) and its override file from CALENDAR_OVERRIDES_DIR, if any; and its
 * unit registry, through which access control compares units. The uploads are read at start-up,
 * after an upload in this process, and every CALENDAR_REFRESH_MS; listeners hear of every change.
 */
@Injectable()
export class ProcedureEngines implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ProcedureEngines.name);
  private readonly overrides: ReadonlyMap<string, CalendarOverride>;
  private readonly cache = new Map<string, { engine: ProcedureEngine; calendar: SwitchableCalendar }>();
  private readonly built = new Map<string, WorkingDayCalendar>();
  private readonly byVersion = new Map<string, Promise<WorkingDayCalendar>>();
  private readonly listeners = new Set<() => void>();
  private readonly idleReplays = new Map<string, { engine: ProcedureEngine; calendar: SwitchableCalendar }[]>();
  private notices: HolidayNotice[] = [];
  private uploads: CalendarNoticeRow[] = [];
  private noticeKey = '';
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly units: UnitRegistry,
    private readonly noticeRows: CalendarNoticeRepository,
    private readonly versions: CalendarVersionRepository,
  ) {
    const dir = process.env.CALENDAR_OVERRIDES_DIR;
    this.overrides = dir ? loadCalendarOverrides(dir) : new Map();
  }

  async onModuleInit(): Promise<void> {
    await this.refresh().catch((err) => this.logger.warn(`holiday notices not read: ${(err as Error).message}`));
    if (REFRESH_MS > 0) {
      this.timer = setInterval(() => void this.refresh().catch((err) => this.logger.warn(`holiday notices not read: ${(err as Error).message}`)), REFRESH_MS);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The engine and current calendar of a jurisdiction. */
  for(jurisdiction: string): { engine: ProcedureEngine; calendar: WorkingDayCalendar } {
    let entry = this.cache.get(jurisdiction);
    if (!entry) {
      const calendar = new SwitchableCalendar(this.calendarOf(jurisdiction));
      entry = { engine: this.engineWith(jurisdiction, calendar), calendar };
      this.cache.set(jurisdiction, entry);
    }
    return { engine: entry.engine, calendar: entry.calendar.target };
  }

  /** The current calendar of a jurisdiction (national when it has no override, or for null). */
  calendarOf(jurisdiction: string | null): WorkingDayCalendar {
    const override = jurisdiction === null ? undefined : this.overrides.get(jurisdiction);
    const key = override ? `o:${jurisdiction}` : 'national';
    let calendar = this.built.get(key);
    if (!calendar) this.built.set(key, (calendar = buildWorkingDayCalendar({ notices: this.notices, override })));
    return calendar;
  }

  /** The notices that apply (the latest upload of each year). */
  currentNotices(): readonly HolidayNotice[] {
    return this.notices;
  }

  /** The uploads as read last (oldest first). */
  uploadedNotices(): readonly CalendarNoticeRow[] {
    return this.uploads;
  }

  /** An engine of its own (until released) whose calendar follows the recorded versions of replayed events. */
  replayEngine(jurisdiction: string): ReplayEngine {
    const idle = this.idleReplays.get(jurisdiction) ?? [];
    const { engine, calendar } = idle.pop() ?? { calendar: new SwitchableCalendar(this.calendarOf(jurisdiction)), engine: undefined };
    const own = { engine: engine ?? this.engineWith(jurisdiction, calendar), calendar };
    let released = false;
    return {
      engine: own.engine,
      use: async (version) => {
        calendar.target = version ? await this.calendarVersion(version) : this.calendarOf(jurisdiction);
      },
      release: () => {
        if (released || idle.length >= 4) return;
        released = true;
        this.idleReplays.set(jurisdiction, idle);
        idle.push(own);
      },
    };
  }

  /** The calendar a recorded version names, rebuilt from its stored data (checked against the version). */
  calendarVersion(version: string): Promise<WorkingDayCalendar> {
    let found = this.byVersion.get(version);
    if (!found) {
      found = this.versions.find(version).then((data) => {
        if (data === undefined) throw new Error(`working-day calendar version ${version} is not stored`);
        return calendarFromData(data, version);
      });
      found.catch(() => this.byVersion.delete(version));
      this.byVersion.set(version, found);
    }
    return found;
  }

  /** Read the uploads again; when they changed, every engine computes with the new calendar from its next event on. True when changed. */
  async refresh(): Promise<boolean> {
    const rows = await this.noticeRows.all();
    const key = rows.map((r) => r.id).join(',');
    if (key === this.noticeKey) return false;
    const latest = new Map<number, HolidayNotice>();
    for (const r of rows) latest.set(r.year, r.arrangement as HolidayNotice);
    this.notices = [...latest.values()].sort((a, b) => a.year - b.year);
    this.uploads = rows;
    this.noticeKey = key;
    this.built.clear();
    for (const [jurisdiction, entry] of this.cache) entry.calendar.target = this.calendarOf(jurisdiction);
    for (const listener of this.listeners) listener();
    return true;
  }

  /** Call `listener` after every change of the calendars; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private engineWith(jurisdiction: string, calendar: SwitchableCalendar): ProcedureEngine {
    // Years without official holiday data are estimated from the statutory rules: bounds, provisional deadlines.
    return new ProcedureEngine({ calendar }, { sameUnit: this.units.sameUnitIn(jurisdiction) });
  }
}
