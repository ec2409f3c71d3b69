import { canSee, DomainError } from '@app/common';
import type { DecisionRow, SqlExecutor } from '@app/persistence';
import { authorizeEvent, unitIdsOf, type Actor, type AnyProcedureEvent, type Reason } from '@app/procedure';
import { UnitRegistry } from '@app/units';
import { Injectable } from '@nestjs/common';
import { ProcedureEngines } from './procedure-engines';
import type { EventInput } from './transition-decider';
import { snapshotOf } from './transition-decider';

/** Refusals that compare units: a registry copy that is not fresh is read again before they stand. */
const UNIT_REFUSALS: ReadonlySet<string> = new Set(['NOT_UNDERTAKING_UNIT', 'SEPARATION_OF_DUTIES']);

/**
 * Who may do what to a decision, before anything is decided: the decision must be visible to
 * the actor (404 otherwise, as for other jurisdictions'), at the version they last saw
 * (If-Match, 409), and the event theirs to send (role, separation of duties, ownership: 403,
 * units compared through the unit registry); every unit the event names must be a registered
 * unit of the jurisdiction (422 UNIT_NOT_REGISTERED). Checked before enrichment, so a caller
 * without the role learns nothing about materials.
 */
@Injectable()
export class DecisionAccess {
  constructor(
    private readonly engines: ProcedureEngines,
    private readonly units: UnitRegistry,
  ) {}

  /** `db`: the connection the caller holds, which any read of the unit registry then uses (see UnitRegistry.ready). */
  async authorise(row: DecisionRow, input: EventInput, actor: Actor, ifMatch?: number, db?: SqlExecutor): Promise<void> {
    if (!canSee(row, actor)) throw DomainError.notFound('decision');
    if (ifMatch !== undefined && ifMatch !== row.version) {
      throw new DomainError('VERSION_CONFLICT', `版本已变化：当前版本为 ${row.version}，请求基于版本 ${ifMatch}`, undefined, { currentVersion: row.version });
    }
    const type = input.type as AnyProcedureEvent['type'];
    await this.units.admit(actor, db);
    await this.units.ready(row.jurisdiction, undefined, db);
    let forbidden = this.forbidden(row, type, actor);
    if (forbidden && UNIT_REFUSALS.has(forbidden.code)) {
      await this.units.fresh(row.jurisdiction, db);
      forbidden = this.forbidden(row, type, actor);
    }
    if (forbidden) throw DomainError.ruleViolation([forbidden]);
    await this.units.requireRegistered(row.jurisdiction, unitIdsOf(type, input.payload), db);
  }

  private forbidden(row: DecisionRow, type: AnyProcedureEvent['type'], actor: Actor): Reason | null {
    const context = this.engines.for(row.jurisdiction).engine.context(snapshotOf(row));
    return authorizeEvent(type, actor, context, { sameUnit: this.units.sameUnitIn(row.jurisdiction) });
  }
}
