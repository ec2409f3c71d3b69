/**
 * Micro-measurements of the pure procedure engine (libs/procedure), no I/O:
 *
 * - replay: a 10,000-event decision (CREATE_DECISION, ACCEPT_PROPOSAL, then REVISE_DRAFT …)
 *   replayed through `ProcedureEngine.replayer`, the path of GET /replay and verify;
 * - write path: `apply` on the persisted snapshot with the live one (what DecisionService does
 *   per event), for REVISE_DRAFT and for every event of a whole lawful path, and `allowedEvents`.
 *
 *   node -r @swc-node/register bench/procedure-micro.ts [--machine 1|2] [--runs 5]
 *
 * Prints JSON; each figure is the median of `runs` timed runs after one warm-up run.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { DEFAULT_PROFILE_ID, latestProfile, type AnyProcedureEvent, type DecisionInput, type LiveSnapshot, type MachineRef, type ProcedureSnapshot } from '../libs/procedure/src';
import { actor, createEngine, driveTo, T0, validPayloads, type PayloadScope } from '../libs/procedure/src/testing/factories';
import { median, round } from './lib/util';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

const engine = createEngine();
const machine: MachineRef = { ...engine.currentMachine, version: flag('machine', engine.currentMachine.version) };
const runs = flag('runs', 5);
const EVENTS = 10_000;

/**
 * Events per second by the wall clock and by this process's CPU time (user + system): on a
 * shared machine the second is the steadier figure (other processes' load stretches the first).
 */
function timed(fn: () => number): { perSec: number; usPerEvent: number; cpuPerSec: number } {
  fn();
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const n = fn();
    rates.push(n / ((performance.now() - t) / 1000));
    const used = process.cpuUsage(cpu);
    cpuRates.push(n / ((used.user + used.system) / 1e6));
  }
  const perSec = median(rates);
  return { perSec: Math.round(perSec), usPerEvent: round(1e6 / perSec, 2), cpuPerSec: Math.round(median(cpuRates)) };
}

const input: DecisionInput = {
  decisionId: 'bench-decision',
  profile: latestProfile(DEFAULT_PROFILE_ID, machine.version)!,
  payload: validPayloads.CREATE_DECISION({} as PayloadScope),
  occurredAt: T0,
  actor: actor('drafter'),
};
const at = (i: number) => new Date(Date.parse(T0) + i * 1000).toISOString();
const drafter = actor('drafter');
const trail: AnyProcedureEvent[] = [
  { type: 'ACCEPT_PROPOSAL', payload: validPayloads.ACCEPT_PROPOSAL({} as PayloadScope), occurredAt: at(1), actor: actor('secretary') } as AnyProcedureEvent,
];
for (let i = 2; i < EVENTS; i++) {
  trail.push({ type: 'REVISE_DRAFT', payload: { text: `第${i}稿`, changeSummary: '修改', contentHash: `sha256:${i}` }, occurredAt: at(i), actor: drafter } as AnyProcedureEvent);
}

/** Replay of the 10,000-event trail on a live snapshot. */
function replay(): number {
  const r = engine.replayer(machine);
  let s = r.start(input);
  for (const e of trail) {
    const out = r.apply(s, e);
    if (!out.accepted) throw new Error(`replay refused ${e.type}`);
    s = out.next;
  }
  return EVENTS;
}

/** `apply` per event as the write path calls it: persisted snapshot plus the live one of the previous step. */
function writes(events: AnyProcedureEvent[], n: number): () => number {
  return () => {
    const started = engine.start(input, machine);
    const accepted = engine.apply(started.snapshot, trail[0], started.live);
    if (!accepted.accepted) throw new Error('ACCEPT_PROPOSAL refused');
    let persisted: ProcedureSnapshot = accepted.snapshot;
    let live: LiveSnapshot = accepted.live;
    for (let i = 0; i < n; i++) {
      const out = engine.apply(persisted, events[i % events.length], live);
      if (!out.accepted) throw new Error(`write refused ${events[i % events.length].type}`);
      persisted = out.snapshot;
      live = out.live;
    }
    return n;
  };
}

// A whole lawful path, recorded once by the test harness, then re-applied event by event.
const path = driveTo('postEvaluation', { engine, machine: machine.version });
const pathEvents = path.accepted;
function lawfulPath(): number {
  const started = engine.start({ ...input, profile: path.profile }, machine);
  let persisted = started.snapshot;
  let live = started.live;
  for (const e of pathEvents) {
    const out = engine.apply(persisted, e, live);
    if (!out.accepted) throw new Error(`path refused ${e.type}: ${out.reasons.map((x) => x.code)}`);
    persisted = out.snapshot;
    live = out.live;
  }
  return pathEvents.length;
}

/** `apply` on the persisted snapshot alone (no live one: a restart, or the host's locked path). */
function applyPersisted(): number {
  const started = engine.start(input, machine);
  const accepted = engine.apply(started.snapshot, trail[0]);
  if (!accepted.accepted) throw new Error('ACCEPT_PROPOSAL refused');
  let persisted: ProcedureSnapshot = accepted.snapshot;
  for (let i = 1; i <= 1000; i++) {
    const out = engine.apply(persisted, trail[i]);
    if (!out.accepted) throw new Error('REVISE_DRAFT refused');
    persisted = out.snapshot;
  }
  return 1000;
}

/** Replay of the whole lawful path (24 events of every kind), 400 times. */
function replayLawfulPath(): number {
  for (let k = 0; k < 400; k++) {
    const r = engine.replayer(machine);
    let s = r.start({ ...input, profile: path.profile });
    for (const e of pathEvents) {
      const out = r.apply(s, e);
      if (!out.accepted) throw new Error(`replay refused ${e.type}`);
      s = out.next;
    }
  }
  return 400 * pathEvents.length;
}

function allowed(): number {
  const h = driveTo('readyForReview', { engine, machine: machine.version });
  const roles = ['drafter', 'legal_reviewer', 'secretary', 'head'] as const;
  for (let i = 0; i < 2000; i++) engine.allowedEvents(h.snapshot, actor(roles[i % roles.length]), h.now);
  return 2000;
}

const result = {
  machine,
  load: os.loadavg().map((l) => round(l, 2)),
  replayRevisions: timed(replay),
  applyRevisions: timed(writes(trail.slice(1), 2000)),
  replayLawfulPath: timed(replayLawfulPath),
  applyLawfulPath: { events: pathEvents.length, ...timed(lawfulPath) },
  applyPersistedRevisions: timed(applyPersisted),
  allowedEventsReadyForReview: timed(allowed),
};
process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
