import type { ChainedEvent } from '@app/audit';
import { UUID_PATTERN } from '@app/common';
import type { DeadlineSpec } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { SqlExecutor, SqlTransaction } from '@app/persistence';
import type { ScheduledDeadline } from './deadline-scheduler';

/** A deadline the decision still owes, kept on its projection row (reminders included). */
export interface OpenDeadline {
  id: string;
  key: string;
  kind: string;
  dueAt: string;
  provisional?: true;
}

/** A row of `decisions` as stored. */
export interface DecisionRow {
  id: string;
  jurisdiction: string;
  title: string;
  category: string;
  summary: string | null;
  confidential: boolean;
  catalogue_item_id: string | null;
  involved_units: string[];
  status: string;
  state_value: unknown;
  version: number;
  machine_id: string;
  machine_version: number;
  profile_id: string;
  profile_version: number;
  snapshot: unknown;
  view: any;
  last_hash: string;
  open_deadlines: OpenDeadline[];
  created_at: Date;
  updated_at: Date;
}

export type NewDecision = Omit<DecisionRow, 'created_at' | 'updated_at'> & { at: Date };

export type NewEvent = ChainedEvent & { hash: string; jurisdiction: string };

/** The projection after an accepted event. */
export interface NextProjection {
  status: string;
  stateValue: unknown;
  version: number;
  snapshot: unknown;
  view: unknown;
  lastHash: string;
  involvedUnits: string[];
  openDeadlines: OpenDeadline[];
  at: Date;
}

const INSERT_EVENT = `INSERT INTO decision_events (decision_id, seq, jurisdiction, type, payload, actor, occurred_at, state_before, state_after,
    machine_id, machine_version, profile_id, profile_version, prev_hash, hash)
  VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`;

// One round trip for the trail and the projection; the event's $1 is the decision id. The
// INSERT runs whether or not the UPDATE matches (PostgreSQL runs data-modifying CTEs to completion).
const RECORD_EVENT = `WITH appended AS (${INSERT_EVENT} RETURNING 1)
  UPDATE decisions SET status = $17, state_value = $18, version = $19, snapshot = $20, view = $21, last_hash = $22,
    involved_units = $23, open_deadlines = $24, updated_at = $25
  WHERE id = $1 AND version = $16`;

function eventValues(e: NewEvent): unknown[] {
  return [
    e.decisionId, e.seq, e.jurisdiction, e.type, JSON.stringify(e.payload), JSON.stringify(e.actor), e.occurredAt,
    e.stateBefore === null ? null : JSON.stringify(e.stateBefore), JSON.stringify(e.stateAfter),
    e.machine.id, e.machine.version, e.profile.id, e.profile.version, e.prevHash, e.hash,
  ];
}

/** SQL of the decision aggregate: projection row, trail, deadlines. Every method runs on the caller's transaction. */
@Injectable()
export class DecisionRepository {
  /**
   * The statement that locks the decision row for the rest of the transaction (serialises
   * writers per decision), to open the transaction with: the id is inlined, so it is sent with
   * BEGIN in one round trip. Undefined when `id` is not a UUID: no decision has it.
   */
  lockStatement(id: string): string | undefined {
    // The only ids inlined into SQL text: anything else cannot name a decision.
    return UUID_PATTERN.test(id) ? `SELECT * FROM decisions WHERE id = '${id}' FOR UPDATE` : undefined;
  }

  async find(em: SqlExecutor, id: string): Promise<DecisionRow | undefined> {
    const rows: DecisionRow[] = await em.query(`SELECT * FROM decisions WHERE id = $1`, [id]);
    return rows[0];
  }

