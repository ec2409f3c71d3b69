import type { DecisionContext } from './decision-context';
import type { ProcedureCalendar } from './decision.guards';
import type { DecisionStatus } from './decision-view';
import type { EventType } from './events';

/** A deadline the procedure owes right now; `key` is stable so the host can diff old and new sets. */
export interface DeadlineSpec {
  key: string;
  kind: DeadlineKind;
  dueAt: string;
  /** the system event to send when due; absent: the deadline raises an overdue notice */
  fireEvent?: EventType;
  /** computed in a year without official holiday data (the bound that never declares anyone overdue early): recompute when the notice arrives */
  provisional?: true;
}

export type DeadlineKind =
  | 'PUBLIC_COMMENT_END'
  | 'LEGALITY_REVIEW_DUE'
  | 'HEARING_MATERIALS_DUE'
  | 'EXECUTION_DUE'
  | 'EXECUTION_REPORT_DUE'
  | `${'PUBLIC_COMMENT_END' | 'LEGALITY_REVIEW_DUE' | 'HEARING_MATERIALS_DUE' | 'EXECUTION_DUE' | 'EXECUTION_REPORT_DUE'}_REMINDER`;

const DAY_MS = 86_400_000;
const shift = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

/**
 * The statutory deadlines a decision owes in its current state, each with a
 * reminder `reminderLeadDays` before it (omitted when already past at `now`).
 * Pure: the calendar is provided, time arrives as `now`.
 */
export function deadlinesOf(status: DecisionStatus, ctx: DecisionContext, calendar: ProcedureCalendar, now: string): DeadlineSpec[] {
  const r = `r${ctx.round}`;
  const out: DeadlineSpec[] = [];
  const pp = ctx.publicParticipation;
  if (status === 'drafting' && pp.comment && !pp.comment.closedAt) {
    out.push({ key: `PUBLIC_COMMENT_END:${r}`, kind: 'PUBLIC_COMMENT_END', dueAt: pp.comment.endsAt, fireEvent: 'PUBLIC_COMMENT_ELAPSED' });
  }
  if (status === 'drafting' && !pp.reportedAt && !pp.waiver) {
    pp.plannedHearings.forEach((h, i) => {
      if (i < pp.hearings.length) return;
      const dueAt = shift(h.plannedAt, -ctx.profile.hearing.minNoticeDays);
      out.push({ key: `HEARING_MATERIALS_DUE:${r}:h${i + 1}`, kind: 'HEARING_MATERIALS_DUE', dueAt });
    });
  }
  const submission = ctx.legalityReview.submission;
  const limit = ctx.profile.legalityReview.timeLimitWorkingDays;
  if (status === 'legalityReview' && submission && (submission.opinionNeededBy || limit !== null)) {
    const due = submission.opinionNeededBy ? { dueAt: submission.opinionNeededBy } : owedWorkingDaysLater(calendar, submission.submittedAt, limit!);
    out.push({ key: `LEGALITY_REVIEW_DUE:${r}:s${ctx.legalityReview.submissions}`, kind: 'LEGALITY_REVIEW_DUE', ...due });
  }
  if (status === 'implementing') {
    for (const a of ctx.execution.assignments) {
      out.push({ key: `EXECUTION_DUE:${r}:${a.unit}`, kind: 'EXECUTION_DUE', dueAt: a.dueAt });
      const nextReport = shift(a.lastReportAt ?? a.assignedAt, a.reportEveryDays);
      if (Date.parse(nextReport) < Date.parse(a.dueAt)) {
        out.push({ key: `EXECUTION_REPORT_DUE:${r}:${a.unit}:n${a.reports + 1}`, kind: 'EXECUTION_REPORT_DUE', dueAt: nextReport });
      }
    }
  }
  const reminders = out
    .map((d): DeadlineSpec => ({
      key: `${d.key}:reminder`,
      kind: `${d.kind}_REMINDER` as DeadlineKind,
      dueAt: shift(d.dueAt, -ctx.profile.reminderLeadDays),
      ...(d.provisional ? { provisional: true } : {}),
    }))
    .filter((d) => Date.parse(d.dueAt) > Date.parse(now));
  return [...out, ...reminders];
}

/**
 * The due date of something owed within `n` working days of `from`: where unpublished
 * holidays leave it open, the latest bound, so nobody is declared overdue early; marked
 * provisional then. Shared by every machine version.
 */
export function owedWorkingDaysLater(calendar: ProcedureCalendar, from: string, n: number): { dueAt: string; provisional?: true } {
  const bounds = calendar.addWorkingDays(from, n);
  return bounds.provisional ? { dueAt: bounds.latest, provisional: true } : { dueAt: bounds.latest };
}

/** An open deadline whose due date (or provisional mark) a newer calendar changes. */
export interface DeadlineChange {
  key: string;
  kind: DeadlineKind;
  previousDueAt: string;
  /** null: no longer owed at `now` (a reminder whose new time has passed) */
  dueAt: string | null;
  /** still computed in a year without official data */
  provisional: boolean;
}

/**
 * With a newer calendar, what becomes of a decision's open provisional deadlines (as
 * stored: key, kind, dueAt, provisional); only changes are listed. The host records them
 * as a system event and reschedules the timers with `deadlinesOf` on the same calendar.
 */
export function recomputeProvisionalDeadlines(
  open: readonly Pick<DeadlineSpec, 'key' | 'kind' | 'dueAt' | 'provisional'>[],
  status: DecisionStatus,
  ctx: DecisionContext,
  calendar: ProcedureCalendar,
  now: string,
): DeadlineChange[] {
  const fresh = new Map(deadlinesOf(status, ctx, calendar, now).map((d) => [d.key, d]));
  return open
    .filter((d) => d.provisional)
    .flatMap((d): DeadlineChange[] => {
      const next = fresh.get(d.key);
      const change = { key: d.key, kind: d.kind, previousDueAt: d.dueAt, dueAt: next?.dueAt ?? null, provisional: next?.provisional === true };
      const same = change.dueAt !== null && Date.parse(change.dueAt) === Date.parse(d.dueAt) && change.provisional;
      return same ? [] : [change];
    });
}
