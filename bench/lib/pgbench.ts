import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withClient } from './pg';
import { percentile, round } from './util';

export const PGBENCH = process.env.BENCH_PGBENCH ?? '/usr/bin/pgbench';

/** One real transition as stored by the app: the literals the pgbench script writes (same sizes, same JSON). */
export interface TransitionSample {
  jurisdiction: string;
  eventType: string;
  payload: string;
  actor: string;
  stateBefore: string;
  stateAfter: string;
  machineId: string;
  machineVersion: number;
  profileId: string;
  profileVersion: number;
  status: string;
  stateValue: string;
  snapshot: string;
  view: string;
  involvedUnits: string[];
}

/** The latest REVISE_DRAFT the app recorded, and its decision's projection row, as text. */
export async function sampleTransition(databaseUrl: string): Promise<TransitionSample> {
  return withClient(databaseUrl, async (c) => {
    const { rows } = await c.query(
      `SELECT e.jurisdiction, e.type, e.payload::text AS payload, e.actor::text AS actor, e.state_before::text AS state_before, e.state_after::text AS state_after,
              e.machine_id, e.machine_version, e.profile_id, e.profile_version,
              d.status, d.state_value::text AS state_value, d.snapshot::text AS snapshot, d.view::text AS view, d.involved_units
       FROM decision_events e JOIN decisions d ON d.id = e.decision_id
       WHERE e.type = 'REVISE_DRAFT' ORDER BY e.recorded_at DESC LIMIT 1`,
    );
    if (!rows.length) throw new Error('no REVISE_DRAFT recorded yet: nothing to model the pgbench script on');
    const r = rows[0];
    return {
      jurisdiction: r.jurisdiction, eventType: r.type, payload: r.payload, actor: r.actor, stateBefore: r.state_before, stateAfter: r.state_after,
      machineId: r.machine_id, machineVersion: r.machine_version, profileId: r.profile_id, profileVersion: r.profile_version,
      status: r.status, stateValue: r.state_value, snapshot: r.snapshot, view: r.view, involvedUnits: r.involved_units,
    };
  });
}

/**
 * A JSON text as an SQL literal pgbench leaves alone: pgbench reads `:name`
 * (letters, digits, `_`, non-ASCII) as a variable, so structural colons get a
 * following space and colons inside strings become the JSON escape \u003a
 * (jsonb stores the same value either way).
 */
export function jsonLiteral(json: string): string {
  const spaced = JSON.stringify(JSON.parse(json), null, 1).replace(/:(?=[^\s])/g, '\\u003a');
  return `'${spaced.replace(/'/g, "''")}'`;
}

const textLiteral = (s: string) => {
  if (/:[A-Za-z0-9_\u0080-\uffff]/.test(s)) throw new Error(`literal would be read as a pgbench variable: ${s}`);
  return `'${s.replace(/'/g, "''")}'`;
};

/** The uuid of pgbench decision number `k` (1-based), as an SQL expression. */
const uuidOf = (k: string) => `('00000000-0000-0000-0000-' || lpad(to_hex((${k})::int), 12, '0'))::uuid`;

/** The shapes of one transition's SQL: the app's one statement, and the lock-first transaction it replaced. */
export type TransitionShape = 'statement' | 'transaction';

/**
 * The pgbench script of one transition, minus the application. The JSON documents travel as
 * text and are parsed into jsonb on every execution, as the app's parameters are; they come
 * from the one-row table pgb_sample.
 *
 * - `statement`, the SQL shape of DecisionService.apply (RECORD_TRANSITION): one autocommit
 *   statement locks one decision row, appends one event row of the sampled size and updates
 *   the projection row. One round trip.
 * - `transaction`, the lock-first shape apply used before: BEGIN, lock and read the whole row
 *   (with the sampled documents, into pgbench variables), INSERT the event, UPDATE the
 *   projection, COMMIT. Five round trips.
 */
