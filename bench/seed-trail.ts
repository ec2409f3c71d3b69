/**
 * Seeds a VALID hash-chained trail straight into PostgreSQL, fast: decisions ×
 * (CREATE_DECISION, ACCEPT_PROPOSAL, then REVISE_DRAFT …), every state computed
 * by the real procedure machine and every hash by libs/audit, written with
 * COPY through psql (one session, data inline). The projection row of each
 * decision (snapshot, view, version, last_hash) is what DecisionService would
 * have left, so the app's replay and whole-jurisdiction verify accept it.
 *
 *   node -r @swc-node/register bench/seed-trail.ts --database-url postgres://…/db \
 *     --jurisdiction county-1m --decisions 1000 --events 1000
 *
 * Events 1-2 go through ProcedureEngine (start/apply, roles and guards checked);
 * the REVISE_DRAFT events go through the same XState machine on a live snapshot
 * (xstate `transition`), skipping only the per-event restore of a persisted
 * snapshot that ProcedureEngine.apply does (REVISE_DRAFT is unguarded in
 * drafting; its role is checked once per decision). `--check N` re-applies the
 * first N events of the first decision with ProcedureEngine.apply and fails on
 * any difference in state or snapshot.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createActor, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { canonicalJson, GENESIS_HASH, hashEvent, sha256Hex, type ChainedEvent } from '../libs/audit/src';
import { createWorkingDayCalendar } from '../libs/calendar/src/build-calendar';
import {
  authorizeEvent,
  createDecisionMachine,
  DECISION_MACHINE_VERSION,
  DEFAULT_PROFILE_ID,
  latestProfile,
  ProcedureEngine,
  viewOf,
  type Actor,
  type AnyProcedureEvent,
  type DecisionContext,
  type ProcedureSnapshot,
} from '../libs/procedure/src';
import { peopleOf, trailActor } from './lib/actors';
import { log, parseFlags } from './lib/util';
import { newDecision, revise } from './lib/workload';

export interface SeedOptions {
  databaseUrl: string;
  jurisdiction: string;
  decisions: number;
  /** events per decision, CREATE_DECISION and ACCEPT_PROPOSAL included (≥ 2) */
  eventsPerDecision: number;
  /** decisions per COPY batch (memory vs. round trips) */
  batchDecisions?: number;
  /** re-apply the first N events of the first decision with ProcedureEngine.apply and compare */
  check?: number;
  /** occurredAt of event 1 of every decision; later events 1 s apart */
  startAt?: Date;
  onProgress?: (events: number, decisions: number) => void;
}

export interface SeedResult {
  decisionIds: string[];
  events: number;
  ms: number;
  eventsPerSec: number;
}

const DECISION_COLUMNS = 'id, jurisdiction, title, category, summary, confidential, catalogue_item_id, involved_units, status, state_value, version, machine_id, machine_version, profile_id, profile_version, snapshot, view, last_hash, created_at, updated_at';
const EVENT_COLUMNS = 'decision_id, seq, jurisdiction, type, payload, actor, occurred_at, state_before, state_after, machine_id, machine_version, profile_id, profile_version, prev_hash, hash';

/** A value of COPY's text format. */
function copyField(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const s = String(value);
  return /[\\\n\r\t]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') : s;
}
const copyRow = (values: (string | number | boolean | null)[]) => `${values.map(copyField).join('\t')}\n`;
const pgArray = (items: string[]) => `{${items.map((i) => `"${i.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

function involvedUnits(ctx: DecisionContext): string[] {
  const units = [ctx.facts.proposer.unit, ctx.undertakingUnit, ...ctx.execution.assignments.map((a) => a.unit)];
  return [...new Set(units.filter((u): u is string => !!u))];
}

