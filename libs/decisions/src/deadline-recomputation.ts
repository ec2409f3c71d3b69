import { Clock } from '@app/common';
import { DecisionRepository, SqlTransactions, type DecisionRow, type OpenDeadline, type TransitionWrite } from '@app/persistence';
import { DEADLINES_RECOMPUTED, systemActor, type DeadlineSpec } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LastKnownProjections } from './last-known-projections';
import { ProcedureEngines } from './procedure-engines';
import { TimerOutbox } from './timer-outbox';
import { TrailEnvelope } from './trail-envelope';
import { trailEvent } from './trail-event.factory';
import { snapshotOf } from './transition-decider';

/** The record-only trail entry of newer holiday data (declared with the procedure's events, which replay reads without this library). */
export { DEADLINES_RECOMPUTED };

/** One open deadline as a newer calendar dates it. */
export interface RecomputedDeadline {
  key: string;
  kind: string;
  previousDueAt: string;
  /** null: no longer owed (a reminder whose new time has already passed) */
  dueAt: string | null;
  /** still computed in a year without official data */
  provisional: boolean;
}

/** The payload of a DEADLINES_RECOMPUTED entry. */
export interface DeadlinesRecomputedPayload {
  deadlines: RecomputedDeadline[];
  /** the calendar version of the decision's previous entry (the envelope records the new one) */
  previousCalendar: string | null;
}

/** How the open deadlines change: those whose date or provisional mark the current calendar changes (others are kept). */
export function recomputeOpenDeadlines(open: readonly OpenDeadline[], desired: readonly DeadlineSpec[]): RecomputedDeadline[] {
  const fresh = new Map(desired.map((d) => [d.key, d]));
  return open
    .filter((d) => d.provisional)
    .flatMap((d) => {
      const next = fresh.get(d.key);
      const dueAt = next ? new Date(next.dueAt).toISOString() : null;
      const provisional = next?.provisional === true;
      if (dueAt !== null && Date.parse(dueAt) === Date.parse(d.dueAt) && provisional) return [];
      return [{ key: d.key, kind: d.kind, previousDueAt: d.dueAt, dueAt, provisional }];
    });
}

/**
 * Dates a decision's open provisional deadlines again with the current calendar of its
 * jurisdiction, on the locked row: when any changes, one DEADLINES_RECOMPUTED entry (SYSTEM
 * actor, state unchanged, the new calendar version on its envelope) is appended, the projection's
 * deadlines updated and the moved rows put back in the timers' outbox (a moved row keeps its id;
 * its job id names the new due time, so the old timer cannot fire it). Idempotent: nothing is
 * written when the dates already agree with the calendar.
 */
@Injectable()
export class DeadlineRecomputation {
  constructor(
    private readonly sql: SqlTransactions,
    private readonly decisions: DecisionRepository,
    private readonly engines: ProcedureEngines,
    private readonly envelope: TrailEnvelope,
    private readonly projections: LastKnownProjections,
    private readonly timers: TimerOutbox,
    private readonly clock: Clock,
  ) {}

  /** Recompute one decision; the changes recorded (empty: nothing written). */
  async recompute(decisionId: string): Promise<RecomputedDeadline[]> {
    const lock = this.decisions.lockStatement(decisionId);
    if (!lock) return [];
    const changes = await this.sql.run(async (tx, opened: DecisionRow[]) => {
      const row = opened[0];
      if (!row) return [];
      const write = await this.plan(tx, row);
      if (!write) return [];
      if (!(await this.decisions.recordTransition(tx, write))) throw new Error(`decision ${decisionId} moved under a held lock`);
      return (write.event.payload as DeadlinesRecomputedPayload).deadlines;
    }, lock);
    if (changes.length) {
      this.projections.delete(decisionId);
      this.timers.notify();
    }
    return changes;
  }

  private async plan(tx: Parameters<Parameters<SqlTransactions['run']>[0]>[0], row: DecisionRow): Promise<TransitionWrite | undefined> {
    const { engine, calendar } = this.engines.for(row.jurisdiction);
    const snapshot = snapshotOf(row);
    const occurredAt = this.clock.now().toISOString();
    let desired: DeadlineSpec[];
    try {
      desired = engine.deadlines({ snapshot, view: row.view, context: engine.context(snapshot) }, occurredAt);
    } catch (err) {
      // A year the calendar cannot compute at all: leave the dates as they are.
      if ((err as { code?: string }).code === 'CALENDAR_YEAR_NOT_COVERED') return undefined;
      throw err;
    }
    const changes = recomputeOpenDeadlines(row.open_deadlines, desired);
    if (!changes.length) return undefined;
    const moved = new Set(changes.map((c) => c.key));
    const byKey = new Map(desired.map((d) => [d.key, d]));
    const previousCalendar = await this.decisions.calendarOfEvent(tx, row.id, row.version);
    const payload: DeadlinesRecomputedPayload = { deadlines: changes, previousCalendar };
    return {
      event: trailEvent({
        decisionId: row.id,
        jurisdiction: row.jurisdiction,
        seq: row.version + 1,
        type: DEADLINES_RECOMPUTED,
        payload,
        actor: systemActor(row.jurisdiction),
        occurredAt,
        stateBefore: row.state_value,
        stateAfter: row.state_value,
        machine: { id: row.machine_id, version: row.machine_version },
        profile: { id: row.profile_id, version: row.profile_version },
        prevHash: row.last_hash,
        alg: this.envelope.alg,
        calendar: await this.envelope.calendarVersion(calendar, tx),
      }),
      expectedVersion: row.version,
      projection: { status: row.status, snapshot: row.snapshot, view: row.view, involvedUnits: row.involved_units, at: new Date(occurredAt) },
      deadlines: {
        close: row.open_deadlines.filter((d) => moved.has(d.key) && !changes.find((c) => c.key === d.key)!.dueAt).map((d) => d.id),
        kept: row.open_deadlines.filter((d) => !moved.has(d.key)),
        opening: changes
          .filter((c) => c.dueAt !== null)
          .map((c) => ({
            id: randomUUID(),
            key: c.key,
            kind: c.kind,
            dueAt: c.dueAt!,
            fireEvent: byKey.get(c.key)!.fireEvent ?? null,
            ...(c.provisional ? { provisional: true as const } : {}),
          })),
      },
      citedMaterials: [],
      notices: [],
    };
  }
}