export function pgbenchScript(sample: TransitionSample, decisions: number, shape: TransitionShape = 'statement'): string {
  const id = uuidOf(':k');
  const units = `ARRAY[${sample.involvedUnits.map(textLiteral).join(',')}]::text[]`;
  const fixed = {
    jurisdiction: textLiteral(sample.jurisdiction),
    type: textLiteral(sample.eventType),
    machine: `${textLiteral(sample.machineId)}, ${sample.machineVersion}, ${textLiteral(sample.profileId)}, ${sample.profileVersion}`,
    status: textLiteral(sample.status),
  };
  const eventColumns = 'decision_id, seq, jurisdiction, type, payload, actor, occurred_at, state_before, state_after, machine_id, machine_version, profile_id, profile_version, prev_hash, hash';
  const newHash = `encode(sha256(random()::text::bytea), 'hex')`;
  if (shape === 'statement') {
    return [
      `\\set k random(1, ${decisions})`,
      `WITH locked AS (SELECT id, version, last_hash FROM pgb_decisions WHERE id = ${id} FOR UPDATE), ` +
        `appended AS (INSERT INTO pgb_events (${eventColumns}) ` +
        `SELECT l.id, l.version + 1, ${fixed.jurisdiction}, ${fixed.type}, s.payload::jsonb, s.actor::jsonb, now(), s.state_before::jsonb, s.state_after::jsonb, ` +
        `${fixed.machine}, l.last_hash, ${newHash} FROM locked l CROSS JOIN pgb_sample s RETURNING seq, hash) ` +
        `UPDATE pgb_decisions d SET status = ${fixed.status}, state_value = s.state_value::jsonb, version = a.seq, snapshot = s.snapshot::jsonb, view = s.view::jsonb, ` +
        `last_hash = a.hash, involved_units = ${units}, updated_at = now() FROM appended a CROSS JOIN pgb_sample s WHERE d.id = ${id};`,
      '',
    ].join('\n');
  }
  return [
    `\\set k random(1, ${decisions})`,
    'BEGIN;',
    `SELECT d.*, s.payload AS s_payload, s.actor AS s_actor, s.state_before AS s_state_before, s.state_after AS s_state_after, ` +
      `s.state_value AS s_state_value, s.snapshot AS s_snapshot, s.view AS s_view ` +
      `FROM pgb_decisions d CROSS JOIN pgb_sample s WHERE d.id = ${id} FOR UPDATE OF d \\gset d_`,
    `INSERT INTO pgb_events (${eventColumns}) ` +
      `VALUES (${id}, :d_version + 1, ${fixed.jurisdiction}, ${fixed.type}, :d_s_payload::jsonb, :d_s_actor::jsonb, now(), ` +
      `:d_s_state_before::jsonb, :d_s_state_after::jsonb, ${fixed.machine}, :d_last_hash, ${newHash});`,
    `UPDATE pgb_decisions SET status = ${fixed.status}, state_value = :d_s_state_value::jsonb, version = :d_version + 1, ` +
      `snapshot = :d_s_snapshot::jsonb, view = :d_s_view::jsonb, last_hash = ${newHash}, ` +
      `involved_units = ${units}, updated_at = now() WHERE id = ${id} AND version = :d_version;`,
    'COMMIT;',
    '',
  ].join('\n');
}

/**
 * Tables of the same definition as the app's (LIKE … INCLUDING ALL: columns,
 * defaults, checks, primary keys and indexes; plus the trail's foreign key),
 * with `decisions` rows holding the sampled projection, and the sampled JSON
 * documents as text in the one-row pgb_sample.
 */