/** A psql session reading a script (COPY … FROM stdin with inline data) from its standard input. */
function psqlSink(databaseUrl: string) {
  const child = spawn('psql', [databaseUrl, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', '-'], {
    env: { ...process.env, PGCLIENTENCODING: 'UTF8' },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql COPY failed (exit ${code}): ${stderr.slice(0, 2000)}`))));
  });
  exited.catch(() => undefined);
  let failed: Error | null = null;
  exited.catch((e) => (failed = e));
  return {
    async write(chunk: string): Promise<void> {
      if (failed) throw failed;
      if (!child.stdin.write(chunk)) await Promise.race([new Promise((r) => child.stdin.once('drain', r)), exited]);
    },
    async end(): Promise<void> {
      child.stdin.end();
      await exited;
    },
  };
}

/** Seeds `decisions` valid chains of `eventsPerDecision` events each; returns their ids. */
export async function seedTrail(o: SeedOptions): Promise<SeedResult> {
  if (o.eventsPerDecision < 2) throw new Error('eventsPerDecision must be at least 2 (CREATE_DECISION, ACCEPT_PROPOSAL)');
  const started = Date.now();
  const calendar = createWorkingDayCalendar();
  const engine = new ProcedureEngine({ calendar });
  const machine = createDecisionMachine({ calendar }) as unknown as AnyStateMachine;
  // machine v1 (the machine built above): seeded trails stay comparable with the figures measured before v2
  const profile = latestProfile(DEFAULT_PROFILE_ID, DECISION_MACHINE_VERSION);
  if (!profile) throw new Error(`profile ${DEFAULT_PROFILE_ID} unknown`);
  const people = peopleOf(o.jurisdiction);
  const drafter = trailActor(people.drafter) as Actor;
  const secretary = trailActor(people.secretary) as Actor;
  const startAt = (o.startAt ?? new Date(Date.now() - 30 * 86_400_000)).getTime();
  const at = (seq: number) => new Date(startAt + (seq - 1) * 1000).toISOString();
  const sink = psqlSink(o.databaseUrl);
  const batchSize = Math.max(1, o.batchDecisions ?? Math.max(1, Math.floor(20_000 / o.eventsPerDecision)));
  const ids: string[] = [];
  let events = 0;
  let decisionRows: string[] = [];
  let eventRows: string[] = [];
  const flush = async () => {
    if (!decisionRows.length) return;
    await sink.write(`COPY decisions (${DECISION_COLUMNS}) FROM stdin;\n${decisionRows.join('')}\\.\n`);
    await sink.write(`COPY decision_events (${EVENT_COLUMNS}) FROM stdin;\n${eventRows.join('')}\\.\n`);
    decisionRows = [];
    eventRows = [];
  };
  try {
    for (let d = 0; d < o.decisions; d++) {
      const id = randomUUID();
      const emit = (e: ChainedEvent): string => {
        const hash = hashEvent(e);
        eventRows.push(copyRow([
          id, e.seq, o.jurisdiction, e.type, JSON.stringify(e.payload), JSON.stringify(e.actor), e.occurredAt,
          e.stateBefore === null ? null : JSON.stringify(e.stateBefore), JSON.stringify(e.stateAfter),
          e.machine.id, e.machine.version, e.profile.id, e.profile.version, e.prevHash, hash,
        ]));
        events++;
        return hash;
      };
      // 1: CREATE_DECISION (DecisionService.create: the payload as JSON, the engine starts the machine)
      const createPayload = JSON.parse(JSON.stringify(newDecision(d)));
      const begun = engine.start({ decisionId: id, profile, payload: createPayload, occurredAt: at(1), actor: drafter });
      const profileRef = { id: profile.id, version: profile.version };
      let prevHash = emit({ decisionId: id, seq: 1, type: 'CREATE_DECISION', payload: createPayload, actor: drafter, occurredAt: at(1), stateBefore: null, stateAfter: begun.view.stateValue, machine: begun.snapshot.machine, profile: profileRef, prevHash: GENESIS_HASH });
      // 2: ACCEPT_PROPOSAL through ProcedureEngine.apply (role, state and guards checked)
      const acceptPayload = { undertakingUnit: 'agri-bureau' };
      const accepted = engine.apply(begun.snapshot, { type: 'ACCEPT_PROPOSAL', payload: acceptPayload, occurredAt: at(2), actor: secretary } as AnyProcedureEvent);
      if (!accepted.accepted) throw new Error(`ACCEPT_PROPOSAL refused: ${JSON.stringify(accepted.reasons)}`);
      prevHash = emit({ decisionId: id, seq: 2, type: 'ACCEPT_PROPOSAL', payload: acceptPayload, actor: secretary, occurredAt: at(2), stateBefore: begun.view.stateValue, stateAfter: accepted.view.stateValue, machine: accepted.snapshot.machine, profile: profileRef, prevHash });
      const machineRef = accepted.snapshot.machine;
      const forbidden = authorizeEvent('REVISE_DRAFT', drafter, accepted.context);
      if (forbidden) throw new Error(`REVISE_DRAFT forbidden: ${forbidden.code}`);
      // 3…: REVISE_DRAFT on the live snapshot (the same machine ProcedureEngine runs)
      let live = createActor(machine, { snapshot: accepted.snapshot.state as never }).getSnapshot() as AnyMachineSnapshot;
      let stateValue: unknown = accepted.view.stateValue;
      let checkSnapshot: ProcedureSnapshot | null = d === 0 && o.check ? accepted.snapshot : null;
      for (let seq = 3; seq <= o.eventsPerDecision; seq++) {
        const body = revise(seq);
        // what enrichPayload adds to a validated REVISE_DRAFT: the content hash of the text
        const payload = { text: body.text, changeSummary: body.changeSummary, contentHash: sha256Hex(body.text) };
        const event = { type: 'REVISE_DRAFT', payload, occurredAt: at(seq), actor: drafter } as AnyProcedureEvent;
        [live] = transition(machine, live, event as never) as unknown as [AnyMachineSnapshot];
        if (checkSnapshot && seq <= o.check!) {
          const out = engine.apply(checkSnapshot, event);
          if (!out.accepted) throw new Error(`check: engine refuses seq ${seq}: ${JSON.stringify(out.reasons)}`);
          if (canonicalJson(out.snapshot.state) !== canonicalJson(machine.getPersistedSnapshot(live)) || canonicalJson(out.view.stateValue) !== canonicalJson(live.value)) {
            throw new Error(`check: the live machine and ProcedureEngine.apply differ at seq ${seq}`);
          }
          checkSnapshot = out.snapshot;
        }
        prevHash = emit({ decisionId: id, seq, type: 'REVISE_DRAFT', payload, actor: drafter, occurredAt: at(seq), stateBefore: stateValue, stateAfter: live.value, machine: machineRef, profile: profileRef, prevHash });
        stateValue = live.value;
      }
      // the projection DecisionService leaves after the last event
      const context = live.context as DecisionContext;
      const view = viewOf(live.value as never, context);
      const createdAt = at(1);
      decisionRows.push(copyRow([
        id, o.jurisdiction, createPayload.title, createPayload.category, createPayload.summary ?? null, false, null, pgArray(involvedUnits(context)), view.status,
        JSON.stringify(view.stateValue), o.eventsPerDecision, machineRef.id, machineRef.version, profile.id, profile.version,
        JSON.stringify(machine.getPersistedSnapshot(live)), JSON.stringify(view), prevHash, createdAt, at(o.eventsPerDecision),
      ]));
      ids.push(id);
      if (ids.length % batchSize === 0) {
        await flush();
        o.onProgress?.(events, ids.length);
      }
    }
    await flush();
    await sink.end();
  } catch (error) {
    await sink.end().catch(() => undefined);
    throw error;
  }
  const ms = Date.now() - started;
  return { decisionIds: ids, events, ms, eventsPerSec: Math.round((events / ms) * 1000) };
}

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  const databaseUrl = String(flags['database-url'] ?? process.env.DATABASE_URL ?? '');
  if (!databaseUrl) throw new Error('--database-url (or DATABASE_URL) is required');
  const result = await seedTrail({
    databaseUrl,
    jurisdiction: String(flags.jurisdiction ?? 'county-seed'),
    decisions: Number(flags.decisions ?? 1000),
    eventsPerDecision: Number(flags.events ?? 1000),
    check: Number(flags.check ?? 50),
    onProgress: (events) => log(`seeded ${events} events`),
  });
  process.stdout.write(`${JSON.stringify({ ...result, decisionIds: result.decisionIds.length <= 10 ? result.decisionIds : `${result.decisionIds.length} ids` })}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  });
}
