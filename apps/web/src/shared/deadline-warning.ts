/** How close a deadline may come before the console warns in yellow (a display choice, not a rule of the procedure). */
export const DUE_SOON_DAYS = 3;
const DAY_MS = 86_400_000;

export type DeadlineWarning = 'overdue' | 'dueSoon' | 'onTime';

/** Red when past (the API's `overdue`), yellow within DUE_SOON_DAYS of `now`, else none. */
export function deadlineWarning(deadline: { dueAt: string; overdue: boolean }, now: number): DeadlineWarning {
  if (deadline.overdue) return 'overdue';
  return Date.parse(deadline.dueAt) - now <= DUE_SOON_DAYS * DAY_MS ? 'dueSoon' : 'onTime';
}
