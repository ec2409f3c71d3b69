// The decision aggregate's write statements and their parameters, apart from the Nest repository so that
// a process without Nest or TypeORM (the bench's bare-Node reference server) sends the very same text.
import type { NewEvent, TransitionWrite } from './decision.rows';

const EVENT_COLUMNS = `decision_id, seq, jurisdiction, type, payload, actor, occurred_at, state_before, state_after,
  machine_id, machine_version, profile_id, profile_version, prev_hash, hash, alg, calendar, warnings`;
/**
 * The event's values ($2-$15 of eventValues, then the envelope's later fields at `more`, see
 * envelopeValues) selected from the decision row `source` (a CTE) it belongs to.
 */
const eventFrom = (source: string, more: number) =>
  `SELECT id, $2, $3, $4, $5::jsonb, $6::jsonb, $7::timestamptz, $8::jsonb, $9::jsonb, $10, $11, $12, $13, $14, $15,
    $${more}, $${more + 1}, $${more + 2}::jsonb FROM ${source}`;

/**
 * A new decision (its event 1 in $1-$15, as eventValues gives them, then the projection's own
 * columns, then the event's envelopeValues) as one statement: the projection row, then the event
 * selected from it.
 */
export const RECORD_REGISTRATION = `WITH registered AS (
    INSERT INTO decisions (id, jurisdiction, title, category, summary, confidential, catalogue_item_id, involved_units, status,
      state_value, version, machine_id, machine_version, profile_id, profile_version, snapshot, view, last_hash, open_deadlines, created_at, updated_at)
    VALUES ($1, $3, $16, $17, $18, $19, $20, $21, $22, $9, $2, $10, $11, $12, $13, $23, $24, $15, $25, $26, $26)
    RETURNING id
  )
  INSERT INTO decision_events (${EVENT_COLUMNS}) ${eventFrom('registered', 27)}`;

/**
 * One accepted event as one statement (one round trip, its own transaction when sent outside
 * one): lock the decision row if it is still at the version the event was decided on, append
 * the event, close and open deadlines, record cited materials, and write the projection, whose
 * open deadlines are the kept ones plus the opened rows (with the id each row keeps) by due
 * time. The notices the event raises are written too (the notifications table is their outbox,
 * drained by the worker). Every part hangs on `locked`: when the decision has moved on (another
 * writer, another process) nothing is written and no row comes back. The `(decision_id, seq)` key
 * backs this up.
 */
export const RECORD_TRANSITION = `WITH locked AS (
    SELECT id FROM decisions WHERE id = $1 AND version = $16 FOR UPDATE
  ), appended AS (
    INSERT INTO decision_events (${EVENT_COLUMNS}) ${eventFrom('locked', 26)}
    RETURNING 1
  ), closed AS (
    UPDATE deadlines SET status = 'closed' WHERE id = ANY($22::uuid[]) AND EXISTS (SELECT 1 FROM locked) RETURNING 1
  ), opened AS (
    INSERT INTO deadlines (id, decision_id, jurisdiction, kind, key, due_at, status, fire_event, created_seq, created_at, provisional)
    SELECT d.id, locked.id, $3, d.kind, d.key, d."dueAt", 'pending', d."fireEvent", $2, $21, coalesce(d.provisional, false)
    FROM locked, jsonb_to_recordset($24::jsonb) AS d(id uuid, kind text, key text, "dueAt" timestamptz, "fireEvent" text, provisional boolean)
    ON CONFLICT (decision_id, key) DO UPDATE SET status = 'pending', due_at = EXCLUDED.due_at, fire_event = EXCLUDED.fire_event,
      fired_at = NULL, created_seq = EXCLUDED.created_seq, provisional = EXCLUDED.provisional, enqueued_at = NULL
    RETURNING id, key
  ), cited AS (
    INSERT INTO material_citations (material_id, decision_id, seq) SELECT unnest($25::uuid[]), id, $2 FROM locked RETURNING 1
  ), noticed AS (
    INSERT INTO notifications (id, jurisdiction, decision_id, event_seq, kind, message, created_at)
    SELECT n.id, $3, locked.id, $2, n.kind, n.message, $21 FROM locked, jsonb_to_recordset($29::jsonb) AS n(id uuid, kind text, message text)
    RETURNING 1
  )
  UPDATE decisions SET status = $17, state_value = $9, version = $2, snapshot = $18, view = $19, last_hash = $15,
    involved_units = $20, updated_at = $21,
    open_deadlines = (SELECT coalesce(jsonb_agg(e ORDER BY e->>'dueAt', n), '[]'::jsonb) FROM (
        SELECT e, n FROM jsonb_array_elements($23::jsonb) WITH ORDINALITY AS kept(e, n)
        UNION ALL
        SELECT jsonb_set(w.e - 'fireEvent', '{id}', to_jsonb(o.id)), 1000000 + w.n
        FROM jsonb_array_elements($24::jsonb) WITH ORDINALITY AS w(e, n) JOIN opened o ON o.key = w.e->>'key'
      ) open_list)
  WHERE id = (SELECT id FROM locked)
  RETURNING open_deadlines`;

export function eventValues(e: NewEvent): unknown[] {
  return [
    e.decisionId, e.seq, e.jurisdiction, e.type, JSON.stringify(e.payload), JSON.stringify(e.actor), e.occurredAt,
    e.stateBefore === null ? null : JSON.stringify(e.stateBefore), JSON.stringify(e.stateAfter),
    e.machine.id, e.machine.version, e.profile.id, e.profile.version, e.prevHash, e.hash,
  ];
}

/** The envelope's fields added after the first fifteen (null when absent: hashed only when present). */
export function envelopeValues(e: NewEvent): unknown[] {
  return [e.alg ?? null, e.calendar ?? null, e.warnings?.length ? JSON.stringify(e.warnings) : null];
}

/** The parameters of RECORD_TRANSITION for one accepted event. */
export function transitionValues(t: TransitionWrite): unknown[] {
  const p = t.projection;
  return [
    ...eventValues(t.event),
    t.expectedVersion, p.status, JSON.stringify(p.snapshot), JSON.stringify(p.view), p.involvedUnits, p.at, t.deadlines.close, JSON.stringify(t.deadlines.kept), JSON.stringify(t.deadlines.opening), t.citedMaterials,
    ...envelopeValues(t.event),
    JSON.stringify(t.notices),
  ];
}
