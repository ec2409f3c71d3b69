import { sameJson } from '@app/audit';
// The files, not the @app/persistence barrel: verification worker threads load only pg and these.
// eslint-disable-next-line architecture/boundaries -- the verification threads load only the readers, not the persistence barrel (TypeORM and every entity)
import type { SqlSession } from '../../persistence/src/sql/sql-session';
// eslint-disable-next-line architecture/boundaries -- the verification threads load only the readers, not the persistence barrel (TypeORM and every entity)
import { readTrail, type TrailEntry } from '../../persistence/src/repositories/trail.reader';
// eslint-disable-next-line architecture/boundaries -- the verification threads load only the readers, not the persistence barrel (TypeORM and every entity)
import { projectionRows, type ProjectionRow } from '../../persistence/src/repositories/projection.reader';
import { involvedUnitsOf, LiveSnapshot, type DecisionContext, type ProcedureEngine } from '@app/procedure';
import type { AnyMachineSnapshot } from 'xstate';
import { procedureReplayEngine } from './procedure-replay';

/** The first decision whose projection (its row in `decisions`) is not what its trail gives. */
export interface ProjectionBreak {
  decisionId: string;
  /** the last event of the trail the projection should reflect (1 for a projection without a trail) */
  seq: number;
  /** a code, then the reason in Chinese */
  reason: string;
}

export interface ProjectionReport {
  ok: boolean;
  checkedProjections: number;
  firstBroken?: ProjectionBreak;
}

export const PROJECTION_REASONS = {
  WITHOUT_TRAIL: 'PROJECTION_WITHOUT_TRAIL: 决策投影在本辖区审计链中没有任何事件',
  MISSING: 'PROJECTION_MISSING: 审计链中有该决策的事件，但没有对应的决策投影（或投影不在本辖区）',
  REPLAY_REFUSED: 'PROJECTION_REPLAY_REFUSED: 按所记机器版本重放审计链时该事件被拒绝',
  MISMATCH: 'PROJECTION_MISMATCH: 决策投影与审计链重放结果不一致，字段',
} as const;

/** What the trail says a projection holds: the columns the writers derive from its events. */
function expectedOf(first: TrailEntry, last: TrailEntry, snapshot: AnyMachineSnapshot, engine: ProcedureEngine): Record<string, unknown> {
  const created = first.payload as { title?: string; category?: string; summary?: string; confidential?: boolean; catalogueItemId?: string };
  const context = snapshot.context as DecisionContext;
  const view = engine.view(new LiveSnapshot(snapshot));
  return {
    // Columns of event 1 (CREATE_DECISION), written once by the registrar.
    title: created.title,
    category: created.category,
    summary: created.summary ?? null,
    confidential: created.confidential ?? false,
    catalogue_item_id: created.catalogueItemId ?? null,
    machine_id: first.machine.id,
    machine_version: first.machine.version,
    profile_id: first.profile.id,
    profile_version: first.profile.version,
    // Columns every accepted event rewrites.
    version: last.seq,
    last_hash: last.hash,
    state_value: snapshot.value,
    status: view.status,
    involved_units: involvedUnitsOf(context),
    'snapshot.value': snapshot.value,
    'snapshot.context': context,
    view,
  };
}

function storedOf(row: ProjectionRow): Record<string, unknown> {
  const snapshot = (row.snapshot ?? {}) as { value?: unknown; context?: unknown };
  return { ...row, 'snapshot.value': snapshot.value, 'snapshot.context': snapshot.context };
}

// JSON round trip: what the writers stored (undefined members dropped, dates as text).
const asStored = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** The fields of `row` that differ from what its trail gives, in a fixed order. */
export function projectionMismatches(row: ProjectionRow, expected: Record<string, unknown>): string[] {
  const stored = storedOf(row);
  return Object.keys(expected).filter((field) => !sameJson(asStored(stored[field]), asStored(expected[field])));
}

/**
 * Replays one decision's trail (events already chain-verified) on its pinned machine and profile
 * and compares its projection with the result. A break, or undefined when the projection holds.
 */
class DecisionReplay {
  private readonly replay;
  private first: TrailEntry | null = null;
  private last: TrailEntry | null = null;
  private state: AnyMachineSnapshot | null = null;
  refused: ProjectionBreak | undefined;

  constructor(
    readonly decisionId: string,
    private readonly engine: ProcedureEngine,
  ) {
    this.replay = procedureReplayEngine(engine);
  }

  feed(event: TrailEntry): void {
    if (this.refused) return;
    this.last = event;
    const refuse = (why: string) => (this.refused = { decisionId: this.decisionId, seq: event.seq, reason: `${PROJECTION_REASONS.REPLAY_REFUSED}（${why}）` });
    try {
      if (!this.first) {
        this.first = event;
        this.state = this.replay.start(event);
        return;
      }
      const out = this.replay.apply(this.state!, event);
      if (!out.accepted) refuse(out.reason);
      else this.state = out.state;
    } catch (error) {
      // An unknown profile or machine version, a payload the machine cannot take: the trail is not replayable here.
      refuse((error as Error).message);
    }
  }

