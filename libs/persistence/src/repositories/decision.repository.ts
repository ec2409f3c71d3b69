import { UUID_PATTERN } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlExecutor, SqlSession } from '../sql/sql-session';
import type { DecisionRow, NewDecision, NewEvent, OpenDeadline, TransitionWrite, TransitionWritten } from './decision.rows';
import { envelopeValues, eventValues, RECORD_REGISTRATION, RECORD_TRANSITION, transitionValues } from './decision.statements';
import { visibleDecisions, type Viewer } from './visibility.sql';

/** SQL of the decision aggregate: projection row, trail, deadlines. Every method runs on the caller's session (in its transaction, when one is open). */
@Injectable()
export class DecisionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The statement that locks the decision row for the rest of the transaction (serialises
   * writers per decision), to open the transaction with: the id is inlined, so it is sent with
   * BEGIN in one round trip. Undefined when `id` is not a UUID: no decision has it.
   */
  lockStatement(id: string): string | undefined {
    // The only ids inlined into SQL text: anything else cannot name a decision.
    return UUID_PATTERN.test(id) ? `SELECT * FROM decisions WHERE id = '${id}' FOR UPDATE` : undefined;
  }

  /** The decision's projection row, on the caller's session or else the DataSource's pool. */
  async find(id: string, em: SqlExecutor = this.dataSource): Promise<DecisionRow | undefined> {
    const rows: DecisionRow[] = await em.query(`SELECT * FROM decisions WHERE id = $1`, [id]);
    return rows[0];
  }

  /** The working-day calendar version an entry of the trail recorded (null: none, or no such entry). */
  async calendarOfEvent(em: SqlExecutor, decisionId: string, seq: number): Promise<string | null> {
    const rows: { calendar: string | null }[] = await em.query(`SELECT calendar FROM decision_events WHERE decision_id = $1 AND seq = $2`, [decisionId, seq]);
    return rows[0]?.calendar ?? null;
  }

  /** One page of the decisions `viewer` may see, newest first, with the total. */
  async listVisible(viewer: Viewer, filter: { status?: string; category?: string }, page: { limit: number; offset: number }): Promise<{ rows: DecisionRow[]; total: number }> {
    const params: unknown[] = [];
    let where = visibleDecisions('d', viewer, params);
    if (filter.status) where += ` AND d.status = $${params.push(filter.status)}`;
    if (filter.category) where += ` AND d.category = $${params.push(filter.category)}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM decisions d WHERE ${where}`, params);
    const rows: DecisionRow[] = await this.dataSource.query(
      `SELECT * FROM decisions d WHERE ${where} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
    return { rows, total };
  }

  /** Register a decision: its projection row and event 1 of its trail, in one statement (its own transaction when sent outside one). */
  async recordRegistration(session: SqlSession, d: NewDecision, e: NewEvent): Promise<void> {
    await session.prepared('decisions.record_registration', RECORD_REGISTRATION, [
      ...eventValues(e),
      d.title, d.category, d.summary, d.confidential, d.catalogue_item_id, d.involved_units, d.status,
      JSON.stringify(d.snapshot), JSON.stringify(d.view), JSON.stringify(d.open_deadlines), d.at,
      ...envelopeValues(e),
    ]);
  }

  /**
   * Write one accepted event and everything it changes, in one statement (RECORD_TRANSITION).
   * Undefined when the decision is no longer at `expectedVersion`: nothing was written.
   */
  async recordTransition(session: SqlSession, t: TransitionWrite): Promise<TransitionWritten | undefined> {
    const { rows } = await session.prepared<{ open_deadlines: OpenDeadline[] }>('decisions.record_transition', RECORD_TRANSITION, transitionValues(t));
    if (!rows.length) return undefined;
    const openDeadlines = rows[0].open_deadlines;
    const idOf = new Map(openDeadlines.map((d) => [d.key, d.id]));
    const created = t.deadlines.opening.map((d) => ({
      id: idOf.get(d.key)!,
      decisionId: t.event.decisionId,
      jurisdiction: t.event.jurisdiction,
      kind: d.kind,
      dueAt: new Date(d.dueAt),
      fireEvent: d.fireEvent,
    }));
    return { openDeadlines, created };
  }
}
