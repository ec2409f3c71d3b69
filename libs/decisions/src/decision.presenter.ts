import type { Actor, DecisionView, LiveSnapshot, ProcedureEngine, ProcedureSnapshot } from '@app/procedure';
import type { DecisionRow } from './decision.repository';
import type { TrailEntry } from './decision-trail.reader';

export interface DeadlineView {
  id: string;
  kind: string;
  dueAt: string;
  overdue: boolean;
  /** present when the due date is a weekdays-only estimate (no holiday data for that year yet) */
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

function snapshotOf(row: DecisionRow): ProcedureSnapshot {
  return { machine: { id: row.machine_id, version: row.machine_version }, state: row.snapshot };
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
