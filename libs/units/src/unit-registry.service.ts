import { GENESIS_HASH } from '@app/audit';
import { Clock, DomainError } from '@app/common';
import { UnitRepository, type SqlExecutor, type UnitRow, type UnitState } from '@app/persistence';
import { reason, RULES, type Actor } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { UnitDirectory } from './unit-directory';
import { UNIT_KINDS, UNIT_NAME_TAKEN, type Unit, type UnitKind, type UnitSource } from './unit.model';
import { chainedUnitEventOf, chainUnitEvent, verifyUnitTrail } from './unit-trail';

/** How long a process trusts its copy of a jurisdiction's units before reading them again. */
const CACHE_TTL_MS = 30_000;
/** Token units remembered as admitted, at most (then forgotten all at once: admitting again is idempotent). */
const MAX_ADMITTED = 100_000;

/** A read of a jurisdiction's units under way, and whether it runs on a connection its caller held. */
interface Loading {
  directory: Promise<UnitDirectory>;
  onHeldConnection: boolean;
}

/** What an admin sets on a unit. */
export interface UnitInput {
  name: string;
  kind: UnitKind;
  /** names earlier records used; a previous name is kept here automatically */
  legacyNames?: string[];
}

/** A unit as the API shows it. */
export interface UnitView extends Unit {
  version: number;
  lastHash: string;
  createdAt: string;
  updatedAt: string;
}

/** A unit's trail as the API shows it, with its verification. */
export interface UnitHistory {
  unit: UnitView;
  events: { seq: number; type: string; payload: unknown; actor: unknown; occurredAt: string; prevHash: string; hash: string }[];
  verified: boolean;
  firstBroken?: { seq: number; reason: string };
}

function unitOf(row: UnitRow): Unit {
  return { id: row.id, name: row.name, kind: row.kind as UnitKind, legacyNames: [...row.legacy_names] };
}

