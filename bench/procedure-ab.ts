/**
 * A/B micro-benchmark of the pure procedure engine: this build against a base
 * build of libs/procedure (e.g. main), in one process, measurements
 * interleaved round by round; each figure is the best of the rounds in CPU
 * time per event (on a shared machine the least disturbed round is the
 * steadiest estimate of the code's own cost).
 *
 *   git archive main libs/procedure | tar -x -C /tmp/base
 *   BASE=/tmp/base node -r @swc-node/register bench/procedure-ab.ts [--rounds 7]
 *
 * Base runs machine v1 (all it has); this build runs v1 and v2.
 */
import { resolve } from 'node:path';
import { round } from './lib/util';

type Any = any;
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1] || 7);
const BASE = process.env.BASE;
if (!BASE) throw new Error('set BASE to a directory holding libs/procedure of the base build');

interface Build {
  name: string;
  lib: Any;
  testing: Any;
  machine: number;
}

function load(dir: string): { lib: Any; testing: Any } {
  return { lib: require(resolve(dir, 'libs/procedure/src')), testing: require(resolve(dir, 'libs/procedure/src/testing/factories')) };
}

const here = load(resolve(__dirname, '..'));
const base = load(BASE);
const BUILDS: Build[] = [
  { name: 'base v1', ...base, machine: 1 },
  { name: 'this v1', ...here, machine: 1 },
  { name: 'this v2', ...here, machine: 2 },
];

/** The workloads of one build: each returns the number of events (or calls) it did. */
function workloads(b: Build): Record<string, () => number> {
  const t = b.testing;
  const engine = t.createEngine();
  const ref = { id: 'major-decision', version: b.machine };
  const profile = b.lib.latestProfile('national', b.machine);
  const input = { decisionId: 'ab', profile, payload: t.validPayloads.CREATE_DECISION({}), occurredAt: t.T0, actor: t.actor('drafter') };
  const at = (i: number) => new Date(Date.parse(t.T0) + i * 1000).toISOString();
  const drafter = t.actor('drafter');
  const revisions = [{ type: 'ACCEPT_PROPOSAL', payload: { undertakingUnit: drafter.unit }, occurredAt: at(1), actor: t.actor('secretary') }];
  for (let i = 2; i < 5000; i++) revisions.push({ type: 'REVISE_DRAFT', payload: { text: `第${i}稿`, changeSummary: '修改', contentHash: `sha256:${i}` }, occurredAt: at(i), actor: drafter } as Any);
  const options = b.machine === 2 ? { engine, machine: 2 } : { engine };
  const path = t.driveTo('postEvaluation', options).accepted as Any[];
  const ready = t.driveTo('readyForReview', options);
  const replay = (events: Any[], times: number) => () => {
    for (let k = 0; k < times; k++) {
      const r = engine.replayer(ref);
      let s = r.start(input);
      for (const e of events) {
        const out = r.apply(s, e);
        if (!out.accepted) throw new Error(`${b.name}: replay refused ${e.type}`);
        s = out.next;
      }
    }
    return times * events.length;
  };
  const applyLive = (events: Any[], times: number) => () => {
    for (let k = 0; k < times; k++) {
      let o = engine.start(input, ref);
      for (const e of events) {
        o = engine.apply(o.snapshot, e, o.live);
        if (!o.accepted) throw new Error(`${b.name}: apply refused ${e.type}`);
      }
    }
    return times * events.length;
  };
  return {
    'replay, 5,000 REVISE_DRAFT': replay(revisions, 1),
    'replay, lawful path (every kind of event)': replay(path, 40),
    'apply with the live snapshot, REVISE_DRAFT': applyLive(revisions.slice(0, 1000), 1),
    'apply with the live snapshot, lawful path': applyLive(path, 20),
    'apply on the persisted snapshot only, REVISE_DRAFT': () => {
      let o = engine.start(input, ref);
      for (const e of revisions.slice(0, 300)) {
        o = engine.apply(JSON.parse(JSON.stringify(o.snapshot)), e);
        if (!o.accepted) throw new Error(`${b.name}: apply refused ${e.type}`);
      }
      return 300;
    },
    'allowedEvents, 4 roles, ready for review': () => {
      for (let i = 0; i < 500; i++) for (const role of ['drafter', 'legal_reviewer', 'secretary', 'head']) engine.allowedEvents(ready.snapshot, t.actor(role), ready.now);
      return 2000;
    },
  };
}

const suites = BUILDS.map((b) => ({ b, w: workloads(b) }));
const best = new Map<string, number>();
for (let r = 0; r < rounds; r++) {
  for (const name of Object.keys(suites[0].w)) {
    for (const { b, w } of suites) {
      const cpu = process.cpuUsage();
      const n = w[name]();
      const used = process.cpuUsage(cpu);
      const us = (used.user + used.system) / n;
      const key = `${name}|${b.name}`;
      best.set(key, Math.min(best.get(key) ?? Infinity, us));
    }
  }
}
const table: Record<string, Record<string, string>> = {};
for (const [key, us] of best) {
  const [name, build] = key.split('|');
  table[name] ??= {};
  table[name][build] = `${round(us, 1)} µs (${Math.round(1e6 / us).toLocaleString('en')}/s)`;
}
console.table(table);
