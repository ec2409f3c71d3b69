import type { EventType } from './events';
import type { ClosedCommentPeriod } from './procedure-version';
import type { Reason } from './reason';
import { reason } from './rule-codes';

const CLOSERS: Record<string, string> = { TIMER: '系统定时器（期限届满）', DRAFTER: '起草单位', SUPERSEDED: '就修改后草案重新征求意见' };

/**
 * Why a user event the state no longer knows was pre-empted, when a timer (or a
 * colleague) did first what it asked for: a drafter's CLOSE_PUBLIC_COMMENT on a
 * period already closed says when and by whom instead of EVENT_NOT_ALLOWED.
 * PUBLIC_COMMENT_ELAPSED is the only event a timer sends, and CLOSE_PUBLIC_COMMENT
 * the only user event it can pre-empt; this holds for every machine version.
 */
export function preemptionReason(type: EventType, period: ClosedCommentPeriod | null): Reason | null {
  if (type !== 'CLOSE_PUBLIC_COMMENT' || !period?.closedAt) return null;
  const by = period.closedByName ?? CLOSERS[period.closedBy ?? ''] ?? period.closedBy ?? '未知';
  return reason('COMMENT_PERIOD_ALREADY_CLOSED', `征求意见期限已于 ${period.closedAt} 结束（${by}）`);
}
