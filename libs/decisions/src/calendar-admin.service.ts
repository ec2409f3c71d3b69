import { CalendarDataError, CalendarOverrideError, buildCalendarData, coverageWarnings, HolidayNoticeError, parseHolidayNotice, type CoverageWarning, type HolidayNotice, type WorkingDayCalendar } from '@app/calendar';
import { Clock, DomainError } from '@app/common';
import { CalendarNoticeRepository, NotificationRepository, type CalendarNoticeRow } from '@app/persistence';
import type { Actor } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ProcedureEngines } from './procedure-engines';

/** Where a year's working days come from: the package's official data, an uploaded notice, the jurisdiction's override, or the statutory rules (make-up days unknown). */
export type YearSource = 'official' | 'notice' | 'override' | 'estimated';

/** GET /api/calendar */
export interface CalendarOverview {
  jurisdiction: string;
  /** the version new events record (SHA-256 of the calendar's data) */
  version: string;
  coverage: { from: number; to: number };
  years: { year: number; source: YearSource; provisional: boolean }[];
  notices: { id: string; year: number; title: string; documentNumber: string | null; holidays: number; workdays: number; uploadedBy: CalendarNoticeRow['uploadedBy']; uploadedAt: string; applies: boolean }[];
  warnings: CoverageWarning[];
  /** the notices raised to the jurisdiction's administrators about the calendar (one per year without official data) */
  adminNotices: { kind: string; topic: string; message: string; createdAt: string }[];
}

/**
 * The working-day calendar as administrators manage it: the State Council's notice for a year
 * uploaded (validated, recorded append-only with who and when, then every process's calendars
 * follow it and the worker dates provisional deadlines again), and what the calendar covers.
 */
@Injectable()
export class CalendarAdminService {
  constructor(
    private readonly engines: ProcedureEngines,
    private readonly notices: CalendarNoticeRepository,
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
  ) {}

  /** The calendar of the actor's jurisdiction: years and their sources, version, uploads. */
  async overview(actor: Actor): Promise<CalendarOverview> {
    await this.engines.refresh();
    return this.describe(actor.jurisdiction, this.engines.calendarOf(actor.jurisdiction));
  }

  /** Record the notice for `year` (body: holidays, workdays, notice reference) and apply it. */
  async upload(year: number, body: unknown, actor: Actor): Promise<CalendarOverview> {
    const notice = this.parse(year, body);
    try {
      buildCalendarData({ notices: [...this.engines.currentNotices().filter((n) => n.year !== year), notice] });
    } catch (err) {
      if (err instanceof CalendarDataError || err instanceof CalendarOverrideError) throw new DomainError('CALENDAR_NOTICE_INVALID', `放假安排无法并入工作日历：${err.message}`);
      throw err;
    }
    await this.notices.record({
      id: randomUUID(),
      year,
      arrangement: notice,
      uploadedBy: { id: actor.sub, role: actor.roles[0] ?? 'admin', jurisdiction: actor.jurisdiction },
      uploadedAt: this.clock.now(),
    });
    await this.engines.refresh();
    return this.describe(actor.jurisdiction, this.engines.calendarOf(actor.jurisdiction));
  }

  /** Warnings of the national calendar and every override at the clock's time (for the health check). */
  coverageWarnings(): CoverageWarning[] {
    return coverageWarnings(this.engines.calendarOf(null), this.clock.now().toISOString());
  }

  private parse(year: number, body: unknown): HolidayNotice {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new DomainError('CALENDAR_NOTICE_INVALID', '放假安排应为 JSON 对象：{holidays, workdays, notice}');
    }
    const given = (body as { year?: unknown }).year;
    if (given !== undefined && given !== year) {
      throw new DomainError('CALENDAR_NOTICE_INVALID', `请求体中的年份（${JSON.stringify(given)}）与地址中的年份（${year}）不一致`, undefined, { issues: [{ field: 'year', message: '与地址中的年份不一致' }] });
    }
    try {
      return parseHolidayNotice({ ...body, year });
    } catch (err) {
      if (err instanceof HolidayNoticeError) throw new DomainError(err.code, err.message, undefined, { issues: err.issues });
      throw err;
    }
  }

  private async describe(jurisdiction: string, calendar: WorkingDayCalendar): Promise<CalendarOverview> {
    const data = calendar.data();
    const local = new Set(data.override?.coversYears ?? []);
    const years = [
      ...data.official.map((y) => ({ year: y.year, source: (y.source.kind === 'notice' ? 'notice' : 'official') as YearSource, provisional: false })),
      ...[...local].map((year) => ({ year, source: 'override' as YearSource, provisional: false })),
      ...data.estimated.map((y) => ({ year: y.year, source: 'estimated' as YearSource, provisional: true })),
    ].sort((a, b) => a.year - b.year);
    const uploads = this.engines.uploadedNotices();
    const applying = new Map(uploads.map((u) => [u.year, u.id]));
    return {
      jurisdiction,
      version: calendar.version,
      coverage: calendar.coverage(),
      years,
      notices: uploads.map((u) => {
        const n = u.arrangement as HolidayNotice;
        return {
          id: u.id,
          year: u.year,
          title: n.notice.title,
          documentNumber: n.notice.documentNumber ?? null,
          holidays: n.holidays.length,
          workdays: n.workdays.length,
          uploadedBy: u.uploadedBy,
          uploadedAt: u.uploadedAt.toISOString(),
          applies: applying.get(u.year) === u.id,
        };
      }),
      warnings: coverageWarnings(calendar, this.clock.now().toISOString()),
      adminNotices: (await this.notifications.topical(jurisdiction))
        .filter((n) => n.topic.startsWith('calendar:'))
        .map((n) => ({ kind: n.kind, topic: n.topic, message: n.message, createdAt: n.created_at.toISOString() })),
    };
  }
}
