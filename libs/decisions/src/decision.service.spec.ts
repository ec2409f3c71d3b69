import { GENESIS_HASH } from '@app/audit';
import { DomainError, FixedClock } from '@app/common';
import {
  ClientSession,
  DecisionRepository,
  IdempotencyRepository,
  runSqlTransaction,
  type DecisionRow,
  type NewEvent,
  type PgConnection,
  type QueryResult,
  type SqlSession,
  type SqlTransactions,
  type StoredAnswer,
  type TransitionWrite,
  type TransitionWritten,
} from '@app/persistence';
import type { Actor, LiveSnapshot } from '@app/procedure';
import type { UnitRegistry } from '@app/units';
import type { DataSource } from 'typeorm';
import type { DecisionAccess } from './decision-access';
import type { DecisionPresenter } from './decision.presenter';
import type { DecisionRegistrar } from './decision-registrar';
import { DecisionService } from './decision.service';
import { IdempotencyGate } from './idempotency-gate';
import { LastKnownProjections } from './last-known-projections';
import type { TimerOutbox } from './timer-outbox';
import { trailEvent } from './trail-event.factory';
import type { EventInput, TransitionDecider } from './transition-decider';

/*
 * DecisionService.apply with every port faked: no database, no Nest. The fake database below
 * speaks the pg connection protocol the real SqlTransactions uses (BEGIN with the lock statement,
 * statements, COMMIT/ROLLBACK), keeps a transaction's writes until COMMIT and drops them on
 * ROLLBACK; the real `runSqlTransaction` and the real IdempotencyGate run on it. Every step
 * writes to one log, so the tests read the order the service follows.
 */

const ID = '0b3e1f52-7c1a-4d7e-9a55-2f0c7d1e9b10';
const AT = new Date('2030-03-04T05:06:07.000Z');
const drafter: Actor = { sub: 'u-1', name: '起草人', roles: ['drafter' as Actor['roles'][number]], unit: 'agri-bureau', jurisdiction: 'county-a' };

function decisionRow(version: number, lastHash = GENESIS_HASH): DecisionRow {
  return {
    id: ID, jurisdiction: 'county-a', title: '决策', category: 'c', summary: null, confidential: false, catalogue_item_id: null,
    involved_units: ['agri-bureau'], status: 'drafting', state_value: 'drafting', version, machine_id: 'major-decision', machine_version: 2,
    profile_id: 'national', profile_version: 1, snapshot: { value: 'drafting' }, view: {}, last_hash: lastHash, open_deadlines: [],
    created_at: AT, updated_at: AT,
  };
}

/** Statements the fake repositories send (the fake connection interprets them). */
const RECORD = 'fake: record transition';
const FIND = 'fake: find decision';
const FIND_KEY = 'fake: find idempotency key';
const SAVE_KEY = 'fake: save idempotency key';

class FakeDatabase {
  readonly rows = new Map<string, DecisionRow>([[ID, decisionRow(3)]]);
  readonly events: NewEvent[] = [];
  readonly keys = new Map<string, StoredAnswer>();
  /** the next COMMIT fails as a lost connection would (after the statements, before the commit took effect) */
  failCommit = false;
  /** the next transition statement fails (e.g. the connection drops while it runs) */
  failRecord = false;

  constructor(private readonly log: string[]) {}

