import { canonicalJson, GENESIS_HASH, hashEvent, sha256Hex, type ChainedEvent } from '@app/audit';
import { DomainError, UUID_PATTERN } from '@app/common';
import {
  authorizeEvent,
  DEFAULT_PROFILE_ID,
  deadlinesOf,
  latestProfile,
  type Actor,
  type AnyProcedureEvent,
  type DecisionContext,
  type LiveSnapshot,
  type Payloads,
  type ProcedureSnapshot,
} from '@app/procedure';
import { SqlTransactions, type SqlExecutor, type SqlSession, type SqlTransaction } from '@app/persistence';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from './clock';
import { DeadlineScheduler, type ScheduledDeadline } from './deadline-scheduler';
import { DecisionRepository, planDeadlines, type DecisionRow, type NewEvent, type TransitionWrite, type TransitionWritten } from './decision.repository';
import { presentDecision, type DecisionResponse } from './decision.presenter';
import { checkCatalogueItem, citedMaterials, enrichPayload } from './event-enrichment';
import { LastKnownProjections } from './last-known-projections';
import { IdempotencyRepository } from './idempotency.repository';
import { ProcedureEngines } from './procedure-engines';
import { canSee } from './visibility';

export interface ApplyOptions {
  /** the version the caller last saw (If-Match); stale → 409 VERSION_CONFLICT */
  ifMatch?: number;
  /** a repeat returns the first answer and records nothing */
  idempotencyKey?: string;
}

export interface ApplyResult {
  decision: DecisionResponse;
  event: { seq: number; type: string; hash: string };
}

type Recorded = { row: DecisionRow; live: LiveSnapshot; event: ApplyResult['event']; created: ScheduledDeadline[] };
type Decided = { write: TransitionWrite; live: LiveSnapshot };

/**
 * Events decided only on the locked row: the opinion report lists every public comment of the
 * round, and comments arrive without changing the decision's version (they take a share lock
 * on its row instead, which the report's lock waits for).
 */
const LOCKED_EVENTS: ReadonlySet<string> = new Set(['SUBMIT_PUBLIC_OPINION_REPORT']);

/**
 * The single path of every state change, for HTTP and timers alike: decide the
 * event with the decision's pinned machine on its committed projection (refusing
 * with rule codes), then in one transaction that holds the decision's row lock
 * append it to the hash chain, update the projection and the deadlines, and
 * commit only if the decision is still at the version decided on; then hand new
 * deadlines to the scheduler. See `apply` for when the row is locked first.
 */
@Injectable()
export class DecisionService {
  private readonly logger = new Logger(DecisionService.name);

  constructor(
    private readonly sql: SqlTransactions,
    private readonly decisions: DecisionRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly engines: ProcedureEngines,
    private readonly clock: Clock,
    private readonly scheduler: DeadlineScheduler,
    private readonly lastKnown: LastKnownProjections,
  ) {}

  /**
   * Register a decision (event 1, state `proposed`): projection row and event in one statement.
   * With an Idempotency-Key, in a transaction that holds the key's lock instead.
   */
  async create(payload: Payloads['CREATE_DECISION'], actor: Actor, opts: ApplyOptions = {}): Promise<ApplyResult> {
    const forbidden = authorizeEvent('CREATE_DECISION', actor, null);
    if (forbidden) throw DomainError.ruleViolation([forbidden]);
    const register = async (session: SqlSession): Promise<Recorded> => {
      const { row, event, live } = await this.registration(session, payload, actor);
      await this.decisions.recordRegistration(session, { ...row, at: row.created_at }, event);
      return { row, live, event: { seq: 1, type: event.type, hash: event.hash }, created: [] };
    };
    if (opts.idempotencyKey) return this.once(`create:${actor.jurisdiction}`, opts.idempotencyKey, { type: 'CREATE_DECISION', payload }, register, actor, 201);
    const recorded = await this.sql.session(register);
    return this.answered(recorded, actor);
  }

