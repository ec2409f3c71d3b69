import { Clock } from '@app/common';
import type { DecisionRow, TrailEntry } from '@app/persistence';
import type { Actor, DecisionView, LiveSnapshot, ProcedureEngine } from '@app/procedure';
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

/** A decision as lists show it: an explicit list of fields, nothing leaks. */
export function presentDecisionSummary(row: DecisionRow, engine: ProcedureEngine) {
  const view = row.view as DecisionView;
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
    status: row.status,
    stateValue: row.state_value,
    version: row.version,
    round: view.round,
    machine: { id: row.machine_id, version: row.machine_version },
    profile: { id: row.profile_id, version: row.profile_version },
    draft: view.draft,
    steps: view.steps,
    lastHash: row.last_hash,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * The API representation of one decision (API.md `GET /api/decisions/:id`): the summary, its open
 * deadlines and what the caller may send now. `live`: the row's snapshot as the engine just
 * computed it, which spares restoring it again.
 */
export function presentDecision(row: DecisionRow, engine: ProcedureEngine, actor: Actor, now: Date, live?: LiveSnapshot) {
  return {
    ...presentDecisionSummary(row, engine),
    deadlines: row.open_deadlines.filter((d) => !d.kind.endsWith('_REMINDER')).map((d) => presentDeadline(d, now)),
    allowedEvents: engine.allowedEvents(live ?? snapshotOf(row), actor, now.toISOString()),
  };
}

export type DecisionResponse = ReturnType<typeof presentDecision>;

/** A deadline with its overdue flag at `now`. */
export function presentDeadline(d: { id: string; kind: string; dueAt: string; provisional?: boolean }, now: Date): DeadlineView {
  const view: DeadlineView = { id: d.id, kind: d.kind, dueAt: d.dueAt, overdue: Date.parse(d.dueAt) < now.getTime() };
  return d.provisional ? { ...view, provisional: true } : view;
}

/** One trail entry as API.md's history lists it. */
export function presentEvent(e: TrailEntry) {
  const { decisionId: _id, ...entry } = e;
  return entry;
}

/** The presenters bound to each jurisdiction's engine and to the clock. */
@Injectable()
export class DecisionPresenter {
  constructor(
    private readonly engines: ProcedureEngines,
    private readonly clock: Clock,
  ) {}

  present(row: DecisionRow, actor: Actor, live?: LiveSnapshot): DecisionResponse {
    return presentDecision(row, this.engines.for(row.jurisdiction).engine, actor, this.clock.now(), live);
  }

  summary(row: DecisionRow) {
    return presentDecisionSummary(row, this.engines.for(row.jurisdiction).engine);
  }
}