function viewOf(row: UnitRow): UnitView {
  return { ...unitOf(row), version: row.version, lastHash: row.last_hash, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
}

/**
 * The registered units of each jurisdiction (API.md "Units and identity"). A unit named in a valid
 * token is registered the first time this process sees it (name = id until an admin names it):
 * one write per unit and process, never one per request. Each process keeps a copy of every
 * jurisdiction's units, read again after CACHE_TTL_MS, and before any refusal that depends on it
 * (an unknown unit, units compared), so a unit another process registered or renamed is never
 * refused; names shown may lag a rename by CACHE_TTL_MS.
 */
@Injectable()
export class UnitRegistry {
  private readonly copies = new Map<string, { directory: UnitDirectory; loadedAt: number }>();
  private readonly loading = new Map<string, Loading>();
  private readonly admitted = new Set<string>();

  constructor(
    private readonly units: UnitRepository,
    private readonly clock: Clock,
  ) {}

  /** This process's copy of the jurisdiction's units, as it is (empty before the first `ready`). */
  directory(jurisdiction: string): UnitDirectory {
    return this.copies.get(jurisdiction)?.directory ?? EMPTY;
  }

  /**
   * The jurisdiction's units, read again when the copy is older than `maxAgeMs`. `db`: the
   * connection the caller holds (its session or transaction), which the read then runs on. A
   * caller holding a pooled connection must never wait for a read that waits for another one:
   * with more requests in flight than the pool has connections, every holder would wait for the
   * read and the read for a holder, until the pool's connect timeout (seen at 64 connections on
   * a pool of 20, each time the copy aged: no answer for 10 s, then 500s).
   */
  async ready(jurisdiction: string, maxAgeMs = CACHE_TTL_MS, db?: SqlExecutor): Promise<UnitDirectory> {
    const copy = this.copies.get(jurisdiction);
    if (copy && performance.now() - copy.loadedAt <= maxAgeMs) return copy.directory;
    const pending = this.loading.get(jurisdiction);
    // a read on a held connection is shared by everyone; a read waiting for the pool only by callers holding none
    if (pending && (pending.onHeldConnection || !db)) return pending.directory;
    const started = performance.now();
    const load: Loading = {
      onHeldConnection: db !== undefined,
      directory: this.units
        .all(jurisdiction, db)
        .then((rows) => {
          const directory = new UnitDirectory(rows.map(unitOf));
          // two reads may overlap (one on a held connection, one pooled): the later-started one's copy stays
          if ((this.copies.get(jurisdiction)?.loadedAt ?? -Infinity) <= started) this.copies.set(jurisdiction, { directory, loadedAt: started });
          return directory;
        })
        .finally(() => {
          if (this.loading.get(jurisdiction) === load) this.loading.delete(jurisdiction);
        }),
    };
    this.loading.set(jurisdiction, load);
    return load.directory;
  }

  /** The units as stored now, read again: before a refusal that a newer copy might not make (refusals are rare, a read is cheap). `db` as for `ready`. */
  fresh(jurisdiction: string, db?: SqlExecutor): Promise<UnitDirectory> {
    return this.ready(jurisdiction, 0, db);
  }

  /** How access control compares units in a jurisdiction (ProcedureEngine's `sameUnit`): through this process's copy. */
  sameUnitIn(jurisdiction: string): (tokenUnit: string, recordedUnit: string) => boolean {
    return (tokenUnit, recordedUnit) => this.directory(jurisdiction).sameUnit(tokenUnit, recordedUnit);
  }

  /**
   * Register the unit of a verified token if it is new: once per unit and process (a token unit that
   * is a registered unit's name or legacy name names that unit, and registers nothing).
   */
  async admit(actor: Actor, db?: SqlExecutor): Promise<void> {
    // the engine's own timers act under no unit
    if (actor.roles.includes('system')) return;
    const key = `${actor.jurisdiction}\u0000${actor.unit}`;
    if (this.admitted.has(key)) return;
    const known = (await this.ready(actor.jurisdiction, CACHE_TTL_MS, db)).resolve(actor.unit) ?? (await this.fresh(actor.jurisdiction, db)).resolve(actor.unit);
    if (known === undefined) {
      const entry = chainUnitEvent({
        jurisdiction: actor.jurisdiction,
        unitId: actor.unit,
        seq: 1,
        type: 'UNIT_REGISTERED',
        payload: { name: actor.unit, kind: 'OTHER', legacyNames: [], source: 'TOKEN' satisfies UnitSource },
        actor,
        occurredAt: this.clock.now().toISOString(),
        prevHash: GENESIS_HASH,
      });
      if (await this.units.registerIfAbsent(entry, { name: actor.unit, kind: 'OTHER', legacyNames: [] })) this.forget(actor.jurisdiction);
    }
    if (this.admitted.size >= MAX_ADMITTED) this.admitted.clear();
    this.admitted.add(key);
  }

  /** Those of `ids` that name no registered unit of the jurisdiction (read again before answering any). */
  async unregistered(jurisdiction: string, ids: readonly string[], db?: SqlExecutor): Promise<string[]> {
    if (!ids.length) return [];
    const missing = ids.filter((id) => !this.directory(jurisdiction).has(id));
    if (!missing.length) return [];
    const directory = await this.fresh(jurisdiction, db);
    return missing.filter((id) => !directory.has(id));
  }

  /** 422 UNIT_NOT_REGISTERED unless every one of `ids` is a registered unit of the jurisdiction. */
  async requireRegistered(jurisdiction: string, ids: readonly string[], db?: SqlExecutor): Promise<void> {
    const missing = await this.unregistered(jurisdiction, ids, db);
    if (missing.length) {
      throw DomainError.ruleViolation([reason('UNIT_NOT_REGISTERED', `${RULES.UNIT_NOT_REGISTERED}：${missing.join('、')}`)]);
    }
  }

  /** Every unit of the jurisdiction, as stored now. */
  async list(jurisdiction: string): Promise<{ items: UnitView[] }> {
    const rows = await this.units.all(jurisdiction);
    this.copies.set(jurisdiction, { directory: new UnitDirectory(rows.map(unitOf)), loadedAt: performance.now() });
    return { items: rows.map(viewOf) };
  }

  /**
   * Name a unit (registering it if new): name and kind, and the legacy names older records use
   * for it (a previous name is kept among them). Each change is an entry of the unit's trail; a
   * PUT that changes nothing records nothing. A name or legacy name another unit answers to: 422 UNIT_NAME_TAKEN.
   */
  async put(jurisdiction: string, id: string, input: UnitInput, actor: Actor): Promise<UnitView> {
    if (!UNIT_KINDS.includes(input.kind)) throw DomainError.validation(`kind must be one of ${UNIT_KINDS.join(', ')}`, 'kind');
    const view = await this.units.transaction(async (em) => {
      await this.units.lockJurisdiction(em, jurisdiction);
      const row = await this.units.lock(em, jurisdiction, id);
      const state = nextState(id, row, input);
      const directory = new UnitDirectory((await this.units.all(jurisdiction, em)).map(unitOf));
      const taken = [state.name, ...state.legacyNames].filter((label) => directory.holderOf(label, id) !== undefined);
      if (taken.length) {
        const message = `${UNIT_NAME_TAKEN}：${taken.map((l) => `${l}（${directory.holderOf(l, id)}）`).join('、')}`;
        throw DomainError.ruleViolation([{ code: 'UNIT_NAME_TAKEN', message }]);
      }
      if (row && sameState(row, state)) return viewOf(row);
      const at = this.clock.now();
      const seq = (row?.version ?? 0) + 1;
      const payload = row ? state : { ...state, source: 'ADMIN' satisfies UnitSource };
      const entry = chainUnitEvent({ jurisdiction, unitId: id, seq, type: row ? 'UNIT_CHANGED' : 'UNIT_REGISTERED', payload, actor, occurredAt: at.toISOString(), prevHash: row?.last_hash ?? GENESIS_HASH });
      if (row) await this.units.update(em, row, state, { version: seq, hash: entry.hash, at });
      else await this.units.insert(em, jurisdiction, id, state, entry.hash, at);
      await this.units.appendEvent(em, entry);
      const created = row?.created_at ?? at;
      return viewOf({ jurisdiction, id, name: state.name, kind: state.kind, legacy_names: state.legacyNames, version: seq, last_hash: entry.hash, created_at: created, updated_at: at });
    });
    this.forget(jurisdiction);
    return view;
  }

  /** A unit's trail, checked (seq, prev_hash, every hash); 404 for a unit the jurisdiction does not have. */
  async history(jurisdiction: string, id: string): Promise<UnitHistory> {
    const row = (await this.units.all(jurisdiction)).find((u) => u.id === id);
    if (!row) throw DomainError.notFound('unit');
    const events = (await this.units.events(jurisdiction, id)).map(chainedUnitEventOf);
    const { firstBroken } = verifyUnitTrail(events);
    const broken = firstBroken ?? (events.at(-1)?.hash === row.last_hash ? undefined : { seq: events.length, reason: 'the unit row does not match its trail' });
    return {
      unit: viewOf(row),
      events: events.map(({ seq, type, payload, actor, occurredAt, prevHash, hash }) => ({ seq, type, payload, actor, occurredAt, prevHash, hash })),
      verified: !broken,
      ...(broken ? { firstBroken: broken } : {}),
    };
  }

  /** Drop this process's copy of a jurisdiction's units: the next lookup reads them again. */
  private forget(jurisdiction: string): void {
    this.copies.delete(jurisdiction);
  }
}

const EMPTY = new UnitDirectory([]);

/** The unit's columns after a PUT: a name given up stays a legacy name (older records may use it); the id is never one. */
function nextState(id: string, row: UnitRow | undefined, input: UnitInput): UnitState {
  const name = input.name.trim();
  const previous = row && row.name !== id && row.name !== name ? [row.name] : [];
  const legacy = [...(input.legacyNames ?? row?.legacy_names ?? []), ...previous].map((l) => l.trim());
  return { name, kind: input.kind, legacyNames: [...new Set(legacy)].filter((l) => l && l !== name && l !== id) };
}

function sameState(row: UnitRow, state: UnitState): boolean {
  return row.name === state.name && row.kind === state.kind && JSON.stringify(row.legacy_names) === JSON.stringify(state.legacyNames);
}
