import { TrailReplayer, type ReplayReport } from '@app/audit';
import { readTrail, releaseVerifyLock, SqlTransactions, tryVerifyLock, type DecisionRow, type TrailEntry } from '@app/persistence';
import { involvedUnitsOf, LiveSnapshot, type Actor, type DecisionContext, type ProcedureEngine } from '@app/procedure';
import { DecisionQueryService, ProcedureEngines, presentDecision, presentEvent, type DecisionResponse } from '@app/decisions';
import { UnitRegistry } from '@app/units';
import { Injectable } from '@nestjs/common';
import type { AnyMachineSnapshot } from 'xstate';
import { verifyJurisdictionTrail } from './parallel-verification';
import { procedureReplayEngine } from './procedure-replay';
import { verifyProjections } from './projection-verification';
import { verifyCatalogueProjections } from './catalogue-projection-verification';
import type { VerifyReport } from './trail-verification';
import { verifyBusy, verifyConcurrency, VerifyGate } from './verify-gate';

// Pages of a streamed trail: small enough that a page's objects die young. A page lives while the next one is
// read ahead and while it is written out; at 500 events that outlived two scavenges and was promoted (~2 MB a
// scavenge, the old generation growing until a full GC: a 100,000-event history +111 MiB RSS with 8 MiB
// semi-spaces); at 100, +57 MiB for the same CPU.
const STREAM_PAGE = 100;

export interface ReplayAnswer extends ReplayReport {
  decisionId: string;
  toSeq: number;
  /** the decision as it was after event `toSeq` (null when nothing could be replayed) */
  decision: DecisionResponse | null;
}

/** Reads of the record: a decision's history, its replay from event 1, and whole-jurisdiction verification. Never writes. */
@Injectable()
export class TrailQueryService {
  private readonly verifies = new VerifyGate(verifyConcurrency());

  constructor(
    private readonly sql: SqlTransactions,
    private readonly decisions: DecisionQueryService,
    private readonly engines: ProcedureEngines,
    private readonly units: UnitRegistry,
  ) {}

  /**
   * A decision's history as API.md shapes it, oldest first, batch by batch as PostgreSQL pages it
   * (no connection held between pages, so a slow reader holds none). The visibility check and the
   * first page are done before this answers: their errors come before any byte is sent.
   */
  async historyBatches(id: string, actor: Actor): Promise<AsyncIterable<ReturnType<typeof presentEvent>[]>> {
    await this.decisions.visible(id, actor);
    return prefetched(presentedTrail(readTrail(this.sql.pooled(), { decisionId: id }, STREAM_PAGE)));
  }

  /** A decision's trail up to `toSeq`, batch by batch as PostgreSQL pages it, no connection held between pages (no access check: the caller's). */
  trailBatches(id: string, toSeq: number): AsyncIterable<TrailEntry[]> {
    return readTrail(this.sql.pooled(), { decisionId: id, toSeq }, STREAM_PAGE);
  }

  /** Recompute every state from event 1 with the pinned machine and check every hash; the decision as it was at `toSeq`. */
  async replay(id: string, actor: Actor, toSeq?: number): Promise<ReplayAnswer> {
    const row = await this.decisions.visible(id, actor);
    // Each event is replayed with the calendar version it recorded: newer holiday data never changes an old decision.
    const calendars = this.engines.replayEngine(row.jurisdiction);
    try {
      return await this.replayWith(calendars.engine, calendars.use, row, actor, toSeq);
    } finally {
      calendars.release();
    }
  }

  private async replayWith(procedure: ProcedureEngine, use: (calendar: string | undefined) => Promise<void>, row: DecisionRow, actor: Actor, toSeq?: number): Promise<ReplayAnswer> {
    const id = row.id;
    const engine = procedureReplayEngine(procedure);
    const replayer = new TrailReplayer(engine, toSeq);
    let lastApplied: { seq: number; hash: string; occurredAt: string } | null = null;
    const events = await this.sql.session(async (session) => {
      let read = 0;
      for await (const batch of readTrail(session, { decisionId: id, toSeq })) {
        for (const e of batch) {
          await use(e.calendar);
          replayer.feed(e);
          lastApplied = { seq: e.seq, hash: e.hash, occurredAt: e.occurredAt };
        }
        read += batch.length;
      }
      return read;
    });
    const report = replayer.report();
    if (toSeq === undefined && events !== row.version) {
      report.mismatches.push({ seq: events + 1, reason: `trail has ${events} events but the decision is at version ${row.version}` });
      report.verified = false;
    }
    const snapshot = engine.last();
    await this.units.ready(row.jurisdiction);
    const decision = snapshot && lastApplied ? this.viewAt(procedure, row, snapshot, lastApplied, actor) : null;
    return { decisionId: id, toSeq: toSeq ?? row.version, ...report, decision };
  }

