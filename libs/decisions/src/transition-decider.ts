import { DomainError, Clock } from '@app/common';
import type { DecisionRow, SqlExecutor, TransitionWrite } from '@app/persistence';
import { involvedUnitsOf, type Actor, type AnyProcedureEvent, type LiveSnapshot, type ProcedureSnapshot } from '@app/procedure';
import { UnitRegistry } from '@app/units';
import { Injectable } from '@nestjs/common';
import { planDeadlines } from './deadline-plan';
import { citedMaterials, EventEnricher } from './event-enricher';
import type { KnownProjection } from './last-known-projections';
import { noticesOf } from './organ-notices';
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

/** @deprecated the one home of this rule is libs/procedure's `involvedUnitsOf`. */
export const involvedUnits = involvedUnitsOf;

/**
 * Decides one event on a committed projection row with the machine version the decision is
 * pinned to: enrichment (material hashes, the round's comments), the machine (refusals with
 * rule codes), the chained trail entry, the projection after it, the deadlines it owes (the
 * machine version's own) and the notices its effects raise. Writes nothing; the caller has
 * authorised the actor (DecisionAccess), so the engine does not check access again.
 */
@Injectable()
export class TransitionDecider {
  constructor(
    private readonly engines: ProcedureEngines,
    private readonly enricher: EventEnricher,
    private readonly units: UnitRegistry,
    private readonly envelope: TrailEnvelope,
    private readonly clock: Clock,
  ) {}

  async decide(em: SqlExecutor, known: KnownProjection, input: EventInput, actor: Actor): Promise<Decided> {
    const { row } = known;
    const snapshot = snapshotOf(row);
    const at = this.clock.now();
    const occurredAt = at.toISOString();
    const payload = await this.enricher.enrich(em, row, input.type, input.payload, actor);
    // Taken after the last await before the engine runs: newer holiday data swapped in meanwhile is the calendar both decide and record.
    const { engine, calendar } = this.engines.for(row.jurisdiction);
    const event = { type: input.type, payload, occurredAt, actor } as AnyProcedureEvent;
    const outcome = guardCalendar(() => engine.apply(snapshot, event, known.live, { authorized: true }));
    if (!outcome.accepted) throw DomainError.ruleViolation(outcome.reasons);
    const desired = guardCalendar(() => engine.deadlines(outcome, occurredAt));
    const units = this.units.directory(row.jurisdiction);
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
        calendar: await this.envelope.calendarVersion(calendar, em),
        warnings: outcome.warnings,
      }),
      expectedVersion: row.version,
      projection: { status: outcome.view.status, snapshot: outcome.snapshot.state, view: outcome.view, involvedUnits: involvedUnitsOf(outcome.context), at },
      deadlines: planDeadlines(row.open_deadlines, desired),
      citedMaterials: citedMaterials(payload),
      notices: noticesOf(outcome.effects, (unit) => units.nameOf(unit)),
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
      throw new DomainError('CALENDAR_YEAR_NOT_COVERED', `${(err as Error).message}；请管理员上传该年度的国务院放假通知（PUT /api/calendar/notices/:year）或提供工作日历覆盖文件`);
    }
    throw err;
  }
}
