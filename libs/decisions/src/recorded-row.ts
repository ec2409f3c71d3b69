import type { DecisionRow, TransitionWrite, TransitionWritten } from '@app/persistence';

/** The projection row as a written transition left it, built from the row it was decided on (no read back). */
export function recordedRow(before: DecisionRow, write: TransitionWrite, written: TransitionWritten): DecisionRow {
  const { event, projection: p } = write;
  return {
    ...before,
    status: p.status,
    state_value: event.stateAfter,
    version: event.seq,
    snapshot: p.snapshot,
    view: p.view,
    last_hash: event.hash,
    involved_units: p.involvedUnits,
    open_deadlines: written.openDeadlines,
    updated_at: p.at,
  };
}
