import type { ChainedEvent, ReplayEngine, ReplayReport, TrailReplayer } from '@app/audit';
import type { TrailEntry } from '@app/persistence';
import { DEADLINES_RECOMPUTED, findProfile, statusOf, type AnyProcedureEvent, type ProcedureEngine } from '@app/procedure';
import type { AnyMachineSnapshot } from 'xstate';
import type { ChainCheck } from './chain-check';

/**
 * The procedure engine seen through replay's eyes: event 1 starts, every later event applies,
 * on the machine and profile versions the decision was pinned to; record-only entries
 * (DEADLINES_RECOMPUTED) keep the state. `last()` is the snapshot the
 * last accepted event left (the decision as it was at that point).
 */
export function procedureReplayEngine(engine: ProcedureEngine): ReplayEngine<AnyMachineSnapshot> & { last(): AnyMachineSnapshot | null } {
  let replayer: ReturnType<ProcedureEngine['replayer']> | null = null;
  let last: AnyMachineSnapshot | null = null;
  return {
    start(first: ChainedEvent) {
      const profile = findProfile(first.profile.id, first.profile.version);
      if (!profile) throw new Error(`profile ${first.profile.id}@${first.profile.version} is unknown to this build`);
      replayer = engine.replayer(first.machine);
      last = replayer.start({ decisionId: first.decisionId, profile, payload: first.payload as never, occurredAt: first.occurredAt, actor: first.actor as never });
      return last;
    },
    apply(state, e) {
      // A record-only entry (deadlines dated again on newer holiday data) leaves the state as it was.
      if (e.type === DEADLINES_RECOMPUTED) return { accepted: true, state };
      const out = replayer!.apply(state, { type: e.type, payload: e.payload, occurredAt: e.occurredAt, actor: e.actor } as AnyProcedureEvent);
      if (!out.accepted) return { accepted: false, reason: out.reasons.map((r) => r.code).join(', ') };
      last = out.next;
      return { accepted: true, state: out.next };
    },
    stateValue: (s) => s.value,
    status: (s) => statusOf(s.value),
    last: () => last,
  };
}

/**
 * Feeds a trail's pages to `replayer` as they come, each event with the calendar version it recorded (undefined: the
 * current one; `use` called only when it changes), the same pages fed to `chain` beside it (its breaks are the
 * caller's to collect). The number of events read and the last one.
 */
export async function replayPages(
  pages: AsyncIterable<readonly TrailEntry[]>,
  replayer: TrailReplayer<AnyMachineSnapshot>,
  chain: ChainCheck,
  use: (calendar: string | undefined) => Promise<void>,
): Promise<{ events: number; last: TrailEntry | null }> {
  let calendar: string | undefined | null = null;
  let events = 0;
  let last: TrailEntry | null = null;
  for await (const batch of pages) {
    chain.feed(batch);
    for (const e of batch) {
      if (e.calendar !== calendar) await use((calendar = e.calendar));
      replayer.feed(e);
      last = e;
      events++;
    }
  }
  return { events, last };
}

/** A trail shorter than the decision's version (its tail gone): the replay does not verify, the first missing event named. */
export function checkTrailLength(report: ReplayReport, events: number, version: number): void {
  if (events === version) return;
  report.mismatches.push({ seq: events + 1, reason: `trail has ${events} events but the decision is at version ${version}` });
  report.verified = false;
}