  connection(): PgConnection {
    let pending: (() => void)[] | undefined; // the open transaction's writes, applied at COMMIT
    const write = (effect: () => void) => (pending ? pending.push(effect) : (effect(), this.log.push('commit')));
    const result = (command: string, rows: unknown[] = []): QueryResult => ({ command, rowCount: rows.length, rows });
    const query = async (q: string | { name: string; text: string; values: unknown[] }, params?: unknown[]): Promise<QueryResult | QueryResult[]> => {
      const text = typeof q === 'string' ? q : q.text;
      const values = typeof q === 'string' ? params ?? [] : q.values;
      if (text.startsWith('BEGIN')) {
        pending = [];
        const locked = /^BEGIN; SELECT \* FROM decisions WHERE id = '([0-9a-f-]+)' FOR UPDATE$/.exec(text);
        if (!locked) return result('BEGIN');
        this.log.push('lock');
        const row = this.rows.get(locked[1]);
        return [result('BEGIN'), result('SELECT', row ? [row] : [])];
      }
      if (text === 'COMMIT') {
        const effects = pending ?? [];
        pending = undefined;
        if (this.failCommit) throw new Error('Connection terminated unexpectedly');
        effects.forEach((effect) => effect());
        this.log.push('commit');
        return result('COMMIT');
      }
      if (text === 'ROLLBACK') {
        pending = undefined;
        this.log.push('rollback');
        return result('ROLLBACK');
      }
      if (text === FIND) return result('SELECT', [this.rows.get(values[0] as string)].filter(Boolean));
      if (text === FIND_KEY) {
        const stored = this.keys.get(`${values[0]}|${values[1]}`);
        return result('SELECT', stored ? [stored] : []);
      }
      if (text === SAVE_KEY) {
        write(() => this.keys.set(`${values[0]}|${values[1]}`, values[2] as StoredAnswer));
        return result('INSERT');
      }
      if (text === RECORD) {
        if (this.failRecord) throw new Error('Connection terminated unexpectedly');
        const t = values[0] as TransitionWrite;
        const row = this.rows.get(t.event.decisionId)!;
        // the statement's `locked` CTE: nothing is written unless the row is still at the version decided on
        if (row.version !== t.expectedVersion) return result('UPDATE');
        this.log.push('append', 'project');
        write(() => {
          this.events.push(t.event);
          this.rows.set(row.id, { ...row, version: t.event.seq, last_hash: t.event.hash, status: t.projection.status, updated_at: t.projection.at });
        });
        return result('UPDATE', [{ open_deadlines: t.deadlines.opening.map(({ fireEvent: _, ...d }) => d) }]);
      }
      throw new Error(`the fake database does not know: ${text}`);
    };
    return { query, on: () => undefined, removeListener: () => undefined } as unknown as PgConnection;
  }
}

/** The repository's lock statement, with the reads and the one-statement write sent to the fake database. */
class FakeDecisionRepository extends DecisionRepository {
  constructor() {
    super({} as DataSource);
  }
  override async find(id: string, em: SqlSession): Promise<DecisionRow | undefined> {
    return (await em.query(FIND, [id]))[0];
  }
  override async recordTransition(session: SqlSession, t: TransitionWrite): Promise<TransitionWritten | undefined> {
    const { rows } = await session.prepared('record', RECORD, [t]);
    if (!rows.length) return undefined;
    const created = t.deadlines.opening.map((d) => ({ id: d.id, decisionId: t.event.decisionId, jurisdiction: t.event.jurisdiction, kind: d.kind, dueAt: new Date(d.dueAt), fireEvent: d.fireEvent }));
    return { openDeadlines: rows[0].open_deadlines, created };
  }
}

class FakeIdempotencyRepository extends IdempotencyRepository {
  constructor() {
    super({} as DataSource);
  }
  override async find(tx: SqlSession, scope: string, key: string): Promise<StoredAnswer | undefined> {
    return (await tx.prepared(FIND_KEY, FIND_KEY, [scope, key])).rows[0];
  }
  override async save(tx: SqlSession, scope: string, key: string, answer: StoredAnswer): Promise<void> {
    await tx.prepared(SAVE_KEY, SAVE_KEY, [scope, key, JSON.parse(JSON.stringify(answer))]);
  }
}

/** The machine, faked: REVISE_DRAFT is accepted (OPEN_PERIOD also opens a deadline), anything else refused with a rule code. */
function fakeDecider(log: string[], decidedOn: number[]): TransitionDecider {
  return {
    async decide(_em: unknown, known: { row: DecisionRow }, input: EventInput, actor: Actor) {
      log.push('decide');
      const { row } = known;
      decidedOn.push(row.version);
      if (input.type !== 'REVISE_DRAFT' && input.type !== 'OPEN_PERIOD') {
        throw DomainError.ruleViolation([{ code: 'EVENT_NOT_ALLOWED', message: `当前状态不接受 ${input.type}` }]);
      }
      const opening = input.type === 'OPEN_PERIOD' ? [{ id: 'd-1', key: 'period', kind: 'PERIOD_END', dueAt: '2030-04-01T00:00:00.000Z', fireEvent: 'PERIOD_ELAPSED' }] : [];
      const event = trailEvent({
        decisionId: row.id, jurisdiction: row.jurisdiction, seq: row.version + 1, type: input.type, payload: input.payload, actor,
        occurredAt: AT.toISOString(), stateBefore: row.state_value, stateAfter: 'drafting', machine: { id: row.machine_id, version: row.machine_version },
        profile: { id: row.profile_id, version: row.profile_version }, prevHash: row.last_hash, alg: 'sha256', calendar: 'cal-1',
      });
      const write: TransitionWrite = {
        event, expectedVersion: row.version, deadlines: { close: [], kept: [], opening }, citedMaterials: [], notices: [],
        projection: { status: 'drafting', snapshot: { value: 'drafting' }, view: {}, involvedUnits: row.involved_units, at: AT },
      };
      return { write, live: { seq: event.seq } as unknown as LiveSnapshot };
    },
  } as unknown as TransitionDecider;
}

