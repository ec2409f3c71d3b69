import type { Actor, Role } from './actor';
import type { DecisionContext } from './decision-context';
import type { EventType } from './events';
import type { Reason } from './reason';
import { reason } from './rule-codes';

/** Who may send each event (API.md). Data beside the machine, not in controllers. */
export const EVENT_ROLES: Record<EventType, readonly Role[]> = {
  CREATE_DECISION: ['drafter', 'secretary', 'head'],
  ACCEPT_PROPOSAL: ['secretary', 'head'],
  DECLINE_PROPOSAL: ['secretary', 'head'],
  REVISE_DRAFT: ['drafter'],
  OPEN_PUBLIC_COMMENT: ['drafter'],
  CLOSE_PUBLIC_COMMENT: ['drafter'],
  PUBLIC_COMMENT_ELAPSED: ['system'],
  SCHEDULE_HEARING: ['drafter'],
  RECORD_HEARING: ['drafter'],
  SUBMIT_PUBLIC_OPINION_REPORT: ['drafter'],
  WAIVE_PUBLIC_PARTICIPATION: ['drafter'],
  APPOINT_EXPERTS: ['drafter'],
  RECORD_EXPERT_OPINION: ['drafter'],
  SUBMIT_EXPERT_REPORT: ['drafter'],
  WAIVE_EXPERT_ARGUMENTATION: ['drafter'],
  SUBMIT_RISK_REPORT: ['drafter'],
  WAIVE_RISK_ASSESSMENT: ['drafter'],
  SUBMIT_FOR_LEGALITY_REVIEW: ['drafter'],
  RETURN_FOR_MATERIALS: ['legal_reviewer'],
  ISSUE_LEGALITY_OPINION: ['legal_reviewer'],
  SUBMIT_FOR_COLLECTIVE_DISCUSSION: ['drafter', 'secretary'],
  HOLD_MEETING: ['secretary'],
  RECORD_OPINION: ['secretary'],
  RECORD_DECISION: ['head'],
  REPORT_TO_PARTY_COMMITTEE: ['secretary'],
  REPORT_TO_PEOPLES_CONGRESS: ['secretary'],
  PUBLISH: ['secretary'],
  ASSIGN_EXECUTION: ['secretary'],
  REPORT_EXECUTION: ['executor'],
  START_POST_EVALUATION: ['secretary'],
  SUBMIT_POST_EVALUATION: ['secretary'],
  SUSPEND_EXECUTION: ['head'],
  RESUME_EXECUTION: ['head'],
  START_ADJUSTMENT: ['secretary', 'head'],
  STOP_EXECUTION: ['head'],
  COMPLETE_EXECUTION: ['secretary'],
  WITHDRAW: ['drafter', 'head'],
};

const REVIEW_EVENTS: readonly EventType[] = ['RETURN_FOR_MATERIALS', 'ISSUE_LEGALITY_OPINION'];

export interface AccessOptions {
  /** check ownership (NOT_UNDERTAKING_UNIT); off only to replay trails recorded before it was enforced */
  ownership?: boolean;
  /**
   * Whether a token's unit id and a unit recorded in a decision are the same unit. By default the
   * same string; the host passes its unit registry's view when decisions recorded before units were
   * registered entities name their units otherwise (e.g. by Chinese name instead of id).
   */
  sameUnit?: (tokenUnit: string, recordedUnit: string) => boolean;
}

const identical = (a: string, b: string) => a === b;

/** The submissions a reviewer may be asked to review now: the decision's own and, in machine v2, that of a change round. */
type ReviewedContext = DecisionContext & { change?: { record: Pick<DecisionContext, 'legalityReview'> } | null };

/**
 * May this actor send this event to this decision? null when yes, else the 403 reason.
 *
 * Access control, as opposed to procedure, holds for every machine version (a
 * security hole is not "v1 semantics"): the role table, separation of duties,
 * and ownership — an event a user may send only as a drafter comes from a
 * drafter of the undertaking unit (before the proposal is accepted: of the
 * proposing unit), so one unit can never withdraw or steer another's decision.
 * Replay of a trail recorded before ownership was enforced does not re-apply it
 * (see ProcedureEngine.replayer).
 */
export function authorizeEvent(type: EventType, actor: Actor, ctx: DecisionContext | null, options: AccessOptions = {}): Reason | null {
  const sameUnit = options.sameUnit ?? identical;
  const roles = EVENT_ROLES[type] ?? [];
  if (!actor.roles.some((r) => roles.includes(r))) {
    return reason('FORBIDDEN_ROLE', `提交 ${type} 需要以下角色之一：${roles.join(', ')}`);
  }
  if (!ctx) return null;
  if (REVIEW_EVENTS.includes(type)) {
    const round = (ctx as ReviewedContext).change?.record.legalityReview.submission;
    if (ctx.legalityReview.submission?.submittedBy.sub === actor.sub || round?.submittedBy.sub === actor.sub) {
      return reason('SEPARATION_OF_DUTIES', '不得审查本人送审的决策草案');
    }
    if (ctx.undertakingUnit !== null && sameUnit(actor.unit, ctx.undertakingUnit)) {
      return reason('SEPARATION_OF_DUTIES', '合法性审查意见须由承办单位以外的合法性审查机构出具');
    }
  }
  if (options.ownership !== false && actsOnlyAsDrafter(type, actor)) {
    const owner = ctx.undertakingUnit ?? ctx.facts.proposer.unit;
    if (!sameUnit(actor.unit, owner)) return reason('NOT_UNDERTAKING_UNIT', `只有决策承办单位（${owner}）的起草人员可以提交 ${type}`);
  }
  return null;
}

/** The actor may send this event only by being a drafter (no other role of theirs is listed for it). */
function actsOnlyAsDrafter(type: EventType, actor: Actor): boolean {
  const roles = EVENT_ROLES[type];
  return roles.includes('drafter') && !actor.roles.some((r) => r !== 'drafter' && roles.includes(r));
}
