import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { AnyMachineSnapshot } from 'xstate';
import type { DecisionInput } from './decision-context';
import type { AnyProcedureEvent } from './events';
import { ProcedureEngine } from './procedure-engine';
import { findProfile } from './profile-registry';
import { snapshotDigest, type GoldenTrail } from './testing/golden/v1-trails.generator';
import { actor, createCalendar, roundTrip, T0, validPayloads, type PayloadScope } from './testing/factories';

/*
 * v1 stays v1: trails recorded by the build before machine v2 (commit 03dea9f,
 * see testing/golden/v1-trails.generator.ts) replay on this build to the same
 * persisted snapshot after every event, and apply event by event to the same.
 */
const trails: GoldenTrail[] = JSON.parse(gunzipSync(readFileSync(resolve(__dirname, 'testing/golden/v1-trails.json.gz'))).toString('utf8'));
const V1 = { id: 'major-decision', version: 1 };

function inputOf(trail: GoldenTrail): DecisionInput {
  return {
    decisionId: 'decision-1',
    profile: findProfile(trail.profile.id, trail.profile.version)!,
    payload: { ...validPayloads.CREATE_DECISION({} as PayloadScope), ...trail.facts },
    occurredAt: T0,
    actor: actor('drafter'),
  };
}

describe('machine v1 trails recorded before machine v2', () => {
  const engine = new ProcedureEngine({ calendar: createCalendar() });

  it('cover the procedure (60 trails, over a thousand events)', () => {
    expect(trails).toHaveLength(60);
    expect(trails.reduce((n, t) => n + t.events.length, 0)).toBeGreaterThan(1000);
  });

  it.each(trails.map((t) => [t.name, t] as const))('%s replays to the recorded snapshot after every event', (_name, trail) => {
    const replay = engine.replayer(V1);
    let state: AnyMachineSnapshot = replay.start(inputOf(trail));
    trail.events.forEach((e, i) => {
      const out = replay.apply(state, e as AnyProcedureEvent);
      if (!out.accepted) throw new Error(`event ${i + 1} (${e.type}) refused: ${out.reasons.map((r) => r.code)}`);
      state = out.next;
      expect({ i, digest: snapshotDigest(state.machine.getPersistedSnapshot(state)) }).toEqual({ i, digest: e.digest });
    });
  });

  it.each(trails.filter((_, i) => i % 6 === 0).map((t) => [t.name, t] as const))('%s applies event by event (persisted in between) to the recorded snapshots', (_name, trail) => {
    let snapshot = engine.start(inputOf(trail), V1).snapshot;
    for (const e of trail.events) {
      const out = engine.apply(roundTrip(snapshot), e as AnyProcedureEvent);
      if (!out.accepted) throw new Error(`${e.type} refused: ${out.reasons.map((r) => r.code)}`);
      snapshot = out.snapshot;
      expect(snapshotDigest(snapshot.state)).toBe(e.digest);
    }
  });
});
