import { ChainVerifier, replayTrail, type ReplayReport } from '@app/audit';
import { DomainError } from '@app/common';
import type { Actor } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from './clock';
import { DecisionRepository, type DecisionRow, type EventRow } from './decision.repository';
import { chainedEventOf, presentDecision, presentDecisionSummary, presentDeadline, presentEvent } from './decision.presenter';
import { procedureReplayEngine } from './procedure-replay';
import { ProcedureEngines } from './procedure-engines';
import { canSee, seesConfidential, visibilitySql } from './visibility';

export interface DecisionListQuery {
  status?: string;
  category?: string;
  page: number;
  pageSize: number;
}

export interface VerifyReport {
  ok: boolean;
  checkedEvents: number;
  checkedDecisions: number;
  firstBroken?: { decisionId: string; seq: number; reason: string };
}

const VERIFY_BATCH = 5000;

/** Reads: one decision, lists, history, replay and whole-jurisdiction verification. Never writes. */
@Injectable()
export class DecisionQueryService {
  constructor(
    private readonly dataSource: DataSource,
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
    const events = await this.decisions.events(this.dataSource.manager, id);
    return { events: events.map(presentEvent) };
  }

  /** Recompute every state from event 1 with the pinned machine and check every hash. */
  async replay(id: string, actor: Actor, toSeq?: number): Promise<ReplayReport & { decisionId: string; toSeq: number }> {
    const row = await this.visible(id, actor);
    const events = await this.decisions.events(this.dataSource.manager, id, toSeq);
    const report = replayTrail(procedureReplayEngine(this.engines.for(row.jurisdiction).engine), events.map(chainedEventOf), toSeq);
    if (toSeq === undefined && events.length !== row.version) {
      report.mismatches.push({ seq: events.length + 1, reason: `trail has ${events.length} events but the decision is at version ${row.version}` });
      report.verified = false;
    }
    return { decisionId: id, toSeq: toSeq ?? row.version, ...report };
  }

  /**
   * Verify every chain of the jurisdiction, streaming the trail in keyset
   * batches (memory stays flat however long it is). Also checks that each
   * decision's projection points at the last event of its chain.
   */
  async verifyJurisdiction(jurisdiction: string): Promise<VerifyReport> {
    const em = this.dataSource.manager;
    const heads = new Map<string, { version: number; last_hash: string }>();
    for (const d of await em.query(`SELECT id, version, last_hash FROM decisions WHERE jurisdiction = $1`, [jurisdiction])) heads.set(d.id, d);
    let checked = 0;
    let chains = 0;
    let verifier: ChainVerifier | null = null;
    let last: { hash: string; seq: number } | null = null;
    const closeChain = (): VerifyReport['firstBroken'] => {
      if (!verifier || !last) return undefined;
      const head = heads.get(verifier.decisionId);
      heads.delete(verifier.decisionId);
      chains++;
      if (!head || head.version !== last.seq || head.last_hash !== last.hash) {
        return { decisionId: verifier.decisionId, seq: last.seq, reason: 'the decision projection does not end at the last event of its chain' };
      }
      return undefined;
    };
    let cursor: [string, number] = ['00000000-0000-0000-0000-000000000000', 0];
    for (;;) {
      const batch: EventRow[] = await em.query(
        `SELECT * FROM decision_events WHERE jurisdiction = $1 AND (decision_id, seq) > ($2::uuid, $3::int)
         ORDER BY decision_id, seq LIMIT ${VERIFY_BATCH}`,
        [jurisdiction, cursor[0], cursor[1]],
      );
      for (const row of batch) {
        if (!verifier || verifier.decisionId !== row.decision_id) {
          const broken = closeChain();
          if (broken) return { ok: false, checkedEvents: checked, checkedDecisions: chains, firstBroken: broken };
          verifier = new ChainVerifier(row.decision_id);
        }
        checked++;
        const broken = verifier.feed(chainedEventOf(row));
        if (broken) return { ok: false, checkedEvents: checked, checkedDecisions: chains, firstBroken: { decisionId: row.decision_id, ...broken } };
        last = { hash: row.hash, seq: row.seq };
      }
      if (batch.length < VERIFY_BATCH) break;
      const end = batch[batch.length - 1];
      cursor = [end.decision_id, end.seq];
    }
    const broken = closeChain();
    if (broken) return { ok: false, checkedEvents: checked, checkedDecisions: chains, firstBroken: broken };
    const [orphan] = heads.keys();
    if (orphan) return { ok: false, checkedEvents: checked, checkedDecisions: chains, firstBroken: { decisionId: orphan, seq: 1, reason: 'the decision has no events in the trail' } };
    return { ok: true, checkedEvents: checked, checkedDecisions: chains };
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
