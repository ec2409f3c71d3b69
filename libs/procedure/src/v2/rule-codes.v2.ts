import type { RuleCode } from '../rule-codes';

/**
 * The procedural rules machine v2 adds (issue #13): v1 decisions never raise them.
 * Access control (NOT_UNDERTAKING_UNIT) and the timer race (COMMENT_PERIOD_ALREADY_CLOSED)
 * hold for every version and are not listed here.
 */
export const V2_RULE_CODES: readonly RuleCode[] = [
  'COMMENT_PERIOD_ALREADY_OPEN',
  'COMMENT_PERIOD_BACKDATED',
  'COMMENT_EXPLANATION_REQUIRED',
  'COMMENT_ON_OLD_DRAFT',
  'PARTICIPATION_NOT_HELD',
  'ADVISER_OPINION_REQUIRED',
  'ATTENDEE_POSITION_MISSING',
  'HEAD_NOT_PRESIDING',
  'POST_EVALUATION_PARTICIPATION_REQUIRED',
  'REPORT_ALREADY_FILED',
  'DATE_IN_FUTURE',
  'ADJUSTMENT_TRIGGER_REQUIRED',
  'ADJUSTMENT_IN_PROGRESS',
  'COLLECTIVE_DECISION_REQUIRED',
];

/** Codes the host raises before the engine sees an event (a unit field naming no registered unit; the public comment endpoint). */
export const HOST_RULE_CODES: readonly RuleCode[] = ['UNIT_NOT_REGISTERED', 'COMMENT_PERIOD_CLOSED'];