  /** A new decision's projection row and event 1, decided (catalogue item and the jurisdiction's profile read); writes nothing. */
  private async registration(em: SqlExecutor, payload: Payloads['CREATE_DECISION'], actor: Actor): Promise<{ row: DecisionRow; event: NewEvent; live: LiveSnapshot }> {
    if (payload.catalogueItemId) await checkCatalogueItem(em, actor.jurisdiction, payload.catalogueItemId);
    const at = this.clock.now();
    const { engine } = this.engines.for(actor.jurisdiction);
    const profile = await this.profileFor(em, actor.jurisdiction);
    const id = randomUUID();
    const occurredAt = at.toISOString();
    const cleanPayload = JSON.parse(JSON.stringify(payload));
    const started = engine.start({ decisionId: id, profile, payload: cleanPayload, occurredAt, actor });
    const chained = this.chain(id, 1, 'CREATE_DECISION', cleanPayload, actor, occurredAt, null, started.view.stateValue, started.snapshot, profile, GENESIS_HASH);
    const row: DecisionRow = {
      id,
      jurisdiction: actor.jurisdiction,
      title: payload.title,
      category: payload.category,
      summary: payload.summary ?? null,
      confidential: payload.confidential ?? false,
      catalogue_item_id: payload.catalogueItemId ?? null,
      involved_units: involvedUnits(started.context),
      status: started.view.status,
      state_value: started.view.stateValue,
      version: 1,
      machine_id: started.snapshot.machine.id,
      machine_version: started.snapshot.machine.version,
      profile_id: profile.id,
      profile_version: profile.version,
      snapshot: started.snapshot.state,
      view: started.view,
      last_hash: chained.hash,
      open_deadlines: [],
      created_at: at,
      updated_at: at,
    };
    return { row, event: { ...chained, jurisdiction: actor.jurisdiction }, live: started.live };
  }

  /**
   * Apply one event to a decision: the only way its state changes.
   *
   * Fast path: decide on the last committed projection this process knows (or reads, without
   * a lock), then write everything in one statement that succeeds only while the decision is
   * still at that version (`recordTransition`): one round trip, no transaction left open
   * between statements. Whatever might depend on newer state is decided again on the locked
   * row: a write that lost to another writer, a refusal decided on a remembered row, a request
   * with an Idempotency-Key (its key is checked under the lock), and events whose enrichment
   * reads rows that change without the decision's version changing (LOCKED_EVENTS).
   */
  async apply(decisionId: string, input: { type: string; payload: Record<string, unknown> }, actor: Actor, opts: ApplyOptions = {}): Promise<ApplyResult> {
    if (!opts.idempotencyKey && !LOCKED_EVENTS.has(input.type)) {
      const fast = await this.applyOnLastKnown(decisionId, input, actor, opts);
      if (fast) return fast;
    }
    return this.once(decisionId, opts.idempotencyKey, input, async (tx, locked) => {
      const row = locked!;
      const decided = await this.decide(tx, row, input, actor, opts);
      const written = await this.decisions.recordTransition(tx, decided.write);
      if (!written) throw new Error(`projection of decision ${row.id} moved under a held lock`);
      return this.recorded(row, decided, written);
    }, actor, 200);
  }

  /** `apply` without a lock; undefined when the event must be decided again on the locked row (nothing was written). */
  private async applyOnLastKnown(decisionId: string, input: { type: string; payload: Record<string, unknown> }, actor: Actor, opts: ApplyOptions): Promise<ApplyResult | undefined> {
    if (!UUID_PATTERN.test(decisionId)) throw DomainError.notFound('decision');
    const recorded = await this.sql.session(async (session): Promise<Recorded | undefined> => {
      const remembered = this.lastKnown.get(decisionId);
      const row = remembered?.row ?? (await this.decisions.find(session, decisionId));
      if (!row || !canSee(row, actor)) {
        // a remembered row may be behind (visibility follows the involved units): ask the locked row
        if (remembered) return undefined;
        throw DomainError.notFound('decision');
      }
      let decided: Decided;
      try {
        decided = await this.decide(session, row, input, actor, opts, remembered?.live);
      } catch (err) {
        // A refusal stands when decided on the committed row just read; a remembered one may be behind.
        if (remembered && err instanceof DomainError) return undefined;
        throw err;
      }
      const written = await this.decisions.recordTransition(session, decided.write);
      return written && this.recorded(row, decided, written);
    });
    if (!recorded) {
      this.lastKnown.delete(decisionId);
      return undefined;
    }
    return this.answered(recorded, actor);
  }

