import type { DecisionContext } from './decision-context';
import type { ProcedureCalendar } from './decision.guards';
import type { AnyProcedureEvent } from './events';
import type { Reason } from './reason';
import { reason } from './rule-codes';

/**
 * The reviewer's time (Art. 27: at least the profile's working days, 7 nationally) as
 * the calendar can tell it. Years without official holiday data give bounds: the
 * floor's n-th working day falls between `earliest` (every unknown make-up day worked)
 * and `latest` (every unknown day given off). Shared by every machine version.
 */
export type ReviewTimeCheck =
  | { verdict: 'sufficient' }
  | { verdict: 'tooShort'; earliest: string }
  | { verdict: 'provisional'; risk: ReviewTimeRisk };

/** A requested date that is enough in some arrangements of the unknown days and not in others; kept on the submission. */
export interface ReviewTimeRisk {
  owedWorkingDays: number;
  opinionNeededBy: string;
  /** the floor's n-th working day at the earliest and at the latest; null when the calendar reaches no year of it */
  earliest: string | null;
  latest: string | null;
}

/**
 * Is `opinionNeededBy` at least `owed` working days after `submittedAt`? Sufficient when it
 * holds however the unknown days fall, too short when it fails even in the best case,
 * provisional in between. Never throws for calendar reasons: a year the calendar cannot
 * compute at all is provisional too, so no lawful submission is refused.
 */
export function checkReviewTime(calendar: ProcedureCalendar, submittedAt: string, opinionNeededBy: string, owed: number): ReviewTimeCheck {
  let bounds;
  try {
    bounds = calendar.addWorkingDays(submittedAt, owed);
  } catch (err) {
    if ((err as { code?: string }).code !== 'CALENDAR_YEAR_NOT_COVERED') throw err;
    return { verdict: 'provisional', risk: { owedWorkingDays: owed, opinionNeededBy, earliest: null, latest: null } };
  }
  const needed = Date.parse(opinionNeededBy);
  if (needed >= Date.parse(bounds.latest)) return { verdict: 'sufficient' };
  if (needed < Date.parse(bounds.earliest)) return { verdict: 'tooShort', earliest: bounds.earliest };
  return { verdict: 'provisional', risk: { owedWorkingDays: owed, opinionNeededBy, earliest: bounds.earliest, latest: bounds.latest } };
}

const checkedEvents = new WeakMap<object, { calendar: ProcedureCalendar; check: ReviewTimeCheck }>();

/**
 * `checkReviewTime` for one submission event, computed once: its guard and the action that
 * records the risk both ask, and XState hands them the same event object.
 */
export function reviewTimeOfEvent(calendar: ProcedureCalendar, event: { occurredAt: string }, opinionNeededBy: string, owed: number): ReviewTimeCheck {
  const known = checkedEvents.get(event);
  if (known?.calendar === calendar) return known.check;
  const check = checkReviewTime(calendar, event.occurredAt, opinionNeededBy, owed);
  checkedEvents.set(event, { calendar, check });
  return check;
}

/** The refusal of a date that leaves too little time even in the best case. */
export function reviewTimeTooShort(owed: number, earliest: string): Reason {
  return reason('REVIEW_TIME_TOO_SHORT', `应至少给审查机构留出 ${owed} 个工作日，要求出具意见的时间不得早于 ${beijingDate(earliest)}`);
}

/** The warning an accepted submission carries while its review time depends on a notice not yet published. */
export function reviewTimeRiskWarning(risk: ReviewTimeRisk): Reason {
  const needed = beijingDate(risk.opinionNeededBy);
  if (risk.earliest === null || risk.latest === null) {
    return reason('REVIEW_TIME_PROVISIONAL', `工作日历无法推算该期间的工作日，无法核对要求 ${needed} 前出具意见是否留足 ${risk.owedWorkingDays} 个工作日`);
  }
  return reason(
    'REVIEW_TIME_PROVISIONAL',
    `该期间的节假日调休尚未公布：${risk.owedWorkingDays} 个工作日最早于 ${beijingDate(risk.earliest)}、最晚于 ${beijingDate(risk.latest)} 届满，` +
      `要求 ${needed} 前出具意见可能不足 ${risk.owedWorkingDays} 个工作日，待国务院放假通知发布后确定`,
  );
}

/** The warnings an accepted event carries, read from what its action recorded in `next` (the context after it). */
export function acceptedEventWarnings(event: Pick<AnyProcedureEvent, 'type'>, next: DecisionContext): Reason[] {
  const risk = event.type === 'SUBMIT_FOR_LEGALITY_REVIEW' ? next.legalityReview.submission?.reviewTimeRisk : undefined;
  return risk ? [reviewTimeRiskWarning(risk)] : [];
}

/** YYYY-MM-DD of an instant in Beijing time (UTC+8, no DST): the date users read. */
function beijingDate(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}
