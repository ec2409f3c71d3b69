import { TrailReplayer, type ReplayReport } from '@app/audit';
import { DomainError } from '@app/common';
import { SqlTransactions } from '@app/persistence';
import type { Actor } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from './clock';
import { DecisionRepository, type DecisionRow } from './decision.repository';
import { readTrail } from './decision-trail.reader';
import { verifyJurisdictionTrail } from './parallel-verification';
import type { VerifyReport } from './trail-verification';
import { presentDecision, presentDecisionSummary, presentDeadline, presentEvent } from './decision.presenter';
import { procedureReplayEngine } from './procedure-replay';
import { ProcedureEngines } from './procedure-engines';
import { canSee, seesConfidential, visibilitySql } from './visibility';

export interface DecisionListQuery {
  status?: string;
  category?: string;
  page: number;
  pageSize: number;
}

/** Reads: one decision, lists, history, replay and whole-jurisdiction verification. Never writes. */
@Injectable()
export class DecisionQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sql: SqlTransactions,
    private readonly decisions: DecisionRepository,
    private readonly engines: ProcedureEngines,
    private readonly clock: Clock,
  ) {}

  async get(id: string, actor: Actor) {
    const row = await this.visible(id, actor);
    return presentDecision(row, this.engines.for(row.jurisdiction).engine, actor, this.clock.now());
  }

  async list(q: DecisionListQuery, actor: Actor) {
    const params: unknown[] = [actor.jurisdiction, actor.unit, seesConfidential(actor)];
    let where = visibilitySql('$1', '$2', '$3');
    if (q.status) where += ` AND status = $${params.push(q.status)}`;
    if (q.category) where += ` AND category = $${params.push(q.category)}`;
    const em = this.dataSource.manager;
    const [{ total }] = await em.query(`SELECT count(*)::int AS total FROM decisions d WHERE ${where}`, params);
    const rows: DecisionRow[] = await em.query(
      `SELECT * FROM decisions d WHERE ${where} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const items = rows.map((row) => presentDecisionSummary(row, this.engines.for(row.jurisdiction).engine));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async history(id: string, actor: Actor) {
    await this.visible(id, actor);
    return this.sql.session(async (session) => {
      const events = [];
      for await (const batch of readTrail(session, { decisionId: id })) for (const e of batch) events.push(presentEvent(e));
      return { events };
    });
  }

  /** Recompute every state from event 1 with the pinned machine and check every hash. */
  async replay(id: string, actor: Actor, toSeq?: number): Promise<ReplayReport & { decisionId: string; toSeq: number }> {
    const row = await this.visible(id, actor);
    const replayer = new TrailReplayer(procedureReplayEngine(this.engines.for(row.jurisdiction).engine), toSeq);
    const events = await this.sql.session(async (session) => {
      let read = 0;
      for await (const batch of readTrail(session, { decisionId: id, toSeq })) {
        for (const e of batch) replayer.feed(e);
        read += batch.length;
      }
      return read;
    });
    const report = replayer.report();
    if (toSeq === undefined && events !== row.version) {
      report.mismatches.push({ seq: events + 1, reason: `trail has ${events} events but the decision is at version ${row.version}` });
      report.verified = false;
    }
    return { decisionId: id, toSeq: toSeq ?? row.version, ...report };
  }

  /** Verify every chain of the jurisdiction (see verifyJurisdictionTrail). */
  async verifyJurisdiction(jurisdiction: string): Promise<VerifyReport> {
    const url = (this.dataSource.options as { url?: string }).url!;
    return this.sql.session((session) => verifyJurisdictionTrail(session, url, jurisdiction));
  }

  /** Open deadlines of the caller's jurisdiction (overdue only when asked). */
  async deadlines(actor: Actor, overdueOnly: boolean) {
    const now = this.clock.now();
    const rows = await this.dataSource.manager.query(
      `SELECT d.id, d.kind, d.due_at, d.status, d.provisional, d.decision_id, x.title FROM deadlines d JOIN decisions x ON x.id = d.decision_id
       WHERE d.jurisdiction = $1 AND d.status <> 'closed' AND d.kind NOT LIKE '%\\_REMINDER' AND ($2::boolean IS FALSE OR d.due_at < $3)
         AND (NOT x.confidential OR $4 OR $5 = ANY(x.involved_units))
       ORDER BY d.due_at LIMIT 1000`,
      [actor.jurisdiction, overdueOnly, now, seesConfidential(actor), actor.unit],
    );
    return { items: rows.map((r: any) => ({ ...presentDeadline({ ...r, dueAt: r.due_at.toISOString() }, now), decisionId: r.decision_id, title: r.title })) };
  }

  private async visible(id: string, actor: Actor): Promise<DecisionRow> {
    const row = await this.decisions.find(this.dataSource.manager, id);
    if (!row || !canSee(row, actor)) throw DomainError.notFound('decision');
    return row;
  }
}
