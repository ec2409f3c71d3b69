import { Clock } from '@app/common';
import type { DecisionRow } from '@app/persistence';
import type { Actor, DecisionContext, DecisionView, LiveSnapshot, ProcedureEngine } from '@app/procedure';
import { UnitRegistry, type UnitDirectory } from '@app/units';
import { Injectable } from '@nestjs/common';
import { ProcedureEngines } from './procedure-engines';
import { snapshotOf } from './transition-decider';

export interface DeadlineView {
  id: string;
  kind: string;
  dueAt: string;
  overdue: boolean;
  /** present when the due date is an estimate (no official holiday data for that year yet) */
  provisional?: true;
}

/** What machine v2 adds to a decision's view (absent on v1 views). */
type ViewV2Parts = { involvedUnits?: string[]; adjustment?: unknown; adjustments?: unknown[]; assessmentUnits?: string[] };

/** Execution as the API shows it: the implementing units, the post-evaluation under way and those done. */
function executionOf(ctx: DecisionContext) {
  const { assignments, postEvaluation, evaluations } = ctx.execution;
  return {
    assignments: assignments.map(({ unit, dueAt, reportEveryDays, assignedAt, lastReportAt, reports }) => ({ unit, dueAt, reportEveryDays, assignedAt, lastReportAt, reports })),
    postEvaluation: postEvaluation && { trigger: postEvaluation.trigger, evaluator: postEvaluation.evaluator, startedAt: postEvaluation.startedAt },
    evaluations: evaluations.length,
  };
}

/** Every unit a decision names (proposing, undertaking, involved, implementing, evaluating, assessing), by its registered name. */
function unitNamesOf(ctx: DecisionContext, units: UnitDirectory): Record<string, string> {
  const v2 = ctx as DecisionContext & { involvedUnits?: string[]; assessmentUnits?: string[] };
  const named = [
    ctx.facts.proposer.unit,
    ctx.undertakingUnit,
    ...(v2.involvedUnits ?? []),
    ...ctx.execution.assignments.map((a) => a.unit),
    ctx.execution.postEvaluation?.evaluator,
    ...(v2.assessmentUnits ?? []),
  ].filter((u): u is string => !!u);
  return Object.fromEntries(named.map((u) => [u, units.nameOf(u)]));
}

/** A decision as lists show it: an explicit list of fields, nothing leaks; units by id with their names beside (`unitNames`). */
export function presentDecisionSummary(row: DecisionRow, engine: ProcedureEngine, units: UnitDirectory) {
  const view = row.view as DecisionView & ViewV2Parts;
  const ctx = engine.context(snapshotOf(row));
  return {
    id: row.id,
    title: row.title,
    category: row.category,
    summary: row.summary,
    confidential: row.confidential,
    exploratoryReform: ctx.facts.exploratoryReform,
    publicInterest: ctx.facts.publicInterest,
    catalogueItemId: row.catalogue_item_id,
    jurisdiction: row.jurisdiction,
    proposer: ctx.facts.proposer,
    undertakingUnit: view.undertakingUnit,
    involvedUnits: view.involvedUnits ?? [],
    unitNames: unitNamesOf(ctx, units),
    status: row.status,
    stateValue: row.state_value,
    version: row.version,
    round: view.round,
    machine: { id: row.machine_id, version: row.machine_version },
    profile: { id: row.profile_id, version: row.profile_version },
    draft: view.draft,
    steps: view.steps,
    execution: executionOf(ctx),
    adjustment: view.adjustment ?? null,
    adjustments: view.adjustments ?? [],
    lastHash: row.last_hash,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * The API representation of one decision (API.md `GET /api/decisions/:id`): the summary, its open
 * deadlines, what the caller may send now (`allowedEvents`) and what the state knows and the caller
 * may send but a rule refuses now (`blockedEvents`, with the rule codes). `live`: the row's snapshot
 * as the engine just computed it, which spares restoring it again.
 */
export function presentDecision(row: DecisionRow, engine: ProcedureEngine, units: UnitDirectory, actor: Actor, now: Date, live?: LiveSnapshot) {
  const { allowedEvents, blockedEvents } = engine.eventOptions(live ?? snapshotOf(row), actor, now.toISOString());
  return {
    ...presentDecisionSummary(row, engine, units),
    deadlines: row.open_deadlines.filter((d) => !d.kind.endsWith('_REMINDER')).map((d) => presentDeadline(d, now)),
    allowedEvents,
    blockedEvents,
  };
}

export type DecisionResponse = ReturnType<typeof presentDecision>;

/** A deadline with its overdue flag at `now`. */
export function presentDeadline(d: { id: string; kind: string; dueAt: string; provisional?: boolean }, now: Date): DeadlineView {
  const view: DeadlineView = { id: d.id, kind: d.kind, dueAt: d.dueAt, overdue: Date.parse(d.dueAt) < now.getTime() };
  return d.provisional ? { ...view, provisional: true } : view;
}

export { presentEvent } from './event.presenter';

/**
 * The presenters bound to each jurisdiction's engine, its units (this process's copy: the caller
 * has made it ready) and the clock.
 */
@Injectable()
export class DecisionPresenter {
  constructor(
    private readonly engines: ProcedureEngines,
    private readonly units: UnitRegistry,
    private readonly clock: Clock,
  ) {}

  present(row: DecisionRow, actor: Actor, live?: LiveSnapshot): DecisionResponse {
    return presentDecision(row, this.engines.for(row.jurisdiction).engine, this.units.directory(row.jurisdiction), actor, this.clock.now(), live);
  }

  summary(row: DecisionRow) {
    return presentDecisionSummary(row, this.engines.for(row.jurisdiction).engine, this.units.directory(row.jurisdiction));
  }
}
