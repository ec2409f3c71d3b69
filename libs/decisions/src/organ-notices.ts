import type { EventNotice } from '@app/persistence';
import type { ProcedureEffect } from '@app/procedure';
import { randomUUID } from 'node:crypto';

/** How much of a reported problem a notice repeats (the whole report is on the trail). */
const PROBLEM_CHARS = 1_000;

/**
 * The notices an accepted event's effects raise, written with the event and delivered by the
 * worker: NOTIFY_ORGAN tells the decision organ of a serious problem an implementing unit
 * reported (Art. 35), naming the unit as registered.
 */
export function noticesOf(effects: readonly ProcedureEffect[], unitName: (unit: string) => string): EventNotice[] {
  return effects
    .filter((e) => e.type === 'NOTIFY_ORGAN')
    .map((e) => {
      const problems = e.problems.length > PROBLEM_CHARS ? `${e.problems.slice(0, PROBLEM_CHARS)}……` : e.problems;
      return {
        id: randomUUID(),
        kind: e.reason,
        message: `致决策机关：执行单位${unitName(e.unit)}报告决策执行中出现重大问题（报告人：${e.reportedBy.name}，${e.reportedAt}）：${problems}`,
      };
    });
}
