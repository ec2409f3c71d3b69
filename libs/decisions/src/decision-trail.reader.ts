import type { ChainedEvent } from '@app/audit';
import type { SqlSession } from '@app/persistence';

export type TrailEntry = ChainedEvent & { hash: string };

/** Exactly the columns the hash covers; occurred_at as the ISO text that was hashed (no Date round trip per row). */
const COLUMNS = `decision_id, seq, type, payload, actor, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  state_before, state_after, machine_id, machine_version, profile_id, profile_version, prev_hash, hash`;
type Row = [string, number, string, unknown, ChainedEvent['actor'], string, unknown, unknown, string, number, string, number, string, string];

// Keyset pages with LIMIT keep PostgreSQL on the primary-key index in seq order (a whole 10,000-event
// decision at once was planned as a bitmap scan with a sort spilling to disk).
const BY_DECISION = {
  name: 'trail_by_decision',
  text: `SELECT ${COLUMNS} FROM decision_events WHERE decision_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4`,
};
const BY_JURISDICTION = {
  name: 'trail_by_jurisdiction',
  text: `SELECT ${COLUMNS} FROM decision_events WHERE jurisdiction = $1 AND (decision_id, seq) > ($2::uuid, $3::int) AND decision_id <= $5
    ORDER BY decision_id, seq LIMIT $4`,
};
const MAX_SEQ = 2_147_483_647;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';
export const LAST_ID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/** Decisions whose id is after `after` (exclusive; null: from the first) up to `upTo` (inclusive). */
export interface IdRange {
  after: string | null;
  upTo: string;
}
export const ALL_IDS: IdRange = { after: null, upTo: LAST_ID };

export type TrailScope = { decisionId: string; toSeq?: number } | { jurisdiction: string; range?: IdRange };

/**
 * A trail as the hash chain covers it, oldest first (per decision), in
 * batches: the next batch is requested before the current one is handed
 * out, so PostgreSQL reads ahead while the caller hashes and replays. Memory
 * stays flat however long the trail is.
 */
export async function* readTrail(session: SqlSession, scope: TrailScope, batchSize = 2000): AsyncGenerator<TrailEntry[]> {
  const page = (after: [string, number]) =>
    'decisionId' in scope
      ? session.arrays<Row>(BY_DECISION.name, BY_DECISION.text, [scope.decisionId, after[1], scope.toSeq ?? MAX_SEQ, batchSize])
      : session.arrays<Row>(BY_JURISDICTION.name, BY_JURISDICTION.text, [scope.jurisdiction, after[0], after[1], batchSize, (scope.range ?? ALL_IDS).upTo]);
  const from = 'range' in scope && scope.range?.after;
  let pending: ReturnType<typeof page> | null = page(from ? [from, MAX_SEQ] : [FIRST_ID, 0]);
  try {
    while (pending) {
      const rows = await pending;
      pending = null;
      if (rows.length === batchSize) {
        const last = rows[rows.length - 1];
        pending = page([last[0], last[1]]);
      }
      yield rows.map(entryOf);
    }
  } finally {
    // Stopped early (a break found, an error): let the read-ahead finish before the connection is reused.
    await pending?.catch(() => undefined);
  }
}

function entryOf(r: Row): TrailEntry {
  return {
    decisionId: r[0],
    seq: r[1],
    type: r[2],
    payload: r[3],
    actor: r[4],
    occurredAt: r[5],
    stateBefore: r[6],
    stateAfter: r[7],
    machine: { id: r[8], version: r[9] },
    profile: { id: r[10], version: r[11] },
    prevHash: r[12],
    hash: r[13],
  };
}
