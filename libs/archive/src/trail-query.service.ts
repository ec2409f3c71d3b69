import { TrailReplayer, type FedChainBreak, type ReplayReport } from '@app/audit';
import { readTrail, releaseVerifyLock, SqlTransactions, tryVerifyLock, type DecisionRow, type TrailEntry } from '@app/persistence';
import { involvedUnitsOf, LiveSnapshot, type Actor, type DecisionContext, type ProcedureEngine } from '@app/procedure';
import { DecisionQueryService, ProcedureEngines, presentDecision, presentEvent, type DecisionResponse } from '@app/decisions';
import { UnitRegistry } from '@app/units';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { AnyMachineSnapshot } from 'xstate';
import { ChainCheckThread, inlineChainCheck } from './chain-check';
import type { ExportOutput } from './export-channel';
import { exportLimits, exportThread } from './export-thread';
import { jsonObjectChunks } from './json-stream';
import { verifyJurisdictionRanges } from './parallel-verification';
import { checkTrailLength, procedureReplayEngine, replayPages } from './procedure-replay';
import type { ReplaySetup } from './thread-replay-engine';
import { STREAM_PAGE } from './trail-pages';
import type { ProjectionReport } from './projection-verification';
import { verifyCatalogueProjections } from './catalogue-projection-verification';
import type { VerifyReport } from './trail-verification';
import { verifyBusy, verifyConcurrency, VerifyGate } from './verify-gate';

export interface ReplayAnswer extends ReplayReport {
  decisionId: string;
  toSeq: number;
  /** the decision as it was after event `toSeq` (null when nothing could be replayed) */
  decision: DecisionResponse | null;
}

/** Reads of the record: a decision's history, its replay from event 1, and whole-jurisdiction verification. Never writes. */
@Injectable()
export class TrailQueryService implements OnModuleDestroy {
  private readonly verifies = new VerifyGate(verifyConcurrency());
  private readonly chains = new ChainCheckThread();
  /**
   * From this many events a replay checks the hash chain in a worker thread beside the machine when the thread is
   * running, from 5 times as many when it must be started (35-85 ms, hidden behind the machine's work only then).
   */
  chainThreadFrom = 1_000;
  /**
   * From this many events a history is written by an export thread (see historyText): starting one costs ~65 ms of
   * CPU (its modules), what writing some 5,000 events here costs (~13 µs an event).
   */
  historyThreadFrom = 5_000;

  constructor(
    private readonly sql: SqlTransactions,
    private readonly decisions: DecisionQueryService,
    private readonly engines: ProcedureEngines,
    private readonly units: UnitRegistry,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.chains.close();
  }

  /**
   * A decision's history as API.md shapes it, oldest first, batch by batch as PostgreSQL pages it
   * (no connection held between pages, so a slow reader holds none). The visibility check and the
   * first page are done before this answers: their errors come before any byte is sent.
   */
  async historyBatches(id: string, actor: Actor): Promise<AsyncIterable<ReturnType<typeof presentEvent>[]>> {
    await this.decisions.visible(id, actor);
    return this.presentedPages(id);
  }

  /**
   * The text of historyBatches as `jsonObjectChunks([{ key: 'events', items }])` writes it. A long trail's is written
   * by an export thread (its garbage in a heap of its own, see exportLimits) and read at the pace of the consumer; a
   * short one's here (a thread costs more to start than its garbage). The visibility check and the first page are
   * done before this answers.
   */
  async historyText(id: string, actor: Actor): Promise<ExportOutput | AsyncIterable<string>> {
    const row = await this.decisions.visible(id, actor);
    if (row.version < this.historyThreadFrom) return jsonObjectChunks([{ key: 'events', items: await this.presentedPages(id) }]);
    return exportThread({ kind: 'history', connectionString: this.sql.connectionUrl, decisionId: id }, exportLimits(row.version));
  }

  /** A decision's events presented, page by page, the first page already read (no access check: the caller's). */
  private presentedPages(id: string): Promise<AsyncGenerator<ReturnType<typeof presentEvent>[]>> {
    return prefetched(presentedTrail(readTrail(this.sql.pooled(), { decisionId: id }, STREAM_PAGE)));
  }