function setup() {
  const log: string[] = [];
  const db = new FakeDatabase(log);
  const decidedOn: number[] = [];
  const sql = {
    session: async <T>(work: (s: SqlSession) => Promise<T>) => runAsSession(db.connection(), work),
    run: <T>(work: (tx: SqlSession, opened: any[]) => Promise<T>, opening?: string) => runSqlTransaction({ connection: db.connection(), release: () => undefined }, work, opening),
  } as unknown as SqlTransactions;
  const decisions = new FakeDecisionRepository();
  const projections = new (class extends LastKnownProjections {
    override set(row: DecisionRow, live?: LiveSnapshot) {
      log.push('remember');
      super.set(row, live);
    }
  })(10);
  const refuseActor = new Set<string>();
  const access = {
    async authorise(row: DecisionRow, _input: EventInput, actor: Actor, ifMatch?: number) {
      log.push('authorise');
      if (refuseActor.has(actor.sub)) throw DomainError.ruleViolation([{ code: 'ROLE_NOT_ALLOWED', message: '无权提交该事件' }]);
      if (ifMatch !== undefined && ifMatch !== row.version) throw new DomainError('VERSION_CONFLICT', '版本已变化');
    },
  } as unknown as DecisionAccess;
  const presenter = {
    present(row: DecisionRow) {
      log.push('present');
      return { id: row.id, version: row.version, lastHash: row.last_hash };
    },
  } as unknown as DecisionPresenter;
  const timers = { notify: () => log.push('notify timers') } as unknown as TimerOutbox;
  const gate = new IdempotencyGate(sql, decisions, new FakeIdempotencyRepository(), new FixedClock(AT));
  const service = new DecisionService(sql, decisions, projections, access, fakeDecider(log, decidedOn), {} as DecisionRegistrar, gate, presenter, timers, {} as UnitRegistry);
  return { service, db, log, decidedOn, projections, refuseActor };
}

/** `SqlTransactions.session` on a fake connection: a ClientSession, closed afterwards. */
async function runAsSession<T>(connection: PgConnection, work: (s: SqlSession) => Promise<T>): Promise<T> {
  const session = new ClientSession(connection);
  try {
    return await work(session);
  } finally {
    session.close();
  }
}

const revise = (text = '修改稿'): EventInput => ({ type: 'REVISE_DRAFT', payload: { draft: text } });

