import { DomainError, UUID_PATTERN } from '@app/common';
import { DecisionRepository, SqlTransactions, type DecisionRow, type SqlSession, type TransitionWritten } from '@app/persistence';
import { authorizeEvent, type Actor, type Payloads } from '@app/procedure';
import { UnitRegistry } from '@app/units';
import { Injectable } from '@nestjs/common';
import { DecisionAccess } from './decision-access';
import { DecisionPresenter, type DecisionResponse } from './decision.presenter';
import { TimerOutbox } from './timer-outbox';
import { DecisionRegistrar, type Recorded } from './decision-registrar';
import { IdempotencyGate } from './idempotency-gate';
import { LastKnownProjections, type KnownProjection } from './last-known-projections';
import { recordedRow } from './recorded-row';
import { TransitionDecider, type Decided, type EventInput } from './transition-decider';

export interface ApplyOptions {
  /** the version the caller last saw (If-Match); stale → 409 VERSION_CONFLICT */
  ifMatch?: number;
  /** a repeat returns the first answer and records nothing */
  idempotencyKey?: string;
}

export interface ApplyResult {
  decision: DecisionResponse;
  event: Recorded['event'];
}

/**
 * Events decided only on the locked row: the opinion report lists every public comment of the
 * round, and comments arrive without changing the decision's version (they take a share lock
 * on its row instead, which the report's lock waits for).
 */
const LOCKED_EVENTS: ReadonlySet<string> = new Set(['SUBMIT_PUBLIC_OPINION_REPORT']);

/**
 * The single path of every state change, for HTTP and timers alike. An event is authorised,
 * decided by the machine version the decision is pinned to (refused with rule codes, nothing
 * recorded), then appended to the hash chain and projected in one statement that commits only
 * if the decision is still at the version decided on; its new deadline rows, written in the same
 * statement, are the timers' outbox, and after commit the timers are told without waiting for
 * any queue. A plain event costs one round trip: it is decided on the projection this process
 * last committed (or read without a lock). Whatever might depend on newer state is decided again
 * on the locked row (`IdempotencyGate`): a write that lost to another writer, a refusal decided
 * on a remembered row, a request with an Idempotency-Key, and LOCKED_EVENTS.
 */
@Injectable()
export class DecisionService {
  constructor(
    private readonly sql: SqlTransactions,
    private readonly decisions: DecisionRepository,
    private readonly projections: LastKnownProjections,
    private readonly access: DecisionAccess,
    private readonly decider: TransitionDecider,
    private readonly registrar: DecisionRegistrar,
    private readonly gate: IdempotencyGate,
    private readonly presenter: DecisionPresenter,
    private readonly timers: TimerOutbox,
    private readonly units: UnitRegistry,
  ) {}

  /** Register a decision (event 1, state `proposed`): projection row and event in one statement. */
  async create(payload: Payloads['CREATE_DECISION'], actor: Actor, opts: ApplyOptions = {}): Promise<ApplyResult> {
    const forbidden = authorizeEvent('CREATE_DECISION', actor, null);
    if (forbidden) throw DomainError.ruleViolation([forbidden]);
    await this.units.admit(actor);
    const register = (session: SqlSession) => this.registrar.register(session, payload, actor);
    if (!opts.idempotencyKey) return this.committed(await this.sql.session(register), actor);
    const gated = { key: opts.idempotencyKey, request: { type: 'CREATE_DECISION', payload }, actor, statusCode: 201 };
    const { answer, recorded } = await this.gate.once(gated, register, (r) => this.answer(r, actor));
    if (recorded) this.afterCommit(recorded);
    return answer;
  }

  /** Apply one event to a decision: the only way its state changes. */
  async apply(decisionId: string, input: EventInput, actor: Actor, opts: ApplyOptions = {}): Promise<ApplyResult> {
    if (!UUID_PATTERN.test(decisionId)) throw DomainError.notFound('decision');
    if (!opts.idempotencyKey && !LOCKED_EVENTS.has(input.type)) {
      const recorded = await this.sql.session((session) => this.onLastKnown(session, decisionId, input, actor, opts));
      if (recorded) return this.committed(recorded, actor);
      this.projections.delete(decisionId);
    }
    const gated = { decisionId, key: opts.idempotencyKey, request: input, actor, statusCode: 200 };
    const { answer, recorded } = await this.gate.once(gated, async (tx, locked) => {
      const written = await this.transition(tx, this.lockedProjection(locked!), input, actor, opts);
      if (!written) throw new Error(`projection of decision ${decisionId} moved under a held lock`);
      return written;
    }, (r) => this.answer(r, actor));
    if (recorded) this.afterCommit(recorded);
    return answer;
  }

  /** The locked row, with the live snapshot this process remembers of it when that is of the same version (no restore needed). */
  private lockedProjection(row: DecisionRow): KnownProjection {
    const remembered = this.projections.get(row.id);
    return remembered && remembered.row.version === row.version ? { row, live: remembered.live } : { row };
  }

  /** One attempt on the projection this process remembers, or reads unlocked; undefined when it must be decided again on the locked row. */
  private async onLastKnown(session: SqlSession, id: string, input: EventInput, actor: Actor, opts: ApplyOptions): Promise<Recorded | undefined> {
    const remembered = this.projections.get(id);
    const row = remembered?.row ?? (await this.decisions.find(id, session));
    if (!row) throw DomainError.notFound('decision');
    try {
      return await this.transition(session, remembered ?? { row }, input, actor, opts);
    } catch (err) {
      // A refusal stands when decided on the committed row just read; a remembered one may be behind.
      if (remembered && err instanceof DomainError) return undefined;
      throw err;
    }
  }

  /** authorise → decide with the pinned machine → append and project (one statement); undefined when the decision moved on meanwhile. */
  private async transition(session: SqlSession, known: KnownProjection, input: EventInput, actor: Actor, opts: ApplyOptions): Promise<Recorded | undefined> {
    await this.access.authorise(known.row, input, actor, opts.ifMatch, session);
    const decided = await this.decider.decide(session, known, input, actor);
    const written = await this.decisions.recordTransition(session, decided.write);
    return written && this.recorded(known.row, decided, written);
  }

  private recorded(before: DecisionRow, decided: Decided, written: TransitionWritten): Recorded {
    const { event } = decided.write;
    const answer = { seq: event.seq, type: event.type, hash: event.hash, ...(event.warnings ? { warnings: event.warnings } : {}) };
    return { row: recordedRow(before, decided.write, written), live: decided.live, event: answer, created: written.created };
  }

  private answer(recorded: Recorded, actor: Actor): ApplyResult {
    return { decision: this.presenter.present(recorded.row, actor, recorded.live), event: recorded.event };
  }

  /** A write outside the gate: answer, then the after-commit effects. */
  private committed(recorded: Recorded, actor: Actor): ApplyResult {
    const answer = this.answer(recorded, actor);
    this.afterCommit(recorded);
    return answer;
  }

  /** After commit: remember the projection; tell the timers new deadline rows wait in their outbox (never waits on the queue). */
  private afterCommit(recorded: Recorded): void {
    this.projections.set(recorded.row, recorded.live);
    if (recorded.created.length) this.timers.notify();
  }
}
