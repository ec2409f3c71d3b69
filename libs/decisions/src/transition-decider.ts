import { DomainError, Clock } from '@app/common';
import type { DecisionRow, SqlExecutor, TransitionWrite } from '@app/persistence';
import { deadlinesOf, type Actor, type AnyProcedureEvent, type DecisionContext, type LiveSnapshot, type ProcedureSnapshot } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { planDeadlines } from './deadline-plan';
import { citedMaterials, EventEnricher } from './event-enricher';
import type { KnownProjection } from './last-known-projections';
import { ProcedureEngines } from './procedure-engines';
import { TrailEnvelope } from './trail-envelope';
import { trailEvent } from './trail-event.factory';

/** A client's event as validated at the edge. */
export interface EventInput {
  type: string;
  payload: Record<string, unknown>;
}

/** An accepted event, decided: everything its write changes, and the new live snapshot. */
export interface Decided {
  write: TransitionWrite;
  live: LiveSnapshot;
}

/** The persisted snapshot of a projection row, pinned to its machine version. */
export function snapshotOf(row: DecisionRow): ProcedureSnapshot {
  return { machine: { id: row.machine_id, version: row.machine_version }, state: row.snapshot };
}

/** Units that may see a confidential decision: proposer, undertaking unit, executing units. */
export function involvedUnits(ctx: DecisionContext): string[] {
  const units = [ctx.facts.proposer.unit, ctx.undertakingUnit, ...ctx.execution.assignments.map((a) => a.unit)];
  return [...new Set(units.filter((u): u is string => !!u))];
}

/**
 * Decides one event on a committed projection row with the machine version the decision is
 * pinned to: enrichment (material hashes, the round's comments), the machine (refusals with
 * rule codes), the chained trail entry, the projection after it and the deadlines it owes.
 * Writes nothing; the caller has authorised the actor.
 */
@Injectable()
export class TransitionDecider {
  constructor(
    private readonly engines: ProcedureEngines,
    private readonly enricher: EventEnricher,
    private readonly envelope: TrailEnvelope,
    private readonly clock: Clock,
  ) {}

  async decide(em: SqlExecutor, known: KnownProjection, input: EventInput, actor: Actor): Promise<Decided> {
    const { row } = known;
    const { engine, calendar } = this.engines.for(row.jurisdiction);
    const snapshot = snapshotOf(row);
    const at = this.clock.now();
    const occurredAt = at.toISOString();
    const payload = await this.enricher.enrich(em, row.jurisdiction, input.type, input.payload, { id: row.id, round: engine.context(snapshot).round });
    const event = { type: input.type, payload, occurredAt, actor } as AnyProcedureEvent;
    const outcome = guardCalendar(() => engine.apply(snapshot, event, known.live));
    if (!outcome.accepted) throw DomainError.ruleViolation(outcome.reasons);
    const desired = guardCalendar(() => deadlinesOf(outcome.view.status, outcome.context, calendar, occurredAt));
    const write: TransitionWrite = {
      event: trailEvent({
        decisionId: row.id,
        jurisdiction: row.jurisdiction,
        seq: row.version + 1,
        type: input.type,
        payload,
        actor,
        occurredAt,
        stateBefore: row.state_value,
        stateAfter: outcome.view.stateValue,
        machine: outcome.snapshot.machine,
        profile: outcome.context.profile,
        prevHash: row.last_hash,
        alg: this.envelope.alg,
        calendar: await this.envelope.calendarVersion(calendar),
        warnings: outcome.warnings,
      }),
      expectedVersion: row.version,
      projection: { status: outcome.view.status, snapshot: outcome.snapshot.state, view: outcome.view, involvedUnits: involvedUnits(outcome.context), at },
      deadlines: planDeadlines(row.open_deadlines, desired),
      citedMaterials: citedMaterials(payload),
    };
    return { write, live: outcome.live };
  }
}

/** The calendar refuses to guess for years its data does not cover: a clear 422, not a 500. */
export function guardCalendar<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if ((err as { code?: string }).code === 'CALENDAR_YEAR_NOT_COVERED') {
      throw new DomainError('CALENDAR_YEAR_NOT_COVERED', `${(err as Error).message}；请管理员为本辖区提供该年度的工作日历覆盖文件`);
    }
    throw err;
  }
}