describe('DecisionService.apply (ports faked)', () => {
  it('authorises, decides, appends and projects in one statement, commits, then runs the after-commit effects', async () => {
    const { service, db, log } = setup();
    const result = await service.apply(ID, { type: 'OPEN_PERIOD', payload: {} }, drafter);

    expect(log).toEqual(['authorise', 'decide', 'append', 'project', 'commit', 'present', 'remember', 'notify timers']);
    expect(db.events.map((e) => [e.seq, e.type])).toEqual([[4, 'OPEN_PERIOD']]);
    expect(db.rows.get(ID)!.version).toBe(4);
    expect(result.event).toEqual({ seq: 4, type: 'OPEN_PERIOD', hash: db.events[0].hash });
    expect(result.decision).toEqual({ id: ID, version: 4, lastHash: db.events[0].hash });
  });

  it('tells the timers nothing when the event opened no deadline, and decides the next event on the remembered projection', async () => {
    const { service, db, log, decidedOn } = setup();
    await service.apply(ID, revise('一稿'), drafter);
    expect(log).toEqual(['authorise', 'decide', 'append', 'project', 'commit', 'present', 'remember']);
    // the stored row is hidden: a second event that read it again would find nothing
    db.rows.set(ID, { ...db.rows.get(ID)!, status: 'read-again' });
    const second = await service.apply(ID, revise('二稿'), drafter);
    expect(decidedOn).toEqual([3, 4]);
    expect(second.event.seq).toBe(5);
    expect(db.events[1].prevHash).toBe(db.events[0].hash);
  });

  it('appends nothing for a refused event and runs no after-commit effect', async () => {
    const { service, db, log } = setup();
    const refused = service.apply(ID, { type: 'PUBLISH', payload: {} }, drafter);
    await expect(refused).rejects.toMatchObject({ code: 'EVENT_NOT_ALLOWED' });
    expect(db.events).toEqual([]);
    expect(db.rows.get(ID)!.version).toBe(3);
    expect(log).toEqual(['authorise', 'decide']);
  });

  it('appends nothing when the actor may not send the event: the machine is not even asked', async () => {
    const { service, db, log, refuseActor } = setup();
    refuseActor.add(drafter.sub);
    await expect(service.apply(ID, revise(), drafter)).rejects.toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
    expect(log).toEqual(['authorise']);
    expect(db.events).toEqual([]);
  });

  it('decides a refusal made on a remembered row again on the locked row, and still appends nothing', async () => {
    const { service, db, log, decidedOn } = setup();
    await service.apply(ID, revise(), drafter);
    log.length = 0;
    await expect(service.apply(ID, { type: 'PUBLISH', payload: {} }, drafter)).rejects.toMatchObject({ code: 'EVENT_NOT_ALLOWED' });
    expect(log).toEqual(['authorise', 'decide', 'lock', 'authorise', 'decide', 'rollback']);
    expect(decidedOn).toEqual([3, 4, 4]);
    expect(db.events).toHaveLength(1);
  });

  it('runs no after-commit effect when COMMIT fails: the error reaches the caller, nothing is remembered or scheduled', async () => {
    const { service, db, log, projections } = setup();
    db.failCommit = true;
    const keyed = service.apply(ID, { type: 'OPEN_PERIOD', payload: {} }, drafter, { idempotencyKey: 'k-1' });
    await expect(keyed).rejects.toThrow('Connection terminated unexpectedly');
    expect(log).toEqual(['lock', 'authorise', 'decide', 'append', 'project', 'present', 'rollback']);
    expect(log).not.toContain('remember');
    expect(log).not.toContain('notify timers');
    expect(projections.get(ID)).toBeUndefined();
    expect(db.events).toEqual([]);
    expect(db.keys.size).toBe(0);
  });

  it('runs no after-commit effect when the one-statement write fails', async () => {
    const { service, db, log, projections } = setup();
    db.failRecord = true;
    await expect(service.apply(ID, { type: 'OPEN_PERIOD', payload: {} }, drafter)).rejects.toThrow('Connection terminated unexpectedly');
    expect(log).toEqual(['authorise', 'decide']);
    expect(projections.get(ID)).toBeUndefined();
    expect(db.events).toEqual([]);
  });

  it('answers a repeated Idempotency-Key with the first answer and records nothing more', async () => {
    const { service, db, log } = setup();
    const first = await service.apply(ID, { type: 'OPEN_PERIOD', payload: {} }, drafter, { idempotencyKey: 'k-1' });
    expect(log).toEqual(['lock', 'authorise', 'decide', 'append', 'project', 'present', 'commit', 'remember', 'notify timers']);
    log.length = 0;

    const repeat = await service.apply(ID, { type: 'OPEN_PERIOD', payload: {} }, drafter, { idempotencyKey: 'k-1' });
    expect(repeat).toEqual(JSON.parse(JSON.stringify(first)));
    expect(log).toEqual(['lock', 'commit']);
    expect(db.events).toHaveLength(1);
    expect(db.rows.get(ID)!.version).toBe(4);
  });

  it('refuses the same Idempotency-Key with another request, and records nothing', async () => {
    const { service, db } = setup();
    await service.apply(ID, revise('一稿'), drafter, { idempotencyKey: 'k-1' });
    await expect(service.apply(ID, revise('另一稿'), drafter, { idempotencyKey: 'k-1' })).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(db.events).toHaveLength(1);
    // keys are per caller: another user's same key is a new request
    const other = await service.apply(ID, revise('另一稿'), { ...drafter, sub: 'u-2' }, { idempotencyKey: 'k-1' });
    expect(other.event.seq).toBe(5);
  });

  it('decides again on the locked row when another writer moved the decision on after it was remembered', async () => {
    const { service, db, log, decidedOn } = setup();
    await service.apply(ID, revise('一稿'), drafter);
    // another process appends event 5 meanwhile
    db.rows.set(ID, { ...db.rows.get(ID)!, version: 5, last_hash: 'f'.repeat(64) });
    log.length = 0;

    const result = await service.apply(ID, revise('二稿'), drafter);
    expect(decidedOn).toEqual([3, 4, 5]);
    expect(log).toEqual(['authorise', 'decide', 'lock', 'authorise', 'decide', 'append', 'project', 'present', 'commit', 'remember']);
    expect(result.event.seq).toBe(6);
    expect(db.events.map((e) => e.seq)).toEqual([4, 6]);
    expect(db.events[1].prevHash).toBe('f'.repeat(64));
  });

  it('answers 404 for an id that is no UUID without touching the database', async () => {
    const { service, log } = setup();
    await expect(service.apply('nope', revise(), drafter)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(log).toEqual([]);
  });

  it('answers If-Match against the row it decides on: a stale version is refused and nothing is appended', async () => {
    const { service, db } = setup();
    await expect(service.apply(ID, revise(), drafter, { ifMatch: 2 })).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(db.events).toEqual([]);
  });
});