  /** After a write outside `once`: the answer, the remembered projection, the new deadlines scheduled. */
  private async answered(recorded: Recorded, actor: Actor): Promise<ApplyResult> {
    const { engine } = this.engines.for(recorded.row.jurisdiction);
    const answer: ApplyResult = { decision: presentDecision(recorded.row, engine, actor, this.clock.now(), recorded.live), event: recorded.event };
    this.lastKnown.set(recorded.row, recorded.live);
    await this.schedule(recorded.created);
    return answer;
  }

  /**
   * Decide an event on a committed projection row: authorisation, enrichment, the pinned
   * machine, the chained event, the deadlines owed afterwards. Throws the refusal; writes nothing.
   */
  private async decide(
    em: SqlExecutor,
    row: DecisionRow,
    input: { type: string; payload: Record<string, unknown> },
    actor: Actor,
    opts: ApplyOptions,
    live?: LiveSnapshot,
  ): Promise<Decided> {
    if (opts.ifMatch !== undefined && opts.ifMatch !== row.version) {
      throw new DomainError('VERSION_CONFLICT', `版本已变化：当前版本为 ${row.version}，请求基于版本 ${opts.ifMatch}`, undefined, { currentVersion: row.version });
    }
    const at = this.clock.now();
    const { engine, calendar } = this.engines.for(row.jurisdiction);
    const snapshot: ProcedureSnapshot = { machine: { id: row.machine_id, version: row.machine_version }, state: row.snapshot };
    const context = engine.context(snapshot);
    // Checked before the payload is enriched, so a caller without the role learns nothing about materials (the engine checks again).
    const forbidden = authorizeEvent(input.type as AnyProcedureEvent['type'], actor, context);
    if (forbidden) throw DomainError.ruleViolation([forbidden]);
    const payload = await enrichPayload(em, row.jurisdiction, input.type, input.payload, { id: row.id, round: context.round });
    const occurredAt = at.toISOString();
    const event = { type: input.type, payload, occurredAt, actor } as AnyProcedureEvent;
    const outcome = guardCalendar(() => engine.apply(snapshot, event, live));
    if (!outcome.accepted) throw DomainError.ruleViolation(outcome.reasons);

    const seq = row.version + 1;
    const chained = this.chain(row.id, seq, input.type, payload, actor, occurredAt, row.state_value, outcome.view.stateValue, outcome.snapshot, outcome.context.profile, row.last_hash);
    const desired = guardCalendar(() => deadlinesOf(outcome.view.status, outcome.context, calendar, occurredAt));
    const write: TransitionWrite = {
      event: { ...chained, jurisdiction: row.jurisdiction },
      expectedVersion: row.version,
      projection: {
        status: outcome.view.status,
        snapshot: outcome.snapshot.state,
        view: outcome.view,
        involvedUnits: involvedUnits(outcome.context),
        at,
      },
      deadlines: planDeadlines(row.open_deadlines, desired),
      citedMaterials: citedMaterials(payload),
    };
    return { write, live: outcome.live };
  }

  /** The projection row, answer parts and deadlines to schedule after a written transition. */
  private recorded(row: DecisionRow, decided: Decided, written: TransitionWritten): Recorded {
    const { event, projection: p } = decided.write;
    const updated: DecisionRow = {
      ...row,
      status: p.status,
      state_value: event.stateAfter,
      version: event.seq,
      snapshot: p.snapshot,
      view: p.view,
      last_hash: event.hash,
      involved_units: p.involvedUnits,
      open_deadlines: written.openDeadlines,
      updated_at: p.at,
    };
    return { row: updated, live: decided.live, event: { seq: event.seq, type: event.type, hash: event.hash }, created: written.created };
  }

