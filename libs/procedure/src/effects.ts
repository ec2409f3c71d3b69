import { actorRef, type ActorRef } from './decision-context';
import type { AnyProcedureEvent, Payloads } from './events';

/**
 * Something the host carries out after it committed an accepted event; the
 * procedure only says what. NOTIFY_ORGAN: an implementing unit reported a
 * serious problem in execution (Art. 35), the decision organ must learn of it.
 */
export interface NotifyOrganEffect {
  type: 'NOTIFY_ORGAN';
  reason: 'SERIOUS_EXECUTION_PROBLEM';
  decisionId: string;
  /** the implementing unit that reported it */
  unit: string;
  problems: string;
  reportedAt: string;
  reportedBy: ActorRef;
}

export type ProcedureEffect = NotifyOrganEffect;

/**
 * The effects of an accepted event. Not a rule of any machine version: a serious
 * problem reported on a v1 decision reaches the organ too.
 */
export function effectsOf(decisionId: string, event: AnyProcedureEvent): ProcedureEffect[] {
  if (event.type !== 'REPORT_EXECUTION') return [];
  const p = event.payload as Payloads['REPORT_EXECUTION'];
  if (!p.serious) return [];
  return [
    {
      type: 'NOTIFY_ORGAN',
      reason: 'SERIOUS_EXECUTION_PROBLEM',
      decisionId,
      unit: event.actor.unit,
      problems: p.problems?.trim() || p.progress,
      reportedAt: event.occurredAt,
      reportedBy: actorRef(event.actor),
    },
  ];
}