  check(row: ProjectionRow | undefined): ProjectionBreak | undefined {
    if (this.refused) return this.refused;
    const seq = this.last!.seq;
    if (!row) return { decisionId: this.decisionId, seq: this.first!.seq, reason: PROJECTION_REASONS.MISSING };
    const fields = projectionMismatches(row, expectedOf(this.first!, this.last!, this.state!, this.engine));
    return fields.length ? { decisionId: this.decisionId, seq, reason: `${PROJECTION_REASONS.MISMATCH} ${fields.join(', ')}` } : undefined;
  }
}

/** The projections in id order, looked at one ahead. */
class RowCursor {
  private head: ProjectionRow | undefined;
  private done = false;

  constructor(private readonly rows: AsyncGenerator<ProjectionRow>) {}

  async peek(): Promise<ProjectionRow | undefined> {
    if (!this.head && !this.done) {
      const next = await this.rows.next();
      if (next.done) this.done = true;
      else this.head = next.value;
    }
    return this.head;
  }

  /** The next row when it is the projection of `id` (taken), else undefined. */
  async take(id: string): Promise<ProjectionRow | undefined> {
    const head = await this.peek();
    if (head?.id !== id) return undefined;
    this.head = undefined;
    return head;
  }

  /** The next row when its id comes before `id` (or any, without `id`): a projection no event of the trail reached. */
  async before(id?: string): Promise<ProjectionRow | undefined> {
    const head = await this.peek();
    return head && (id === undefined || head.id < id) ? head : undefined;
  }
}

/**
 * Every decision projection of a jurisdiction against its trail, in decision id order: replaying
 * the trail gives the projection's state, status, version (= last seq), last hash, snapshot, view
 * and every column derived from events (title, category, summary, confidential, catalogue item,
 * involved units, machine and profile). Also a projection without events, and events (of this
 * jurisdiction) whose projection is missing. Stops at the first break. The chains themselves are
 * verifyChains' part: run it first. Memory holds one decision's replay and a page of projections.
 */
export async function verifyProjections(
  session: SqlSession,
  engine: ProcedureEngine,
  jurisdiction: string,
  /** switches the engine's calendar to the version an event recorded (replay computes with the calendar it was decided with) */
  useCalendar: (version: string | undefined) => Promise<void> = async () => undefined,
): Promise<ProjectionReport> {
  // One connection for both reads: node-pg queues the projection pages behind the trail's read-ahead.
  const check = new ProjectionCheck(projectionRows(session, jurisdiction), engine, useCalendar);
  for await (const batch of readTrail(session, { jurisdiction }, 1000)) {
    for (const event of batch) {
      const broken = check.feed(event);
      if (broken === true || (broken !== false && (await broken))) return check.report();
    }
  }
  return check.finish();
}

const UNSET = Symbol('no calendar yet');

/**
 * verifyProjections' check, fed the events of the projections' rows (an id range, or all) in
 * (decision id, seq) order: `feed` says whether a projection broke (feed no more); it is
 * asynchronous only at a decision's first event and when the calendar version changes.
 */
export class ProjectionCheck {
  private readonly rows: RowCursor;
  private checked = 0;
  private current: DecisionReplay | null = null;
  private calendar: string | undefined | typeof UNSET = UNSET;
  private broken: ProjectionBreak | undefined;

  constructor(
    rows: AsyncGenerator<ProjectionRow>,
    private readonly engine: ProcedureEngine,
    private readonly useCalendar: (version: string | undefined) => Promise<void>,
  ) {
    this.rows = new RowCursor(rows);
  }

  feed(event: TrailEntry): boolean | Promise<boolean> {
    if (this.current?.decisionId !== event.decisionId || this.calendar !== event.calendar) return this.feedAsync(event);
    this.current.feed(event);
    return false;
  }

  async finish(): Promise<ProjectionReport> {
    this.broken ??= await this.close(this.current);
    if (!this.broken) {
      const orphan = await this.rows.before();
      if (orphan) this.broken = withoutTrail(orphan);
    }
    return this.report();
  }

  report(): ProjectionReport {
    return this.broken ? { ok: false, checkedProjections: this.checked, firstBroken: this.broken } : { ok: true, checkedProjections: this.checked };
  }

  private async feedAsync(event: TrailEntry): Promise<boolean> {
    if (this.current?.decisionId !== event.decisionId) {
      if ((this.broken = await this.close(this.current))) return true;
      // Every decision before this one with events is closed: a projection still before it has none.
      const orphan = await this.rows.before(event.decisionId);
      if (orphan) {
        this.broken = withoutTrail(orphan);
        return true;
      }
      this.current = new DecisionReplay(event.decisionId, this.engine);
    }
    if (this.calendar !== event.calendar) {
      await this.useCalendar(event.calendar);
      this.calendar = event.calendar;
    }
    this.current!.feed(event);
    return false;
  }

  private async close(replay: DecisionReplay | null): Promise<ProjectionBreak | undefined> {
    if (!replay) return undefined;
    this.checked++;
    return replay.check(await this.rows.take(replay.decisionId));
  }
}

const withoutTrail = (row: ProjectionRow): ProjectionBreak => ({ decisionId: row.id, seq: 1, reason: PROJECTION_REASONS.WITHOUT_TRAIL });