  /** What an export or verification thread needs to replay a jurisdiction's trail as replayEngine does: its current calendar and its units. */
  async replaySetup(jurisdiction: string): Promise<ReplaySetup> {
    const units = await this.units.ready(jurisdiction);
    const current = this.engines.calendarOf(jurisdiction);
    return { calendar: { data: current.data(), version: current.version }, units: units.units };
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
    // The chain (every hash from canonical JSON, prev_hash, seq) is checked beside the machine, on another thread for a long trail.
    const length = Math.min(row.version, toSeq ?? row.version);
    const threaded = length >= this.chainThreadFrom && (this.chains.running || length >= 5 * this.chainThreadFrom);
    const chain = threaded ? this.chains.open() : inlineChainCheck();
    const replayer = new TrailReplayer(engine, toSeq, { chain: 'elsewhere' });
    let read: { events: number; last: TrailEntry | null };
    let breaks: Promise<FedChainBreak[]>;
    try {
      // STREAM_PAGE rows a page, as a streamed trail: a 2,000-row page outlives young-generation GCs (measured: ~5 % more CPU)
      read = await this.sql.session((session) => replayPages(readTrail(session, { decisionId: id, toSeq }, STREAM_PAGE), replayer, chain, use));
    } finally {
      // ends the check on its thread whatever happened (an abandoned check's breaks are never read)
      breaks = chain.breaks();
    }
    const report = replayer.report(await breaks);
    if (toSeq === undefined) checkTrailLength(report, read.events, row.version);
    const snapshot = engine.last();
    await this.units.ready(row.jurisdiction);
    const decision = snapshot && read.last ? this.viewAt(procedure, row, snapshot, read.last, actor) : null;
    return { decisionId: id, toSeq: toSeq ?? row.version, ...report, decision };
  }

  /**
   * Verify every chain of the jurisdiction and every projection against its trail (see verifyJurisdictionRanges:
   * one read of the trail, hashed and replayed as it comes, a large trail in worker threads by id range). A broken
   * chain is reported before any projection; the catalogues (chains and projection) come last.
   * Capped (it reads every event of the jurisdiction): one per jurisdiction across processes (an advisory lock held
   * on a session of its own) and AUDIT_VERIFY_MAX_CONCURRENT in this process; over a cap: 429 AUDIT_VERIFY_BUSY.
   */
  async verifyJurisdiction(jurisdiction: string): Promise<VerifyReport> {
    return (await this.verifyJurisdictionWith(jurisdiction, async () => undefined))[0];
  }

  /**
   * verifyJurisdiction, and `alongside` (e.g. the tree against the last checkpoint) run under the same caps and at
   * the same time: it uses the calling thread and the database while the worker threads hash and replay.
   */
  async verifyJurisdictionWith<T>(jurisdiction: string, alongside: () => Promise<T>): Promise<[VerifyReport, T]> {
    return this.verifies.run(jurisdiction, () =>
      this.sql.session(async (lock) => {
        if (!(await tryVerifyLock(lock, jurisdiction))) throw verifyBusy('jurisdiction');
        try {
          // Both settle before the lock is released (no work left running after an error).
          const [chains, other] = await Promise.allSettled([this.verifyChainsAndProjections(jurisdiction), alongside()]);
          if (chains.status === 'rejected') throw chains.reason;
          if (other.status === 'rejected') throw other.reason;
          return [chains.value, other.value] as [VerifyReport, T];
        } finally {
          await releaseVerifyLock(lock, jurisdiction).catch(() => undefined);
        }
      }),
    );
  }

  private async verifyChainsAndProjections(jurisdiction: string): Promise<VerifyReport> {
    // Projections are replayed like GET replay: each event with the calendar version it recorded; units compared
    // through the jurisdiction's registry (worker threads get a copy of both).
    const setup = await this.replaySetup(jurisdiction);
    const calendars = this.engines.replayEngine(jurisdiction);
    const replay = { engine: calendars.engine, use: calendars.use, setup };
    let chains: VerifyReport;
    let projections: ProjectionReport;
    try {
      ({ chains, projections } = await this.sql.session((session) => verifyJurisdictionRanges(session, this.sql.connectionUrl, jurisdiction, replay)));
    } finally {
      calendars.release();
    }
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