export async function createPgbenchTables(databaseUrl: string, sample: TransitionSample, decisions: number): Promise<void> {
  await withClient(databaseUrl, async (c) => {
    await c.query('DROP TABLE IF EXISTS pgb_events; DROP TABLE IF EXISTS pgb_decisions; DROP TABLE IF EXISTS pgb_sample');
    await c.query('CREATE TABLE pgb_decisions (LIKE decisions INCLUDING ALL)');
    await c.query('CREATE TABLE pgb_events (LIKE decision_events INCLUDING ALL)');
    await c.query('ALTER TABLE pgb_events ADD FOREIGN KEY (decision_id) REFERENCES pgb_decisions (id)');
    await c.query('CREATE TABLE pgb_sample (payload text, actor text, state_before text, state_after text, state_value text, snapshot text, view text)');
    await c.query('INSERT INTO pgb_sample VALUES ($1, $2, $3, $4, $5, $6, $7)', [sample.payload, sample.actor, sample.stateBefore, sample.stateAfter, sample.stateValue, sample.snapshot, sample.view]);
    await c.query(
      `INSERT INTO pgb_decisions (id, jurisdiction, title, category, summary, confidential, involved_units, status, state_value, version,
         machine_id, machine_version, profile_id, profile_version, snapshot, view, last_hash, created_at, updated_at)
       SELECT ('00000000-0000-0000-0000-' || lpad(to_hex(k), 12, '0'))::uuid, $1, '高标准农田建设实施意见 ' || k, 'PUBLIC_POLICY', '提升耕地质量，保障粮食安全', false,
         $2, $3, $4::jsonb, 4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, repeat('0', 64), now(), now()
       FROM generate_series(1, $11) AS k`,
      [sample.jurisdiction, sample.involvedUnits, sample.status, sample.stateValue, sample.machineId, sample.machineVersion, sample.profileId, sample.profileVersion, sample.snapshot, sample.view, decisions],
    );
    await c.query('VACUUM ANALYZE pgb_decisions');
    await c.query('ANALYZE pgb_sample');
  });
}

/** Drops the pgbench tables. */
export async function dropPgbenchTables(databaseUrl: string): Promise<void> {
  await withClient(databaseUrl, (c) => c.query('DROP TABLE IF EXISTS pgb_events; DROP TABLE IF EXISTS pgb_decisions; DROP TABLE IF EXISTS pgb_sample'));
}

export interface PgbenchResult {
  clients: number;
  durationS: number;
  tps: number;
  transactions: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
  /** with a fixed rate (-R): the slowest transaction per second of the run, ms (latency from the scheduled start) */
  maxBySecond?: number[];
  /** cores busy during the run: the pgbench client, and PostgreSQL with any other process */
  coresBusy?: { pgbench: number; postgresAndOther: number };
}

/** Runs the script with pgbench (-M prepared, per-transaction log) and reads tps and latency percentiles. */
export async function runPgbench(
  databaseUrl: string,
  script: string,
  clients: number,
  durationSec: number,
  threads = 2,
  mode: 'prepared' | 'extended' | 'simple' = 'prepared',
  ratePerSec?: number,
): Promise<PgbenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mde-pgbench-'));
  try {
    const scriptFile = join(dir, 'transition.sql');
    writeFileSync(scriptFile, script);
    const url = new URL(databaseUrl);
    const args = [
      '-n', '-M', mode, '-c', String(clients), '-j', String(Math.min(threads, clients)), '-T', String(durationSec),
      '-f', scriptFile, '-l', `--log-prefix=${join(dir, 'tx')}`, ...(ratePerSec ? ['-R', String(ratePerSec)] : []),
      '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres'), url.pathname.slice(1),
    ];
    const out = await new Promise<string>((resolve, reject) =>
      execFile(PGBENCH, args, { timeout: (durationSec + 60) * 1000, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
        err ? reject(new Error(`pgbench failed: ${err.message}\n${stderr}`)) : resolve(`${stdout}\n${stderr}`),
      ),
    );
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? /tps = ([\d.]+)/.exec(out)?.[1]);
    const transactions = Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1]);
    const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0);
    const latencies: number[] = [];
    const perSecond = new Map<number, number>();
    for (const f of readdirSync(dir).filter((n) => n.startsWith('tx'))) {
      for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
        // client_id transaction_no time script_no time_epoch time_us [schedule_lag]: with -R, latency counts from the scheduled start
        const fields = line.split(' ');
        if (fields.length < 6) continue;
        const ms = (Number(fields[2]) + Number(fields[6] ?? 0)) / 1000;
        latencies.push(ms);
        const second = Number(fields[4]);
        perSecond.set(second, Math.max(perSecond.get(second) ?? 0, ms));
      }
    }
    const seconds = [...perSecond.keys()].sort((a, b) => a - b);
    if (!Number.isFinite(tps)) throw new Error(`could not read pgbench output:\n${out}`);
    return {
      clients, durationS: durationSec, tps: round(tps, 1), transactions, p50Ms: round(percentile(latencies, 50), 3), p99Ms: round(percentile(latencies, 99), 3), failed,
      ...(ratePerSec ? { maxBySecond: seconds.map((s) => round(perSecond.get(s)!, 0)) } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
