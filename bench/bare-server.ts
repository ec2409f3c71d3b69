/**
 * The limit of any Node service on this machine, for `npm run bench` (started by bench/lib/bare.ts):
 * a bare `node:http` + `pg` server that does the least a REVISE_DRAFT must cost anyone, and
 * nothing else. It checks the bearer token's HS256 signature, parses and checks the body, builds
 * the decision's next trail entry with the app's own factory (canonical JSON + SHA-256 of the
 * chained fields) and commits it with the app's one statement (RECORD_TRANSITION, imported from
 * libs/persistence, never copied) as a named prepared statement on a pg Pool, deciding on the
 * projection row it last committed (read once, re-read when another writer moved it on), as the
 * app does. No framework, no XState, no logging, no schema validation library.
 *
 * Env: DATABASE_URL, PORT, JWT_SECRET, DB_POOL_SIZE (20).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { trailEvent } from '../libs/decisions/src/trail-event.factory';
import type { DecisionRow, OpenDeadline, TransitionWrite } from '../libs/persistence/src/repositories/decision.rows';
import { RECORD_TRANSITION, transitionValues } from '../libs/persistence/src/repositories/decision.statements';
import type { Actor } from '../libs/procedure/src/actor';

interface QueryResult {
  rows: any[];
}
interface Pool {
  query(text: string, values?: unknown[]): Promise<QueryResult>;
  query(config: { name: string; text: string; values: unknown[] }): Promise<QueryResult>;
  on(event: 'error', listener: (err: Error) => void): void;
  end(): Promise<void>;
}
// node-pg ships no type declarations (no @types/pg): the part used here.
const { Pool } = require('pg') as { Pool: new (o: { connectionString: string; max: number }) => Pool };

const pool = new Pool({ connectionString: process.env.DATABASE_URL!, max: Number(process.env.DB_POOL_SIZE ?? 20) });
pool.on('error', () => undefined);
const secret = Buffer.from(process.env.JWT_SECRET!, 'utf8');
const PATH = /^\/api\/decisions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/events$/;
const rows = new Map<string, DecisionRow>();
let calendar = '';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

/** The actor of an HS256 bearer token signed with JWT_SECRET (signature and expiry checked). */
function actorOf(req: IncomingMessage): Actor {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : '';
  const [h, p, s] = token.split('.');
  if (!s) throw new HttpError(401, 'UNAUTHENTICATED');
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new HttpError(401, 'UNAUTHENTICATED');
  const c = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  if (typeof c.exp === 'number' && c.exp * 1000 < Date.now()) throw new HttpError(401, 'UNAUTHENTICATED');
  return { sub: c.sub, name: c.name, roles: c.roles, unit: c.unit, jurisdiction: c.jurisdiction };
}

/** The REVISE_DRAFT payload of a body `{ type, text, changeSummary }` as the API takes it. */
function payloadOf(body: string): { text: string; changeSummary: string } {
  let b: any;
  try {
    b = JSON.parse(body);
  } catch {
    throw new HttpError(400, 'VALIDATION_FAILED');
  }
  if (b?.type !== 'REVISE_DRAFT' || typeof b.text !== 'string' || !b.text || b.text.length > 200_000 || typeof b.changeSummary !== 'string' || b.changeSummary.length > 2000) {
    throw new HttpError(400, 'VALIDATION_FAILED');
  }
  return { text: b.text, changeSummary: b.changeSummary };
}

async function rowOf(id: string, actor: Actor, fresh: boolean): Promise<DecisionRow> {
  let row = fresh ? undefined : rows.get(id);
  if (!row) {
    row = (await pool.query('SELECT * FROM decisions WHERE id = $1', [id])).rows[0] as DecisionRow | undefined;
    if (!row) throw new HttpError(404, 'NOT_FOUND');
    rows.set(id, row);
  }
  if (row.jurisdiction !== actor.jurisdiction) throw new HttpError(404, 'NOT_FOUND');
  return row;
}

/** Decide on the row last committed and write with RECORD_TRANSITION; re-read and decide again when another writer got there first. */
async function revise(id: string, actor: Actor, payload: object): Promise<{ seq: number; hash: string; version: number }> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const row = await rowOf(id, actor, attempt > 0);
    const at = new Date();
    const event = trailEvent({
      decisionId: row.id, jurisdiction: row.jurisdiction, seq: row.version + 1, type: 'REVISE_DRAFT', payload, actor,
      occurredAt: at.toISOString(), stateBefore: row.state_value, stateAfter: row.state_value,
      machine: { id: row.machine_id, version: row.machine_version }, profile: { id: row.profile_id, version: row.profile_version },
      prevHash: row.last_hash, alg: 'sha256', calendar,
    });
    const write: TransitionWrite = {
      event, expectedVersion: row.version, citedMaterials: [], notices: [],
      projection: { status: row.status, snapshot: row.snapshot, view: row.view, involvedUnits: row.involved_units, at },
      deadlines: { close: [], kept: row.open_deadlines, opening: [] },
    };
    const written = await pool.query({ name: 'decisions.record_transition', text: RECORD_TRANSITION, values: transitionValues(write) });
    if (!written.rows.length) continue;
    const openDeadlines = written.rows[0].open_deadlines as OpenDeadline[];
    rows.set(id, { ...row, version: event.seq, last_hash: event.hash, open_deadlines: openDeadlines, updated_at: at });
    return { seq: event.seq, hash: event.hash, version: event.seq };
  }
  throw new HttpError(409, 'VERSION_CONFLICT');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
  if (req.method === 'GET' && req.url === '/api/health') return send(res, 200, { status: 'ok' });
  const m = req.method === 'POST' ? PATH.exec(req.url ?? '') : null;
  if (!m) throw new HttpError(404, 'NOT_FOUND');
  const actor = actorOf(req);
  const payload = payloadOf(body);
  const r = await revise(m[1], actor, payload);
  send(res, 200, { event: { seq: r.seq, type: 'REVISE_DRAFT', hash: r.hash }, decision: { id: m[1], version: r.version } });
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size <= 1_000_000) chunks.push(c);
  });
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const done = size > 1_000_000 ? Promise.reject(new HttpError(413, 'PAYLOAD_TOO_LARGE')) : handle(req, res, body);
    done.catch((err) => send(res, err instanceof HttpError ? err.status : 503, { code: err instanceof HttpError ? err.code : 'SERVICE_UNAVAILABLE', message: String(err.message) }));
  });
});
server.keepAliveTimeout = 65_000;

async function main(): Promise<void> {
  // the calendar version the app recorded (its data is stored once by the app; the bare server only names it)
  calendar = (await pool.query(`SELECT calendar FROM decision_events WHERE calendar IS NOT NULL ORDER BY recorded_at DESC LIMIT 1`)).rows[0]?.calendar ?? 'bare';
  server.listen(Number(process.env.PORT), '127.0.0.1');
  const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  process.stderr.write(`bare server failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
