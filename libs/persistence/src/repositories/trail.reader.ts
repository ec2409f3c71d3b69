import { JsonInterner, type ChainedEvent } from '@app/audit';
import { MAX_SEQ } from '@app/common';
import type { SqlSession, TypeParsers } from '../sql/sql-session';

export type TrailEntry = ChainedEvent & { hash: string };

/**
 * Exactly the columns the hash covers. occurred_at as epoch milliseconds, the cheapest form for
 * PostgreSQL to write (to_char costs it ~2 µs a row) and for Node to turn into the hashed ISO text.
 */
const COLUMNS = `decision_id, seq, type, payload, actor::json, floor(extract(epoch FROM occurred_at) * 1000)::int8,
  state_before::json, state_after::json, machine_id, machine_version, profile_id, profile_version, prev_hash, hash, alg, calendar, warnings`;
type Row = [
  string, number, string, unknown, ChainedEvent['actor'], string, unknown, unknown, string, number, string, number, string, string,
  ChainedEvent['alg'] | null, string | null, ChainedEvent['warnings'] | null,
];

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
  const shared = new JsonInterner();
  const types = internedJsonColumns(shared);
  const page = (after: [string, number]) =>
    'decisionId' in scope
      ? session.arrays<Row>(BY_DECISION.name, BY_DECISION.text, [scope.decisionId, after[1], scope.toSeq ?? MAX_SEQ, batchSize], types)
      : session.arrays<Row>(BY_JURISDICTION.name, BY_JURISDICTION.text, [scope.jurisdiction, after[0], after[1], batchSize, (scope.range ?? ALL_IDS).upTo], types);
  const entryOf = entryMaker(shared);
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

const JSON_OID = 114;
const { types: pgTypes } = require('pg') as { types: TypeParsers };

/**
 * The actor and the states (selected as json, the payload stays jsonb) repeat
 * all along a trail: each distinct text is parsed and canonicalised once.
 */
function internedJsonColumns(shared: JsonInterner): TypeParsers {
  const parse = (text: string) => shared.parse(text);
  return { getTypeParser: (oid, format) => (oid === JSON_OID ? parse : pgTypes.getTypeParser(oid, format)) };
}

/** Rows to entries; the machine and profile references are shared like the actor. */
function entryMaker(shared: JsonInterner): (r: Row) => TrailEntry {
  const refs = new Map<string, { id: string; version: number }>();
  const ref = (id: string, version: number) => {
    const key = `${id}@${version}`;
    let r = refs.get(key);
    if (!r) refs.set(key, (r = shared.intern({ id, version })));
    return r;
  };
  // Row after row names the same machine and the same profile: each column remembers its last reference.
  const lastOf = () => {
    let last = { id: '', version: NaN, ref: null as { id: string; version: number } | null };
    return (id: string, version: number) => (last.id === id && last.version === version ? last.ref! : (last = { id, version, ref: ref(id, version) }).ref!);
  };
  const machineRef = lastOf();
  const profileRef = lastOf();
  return (r) => ({
    decisionId: r[0],
    seq: r[1],
    type: r[2],
    payload: r[3],
    actor: r[4],
    occurredAt: new Date(Number(r[5])).toISOString(),
    stateBefore: r[6],
    stateAfter: r[7],
    machine: machineRef(r[8], r[9]),
    profile: profileRef(r[10], r[11]),
    prevHash: r[12],
    hash: r[13],
    // Absent envelope fields stay undefined (one object shape for every entry): the hash covers them only when present.
    alg: r[14] ?? undefined,
    calendar: r[15] ?? undefined,
    warnings: r[16] ?? undefined,
  });
}

/** The projection's head of each decision in an id range (what its chain must end at), by id. */
export async function decisionHeads(session: SqlSession, jurisdiction: string, range: IdRange): Promise<{ id: string; version: number; last_hash: string }[]> {
  return session.query(
    `SELECT id, version, last_hash FROM decisions WHERE jurisdiction = $1 AND ($2::uuid IS NULL OR id > $2) AND id <= $3 ORDER BY id`,
    [jurisdiction, range.after, range.upTo],
  );
}

/** Every decision of a jurisdiction with its event count (its version), by id. */
export async function decisionSizes(session: SqlSession, jurisdiction: string): Promise<{ id: string; version: number }[]> {
  return session.query(`SELECT id, version FROM decisions WHERE jurisdiction = $1 ORDER BY id`, [jurisdiction]);
}

/** The stored data of a working-day calendar version (undefined: not stored), for replays outside the Nest context (worker threads). */
export async function calendarVersionData(session: SqlSession, version: string): Promise<unknown> {
  const rows: { data: unknown }[] = await session.query(`SELECT data FROM calendar_versions WHERE version = $1`, [version]);
  return rows[0]?.data;
}