  /**
   * Verify every chain of the jurisdiction (see verifyJurisdictionTrail) and every projection against its trail (see
   * verifyProjections), side by side on two connections: a large trail's chains go to worker threads while this thread
   * replays. A broken chain is reported before any projection; the catalogues (chains and projection) come last.
   * Capped (it reads every event of the jurisdiction): one per jurisdiction across processes (an advisory lock held
   * on a session of its own) and AUDIT_VERIFY_MAX_CONCURRENT in this process; over a cap: 429 AUDIT_VERIFY_BUSY.
   */
  async verifyJurisdiction(jurisdiction: string): Promise<VerifyReport> {
    return this.verifies.run(jurisdiction, () =>
      this.sql.session(async (lock) => {
        if (!(await tryVerifyLock(lock, jurisdiction))) throw verifyBusy('jurisdiction');
        try {
          return await this.verifyChainsAndProjections(jurisdiction);
        } finally {
          await releaseVerifyLock(lock, jurisdiction).catch(() => undefined);
        }
      }),
    );
  }

  private async verifyChainsAndProjections(jurisdiction: string): Promise<VerifyReport> {
    // Projections are replayed like GET replay: each event with the calendar version it recorded.
    const calendars = this.engines.replayEngine(jurisdiction);
    const [chains, projections] = await Promise.all([
      this.sql.session((session) => verifyJurisdictionTrail(session, this.sql.connectionUrl, jurisdiction)),
      this.sql.session((session) => verifyProjections(session, calendars.engine, jurisdiction, calendars.use)).finally(() => calendars.release()),
    ]);
    if (!chains.ok) return chains;
    const checked = { ...chains, checkedProjections: projections.checkedProjections };
    if (!projections.ok) return { ...checked, ok: false, firstBroken: projections.firstBroken };
    // The catalogue trail (a few events a year): its chains and its projection, after the decisions.
    const catalogues = await this.sql.session((session) => verifyCatalogueProjections(session, jurisdiction));
    return { ...checked, ok: catalogues.ok, checkedCatalogues: catalogues.checkedCatalogues, ...(catalogues.firstBroken ? { firstBroken: catalogues.firstBroken } : {}) };
  }

  /**
   * The API view of a decision as a replayed snapshot left it, at the time of that event (deadlines then, with the
   * calendar it recorded; what the caller could send then), on the view and deadlines of the machine version it runs on.
   */
  private viewAt(engine: ProcedureEngine, head: DecisionRow, snapshot: AnyMachineSnapshot, at: { seq: number; hash: string; occurredAt: string }, actor: Actor): DecisionResponse {
    const ctx = snapshot.context as DecisionContext;
    const live = new LiveSnapshot(snapshot);
    const view = engine.view(live);
    const pinned = { machine: { id: head.machine_id, version: head.machine_version }, state: null };
    const open = deadlinesThen(() => engine.deadlines({ snapshot: pinned, view, context: ctx }, at.occurredAt)).map((d) => ({ id: d.key, key: d.key, kind: d.kind, dueAt: new Date(d.dueAt).toISOString(), ...(d.provisional ? { provisional: true as const } : {}) }));
    const row: DecisionRow = {
      ...head,
      title: ctx.facts.title,
      category: ctx.facts.category,
      confidential: ctx.facts.confidential,
      involved_units: involvedUnitsOf(ctx),
      status: view.status,
      state_value: snapshot.value,
      version: at.seq,
      snapshot: { context: ctx, value: snapshot.value },
      view,
      last_hash: at.hash,
      open_deadlines: open,
      updated_at: new Date(at.occurredAt),
    };
    return presentDecision(row, engine, this.units.directory(head.jurisdiction), actor, new Date(at.occurredAt), live);
  }
}

async function* presentedTrail(batches: AsyncIterable<TrailEntry[]>) {
  for await (const batch of batches) yield batch.map(presentEvent);
}

/** `source` with its first item already awaited (its failure thrown here), then the rest as they come. */
export async function prefetched<T>(source: AsyncGenerator<T>): Promise<AsyncGenerator<T>> {
  const first = await source.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* source;
  })();
}

/** The deadlines owed at a replayed point; none shown when the calendar cannot date them (the replay itself stands). */
function deadlinesThen<T>(compute: () => T[]): T[] {
  try {
    return compute();
  } catch {
    return [];
  }
}
