import { createDecisionMachine, DECISION_MACHINE_ID, DECISION_MACHINE_VERSION } from '../decision.machine';
import { createRuleChecks, type GuardName, type ProcedureDeps, type RuleCheck } from '../decision.guards';
import { viewOf } from '../decision-view';
import { deadlinesOf } from '../deadlines';
import type { ProcedureVersion } from '../procedure-version';
import type { RuleDefinition } from '../rule-definition';

/**
 * What `allowedEvents` may judge of v1's rules without a payload: the codes each
 * check raises whatever the payload. The rules themselves are v1's, unchanged.
 */
const V1_STATE_CODES: Partial<Record<GuardName, Omit<RuleDefinition, 'check'>>> = {
  draftNotUnderReview: { stateCodes: 'all' },
  commentPeriodElapsed: { stateCodes: 'all' },
  // with no payload it accounts for no comment: what is left is the state of the step
  publicOpinionReportable: { stateCodes: 'all' },
  allExpertOpinionsSigned: { stateCodes: 'all' },
  readyForCollectiveDiscussion: { stateCodes: 'all' },
  executorAssigned: { stateCodes: 'all' },
  reviewSubmissionLawful: { stateCodes: ['DRAFT_MISSING', 'STEPS_NOT_SETTLED', 'RISK_UNCONTROLLABLE'] },
  commentPeriodLawful: { stateCodes: ['DRAFT_MISSING', 'CONFIDENTIAL_NO_PUBLIC_COMMENT'] },
  publicationLawful: { stateCodes: ['PARTY_COMMITTEE_REPORT_REQUIRED', 'PEOPLES_CONGRESS_REPORT_REQUIRED'] },
  waiverLawful: { stateCodes: ['WAIVER_NOT_ALLOWED'] },
  decisionLawful: { stateCodes: ['HEAD_OPINION_MISSING'], probePayload: (p: { outcomes: string[] }) => ({ outcome: p.outcomes[0] }) },
  riskReportOutcome: { stateCodes: ['RISK_DRAFT_NOT_ADJUSTED'], probePayload: (p: { controllable: boolean }) => ({ controllable: p.controllable }) },
};

/** Machine v1 as the engine runs it: the statechart, rules and deadlines decisions started before v2 keep to the end. */
export function procedureV1(deps: ProcedureDeps): ProcedureVersion {
  const checks = createRuleChecks(deps) as Record<GuardName, RuleCheck>;
  const rules = Object.fromEntries(Object.entries(checks).map(([name, check]) => [name, { check, ...V1_STATE_CODES[name as GuardName] }]));
  return {
    ref: { id: DECISION_MACHINE_ID, version: DECISION_MACHINE_VERSION },
    machine: createDecisionMachine(deps) as never,
    rules,
    replayChecksOwnership: false,
    view: viewOf,
    deadlines: (status, _value, ctx, calendar, now) => deadlinesOf(status, ctx, calendar, now),
    commentPeriod: (_value, ctx) => ctx.publicParticipation.comment,
  };
}