  /**
   * Run `work` in one transaction, at most once per idempotency key: a repeat
   * with the same request returns the stored first answer; the same key with a
   * different request is refused. The key is checked under the decision lock,
   * so concurrent repeats cannot both record. `scope` is the decision's id, or
   * `create:<jurisdiction>` for a new decision; a decision is locked (and
   * checked visible) before `work` runs, which receives its row.
   */
  private async once(
    scope: string,
    key: string | undefined,
    request: { type: string; payload: unknown },
    work: (tx: SqlTransaction, row: DecisionRow | undefined) => Promise<Recorded>,
    actor: Actor,
    statusCode: number,
  ): Promise<ApplyResult> {
    // Keys are per caller: nobody can read another user's answer by reusing their key.
    const callerKey = key && `${actor.jurisdiction}:${actor.sub}:${key}`;
    // Only a keyed request is compared with a stored one (hashing a large draft costs).
    const requestHash = callerKey ? sha256Hex(canonicalJson(request)) : '';
    const creating = scope.startsWith('create:');
    const lock = creating ? undefined : this.decisions.lockStatement(scope);
    if (!creating && !lock) throw DomainError.notFound('decision');
    const { result, recorded } = await this.sql.run(async (tx, locked: DecisionRow[]) => {
      const row = locked[0];
      if (!creating && (!row || !canSee(row, actor))) throw DomainError.notFound('decision');
      if (callerKey) {
        if (creating) await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${scope}:${callerKey}`]);
        const stored = await this.idempotency.find(tx, scope, callerKey);
        if (stored) {
          if (stored.requestHash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一请求');
          return { result: stored.response as ApplyResult, recorded: undefined };
        }
      }
      const recorded = await work(tx, row);
      const { engine } = this.engines.for(recorded.row.jurisdiction);
      const decision = presentDecision(recorded.row, engine, actor, this.clock.now(), recorded.live);
      const answer: ApplyResult = { decision, event: recorded.event };
      if (callerKey) await this.idempotency.save(tx, scope, callerKey, { requestHash, statusCode, response: answer }, this.clock.now());
      return { result: answer, recorded };
    }, lock);
    if (recorded) {
      this.lastKnown.set(recorded.row, recorded.live);
      await this.schedule(recorded.created);
    }
    return result;
  }

  /** Hand new deadlines to the timer queue after commit; the worker's reconciler repairs a failure. */
  private async schedule(created: ScheduledDeadline[]): Promise<void> {
    if (created.length) {
      await this.scheduler.schedule(created).catch((err) => this.logger.warn(`scheduling deferred to the reconciler: ${err}`));
    }
  }

  private chain(
    decisionId: string,
    seq: number,
    type: string,
    payload: unknown,
    actor: Actor,
    occurredAt: string,
    stateBefore: unknown,
    stateAfter: unknown,
    snapshot: ProcedureSnapshot,
    profile: { id: string; version: number },
    prevHash: string,
  ): ChainedEvent & { hash: string } {
    const event: ChainedEvent = {
      decisionId,
      seq,
      type,
      payload,
      actor: { sub: actor.sub, name: actor.name, roles: [...actor.roles], unit: actor.unit, jurisdiction: actor.jurisdiction },
      occurredAt,
      stateBefore,
      stateAfter,
      machine: snapshot.machine,
      profile: { id: profile.id, version: profile.version },
      prevHash,
    };
    return { ...event, hash: hashEvent(event) };
  }

  private async profileFor(em: SqlExecutor, jurisdiction: string) {
    const rows: { profile_id: string }[] = await em.query(`SELECT profile_id FROM jurisdiction_settings WHERE jurisdiction = $1`, [jurisdiction]);
    const profile = latestProfile(rows[0]?.profile_id ?? DEFAULT_PROFILE_ID);
    if (!profile) throw new Error(`jurisdiction ${jurisdiction} names an unknown profile ${rows[0]?.profile_id}`);
    return profile;
  }
}

/** Units that may see a confidential decision: proposer, undertaking unit, executing units. */
function involvedUnits(ctx: DecisionContext): string[] {
  const units = [ctx.facts.proposer.unit, ctx.undertakingUnit, ...ctx.execution.assignments.map((a) => a.unit)];
  return [...new Set(units.filter((u): u is string => !!u))];
}

/** The calendar refuses to guess for years its data does not cover: a clear 422, not a 500. */
function guardCalendar<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if ((err as { code?: string }).code === 'CALENDAR_YEAR_NOT_COVERED') {
      throw new DomainError('CALENDAR_YEAR_NOT_COVERED', `${(err as Error).message}；请管理员为本辖区提供该年度的工作日历覆盖文件`);
    }
    throw err;
  }
}
