import { canSee, DomainError } from '@app/common';
import type { DecisionRow } from '@app/persistence';
import { authorizeEvent, type Actor, type AnyProcedureEvent } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { ProcedureEngines } from './procedure-engines';
import { snapshotOf } from './transition-decider';

/**
 * Who may do what to a decision, before anything is decided: the decision must be visible to
 * the actor (404 otherwise, as for other jurisdictions'), at the version they last saw
 * (If-Match, 409), and the event theirs to send (role, separation of duties: 403). Checked
 * before enrichment, so a caller without the role learns nothing about materials.
 */
@Injectable()
export class DecisionAccess {
  constructor(private readonly engines: ProcedureEngines) {}

  authorise(row: DecisionRow, type: string, actor: Actor, ifMatch?: number): void {
    if (!canSee(row, actor)) throw DomainError.notFound('decision');
    if (ifMatch !== undefined && ifMatch !== row.version) {
      throw new DomainError('VERSION_CONFLICT', `版本已变化：当前版本为 ${row.version}，请求基于版本 ${ifMatch}`, undefined, { currentVersion: row.version });
    }
    const context = this.engines.for(row.jurisdiction).engine.context(snapshotOf(row));
    const forbidden = authorizeEvent(type as AnyProcedureEvent['type'], actor, context);
    if (forbidden) throw DomainError.ruleViolation([forbidden]);
  }
}