  async insert(tx: SqlTransaction, d: NewDecision): Promise<void> {
    await tx.prepared(
      'decisions.insert',
      `INSERT INTO decisions (id, jurisdiction, title, category, summary, confidential, catalogue_item_id, involved_units, status,
         state_value, version, machine_id, machine_version, profile_id, profile_version, snapshot, view, last_hash, open_deadlines, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$20)`,
      [
        d.id, d.jurisdiction, d.title, d.category, d.summary, d.confidential, d.catalogue_item_id, d.involved_units, d.status,
        JSON.stringify(d.state_value), d.version, d.machine_id, d.machine_version, d.profile_id, d.profile_version,
        JSON.stringify(d.snapshot), JSON.stringify(d.view), d.last_hash, JSON.stringify(d.open_deadlines), d.at,
      ],
    );
  }

  /** Append the first event of a new decision. */
  async appendEvent(tx: SqlTransaction, e: NewEvent): Promise<void> {
    await tx.prepared('decision_events.insert', INSERT_EVENT, eventValues(e));
  }

  /**
   * Append an accepted event and write the projection it produced, in one statement;
   * `expectedVersion` guards against a lost lock.
   */
  async record(tx: SqlTransaction, e: NewEvent, expectedVersion: number, p: NextProjection): Promise<void> {
    const result = await tx.prepared('decisions.record', RECORD_EVENT, [
      ...eventValues(e),
      expectedVersion, p.status, JSON.stringify(p.stateValue), p.version, JSON.stringify(p.snapshot), JSON.stringify(p.view), p.lastHash,
      p.involvedUnits, JSON.stringify(p.openDeadlines), p.at,
    ]);
    if (result.rowCount !== 1) throw new Error(`projection of decision ${e.decisionId} moved under a held lock`);
  }

  /**
   * Make the decision's open deadlines equal the desired set, diffing against
   * the list on its locked projection row (no read of the deadlines table):
   * deadlines no longer owed are closed, new ones inserted (a key owed again,
   * e.g. after a suspension, is reopened). Most events change nothing and cost
   * no query. Returns the new open list and the rows to schedule.
   */
  async syncDeadlines(
    em: SqlExecutor,
    decision: Pick<DecisionRow, 'id' | 'jurisdiction' | 'open_deadlines'>,
    desired: DeadlineSpec[],
    seq: number,
    at: Date,
  ): Promise<{ open: OpenDeadline[]; created: ScheduledDeadline[] }> {
    const wanted = new Set(desired.map((d) => d.key));
    const current = new Map(decision.open_deadlines.map((d) => [d.key, d]));
    const stale = decision.open_deadlines.filter((d) => !wanted.has(d.key)).map((d) => d.id);
    if (stale.length) await em.query(`UPDATE deadlines SET status = 'closed' WHERE id = ANY($1::uuid[])`, [stale]);
    const created: ScheduledDeadline[] = [];
    const open = decision.open_deadlines.filter((d) => wanted.has(d.key));
    for (const d of desired.filter((x) => !current.has(x.key))) {
      const [{ id }] = await em.query(
        `INSERT INTO deadlines (id, decision_id, jurisdiction, kind, key, due_at, status, fire_event, created_seq, created_at, provisional)
         VALUES ($1,$2,$3,$4,$5,$6,'pending',$7,$8,$9,$10)
         ON CONFLICT (decision_id, key) DO UPDATE SET status = 'pending', due_at = EXCLUDED.due_at, fire_event = EXCLUDED.fire_event,
           fired_at = NULL, created_seq = EXCLUDED.created_seq, provisional = EXCLUDED.provisional
         RETURNING id`,
        [randomUUID(), decision.id, decision.jurisdiction, d.kind, d.key, new Date(d.dueAt), d.fireEvent ?? null, seq, at, d.provisional ?? false],
      );
      created.push({ id, decisionId: decision.id, jurisdiction: decision.jurisdiction, kind: d.kind, dueAt: new Date(d.dueAt), fireEvent: d.fireEvent ?? null });
      open.push({ id, key: d.key, kind: d.kind, dueAt: new Date(d.dueAt).toISOString(), ...(d.provisional ? { provisional: true as const } : {}) });
    }
    open.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    return { open, created };
  }
}
