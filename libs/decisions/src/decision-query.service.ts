import { canSee, Clock, DomainError } from '@app/common';
import { DeadlineRepository, DecisionRepository, type DecisionRow } from '@app/persistence';
import type { Actor } from '@app/procedure';
import { UnitRegistry } from '@app/units';
import { Injectable } from '@nestjs/common';
import { DecisionPresenter, presentDeadline } from './decision.presenter';

export interface DecisionListQuery {
  status?: string;
  category?: string;
  page: number;
  pageSize: number;
}

/** Reads of the decisions' current state: one decision, lists, open deadlines. Never writes. */
@Injectable()
export class DecisionQueryService {
  constructor(
    private readonly decisions: DecisionRepository,
    private readonly deadlineRows: DeadlineRepository,
    private readonly presenter: DecisionPresenter,
    private readonly units: UnitRegistry,
    private readonly clock: Clock,
  ) {}

  async get(id: string, actor: Actor) {
    const row = await this.visible(id, actor);
    await this.units.ready(row.jurisdiction);
    return this.presenter.present(row, actor);
  }

  async list(q: DecisionListQuery, actor: Actor) {
    await this.units.ready(actor.jurisdiction);
    const { rows, total } = await this.decisions.listVisible(actor, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    return { items: rows.map((row) => this.presenter.summary(row)), total, page: q.page, pageSize: q.pageSize };
  }

  /** Open deadlines of the caller's jurisdiction (overdue only when asked). */
  async deadlines(actor: Actor, overdueOnly: boolean) {
    const now = this.clock.now();
    const rows = await this.deadlineRows.listOpen(actor, overdueOnly ? now : null, 1000);
    return { items: rows.map((r) => ({ ...presentDeadline({ ...r, dueAt: r.due_at.toISOString() }, now), decisionId: r.decision_id, title: r.title })) };
  }

  /** The decision's row if the actor may see it; 404 otherwise (as for other jurisdictions'). */
  async visible(id: string, actor: Actor): Promise<DecisionRow> {
    const row = await this.decisions.find(id);
    if (!row || !canSee(row, actor)) throw DomainError.notFound('decision');
    return row;
  }
}
