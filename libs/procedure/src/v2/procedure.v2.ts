import type { ProcedureDeps } from '../decision.guards';
import type { ProcedureVersion } from '../procedure-version';
import type { DecisionContextV2 } from './context.v2';
import { deadlinesOfV2 } from './deadlines.v2';
import { createRulesV2 } from './guards.v2';
import { createDecisionMachineV2, DECISION_MACHINE_V2 } from './machine.v2';
import { viewOfV2 } from './view.v2';

/** Machine v2 as the engine runs it (new decisions start on it). */
export function procedureV2(deps: ProcedureDeps): ProcedureVersion {
  return {
    ref: DECISION_MACHINE_V2,
    machine: createDecisionMachineV2(deps) as never,
    rules: createRulesV2(deps),
    // every v2 trail was recorded under the ownership rule
    replayChecksOwnership: true,
    view: (value, ctx) => viewOfV2(value, ctx as DecisionContextV2),
    deadlines: (status, value, ctx, calendar, now) => deadlinesOfV2(status, value, ctx as DecisionContextV2, calendar, now),
    commentPeriod: (_value, ctx) => (ctx as DecisionContextV2).change?.record.publicParticipation.comment ?? ctx.publicParticipation.comment,
  };
}
