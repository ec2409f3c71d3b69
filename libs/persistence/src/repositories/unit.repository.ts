import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SqlExecutor } from '../sql/sql-session';

/** A row of `units` (the projection of one unit's trail). */
export interface UnitRow {
  jurisdiction: string;
  id: string;
  name: string;
  kind: string;
  legacy_names: string[];
  version: number;
  last_hash: string;
  created_at: Date;
  updated_at: Date;
}

/** A unit trail entry as its hash covers it. */
export interface ChainedUnitEvent {
  jurisdiction: string;
  unitId: string;
  seq: number;
  type: string;
  payload: unknown;
  actor: { sub: string; name: string; roles: string[]; unit: string; jurisdiction: string };
  occurredAt: string;
  prevHash: string;
}

/** A row of `unit_events` (append-only). */
export interface UnitEventRow {
  jurisdiction: string;
  unit_id: string;
  seq: number;
  type: string;
  payload: any;
  actor: ChainedUnitEvent['actor'];
  occurred_at: Date;
  prev_hash: string;
  hash: string;
}

/** The unit's own columns as an event leaves them. */
export interface UnitState {
  name: string;
  kind: string;
  legacyNames: string[];
}

const EVENT_COLUMNS = 'jurisdiction, unit_id, seq, type, payload, actor, occurred_at, prev_hash, hash';

/**
 * A unit's event 1 and its row, in one statement, unless the unit exists already (another request,
 * another process got there first): then nothing is written.
 */
const REGISTER_IF_ABSENT = `WITH registered AS (
    INSERT INTO units (jurisdiction, id, name, kind, legacy_names, version, last_hash, created_at, updated_at)
    VALUES ($1, $2, $10, $11, $12::text[], 1, $9, $7, $7) ON CONFLICT (jurisdiction, id) DO NOTHING
    RETURNING jurisdiction, id
  )
  INSERT INTO unit_events (${EVENT_COLUMNS})
  SELECT jurisdiction, id, $3, $4, $5::jsonb, $6::jsonb, $7::timestamptz, $8, $9 FROM registered RETURNING seq`;

function eventValues(e: ChainedUnitEvent & { hash: string }): unknown[] {
  return [e.jurisdiction, e.unitId, e.seq, e.type, JSON.stringify(e.payload), JSON.stringify(e.actor), e.occurredAt, e.prevHash, e.hash];
}

/** SQL of the unit registry: the units of a jurisdiction and each unit's trail. */
@Injectable()
export class UnitRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every unit of the jurisdiction, by id. */
  all(jurisdiction: string, em: SqlExecutor = this.dataSource): Promise<UnitRow[]> {
    return em.query(`SELECT * FROM units WHERE jurisdiction = $1 ORDER BY id`, [jurisdiction]);
  }

  /** Register a unit with its event 1, unless it exists; true when this call registered it. */
  async registerIfAbsent(entry: ChainedUnitEvent & { hash: string }, state: UnitState): Promise<boolean> {
    const rows = await this.dataSource.query(REGISTER_IF_ABSENT, [...eventValues(entry), state.name, state.kind, state.legacyNames]);
    return rows.length === 1;
  }

  /** Run `work` in one transaction. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Serialise changes of the jurisdiction's units for the rest of `em`'s transaction (names are unique across its units). */
  async lockJurisdiction(em: EntityManager, jurisdiction: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('units:' || $1))`, [jurisdiction]);
  }

  /** The unit's row, locked for the rest of `em`'s transaction. */
  async lock(em: EntityManager, jurisdiction: string, id: string): Promise<UnitRow | undefined> {
    const rows: UnitRow[] = await em.query(`SELECT * FROM units WHERE jurisdiction = $1 AND id = $2 FOR UPDATE`, [jurisdiction, id]);
    return rows[0];
  }

  /** A new unit's row (event 1 appended separately, in the same transaction); false when it exists. */
  async insert(em: EntityManager, jurisdiction: string, id: string, state: UnitState, hash: string, at: Date): Promise<boolean> {
    const rows = await em.query(
      `INSERT INTO units (jurisdiction, id, name, kind, legacy_names, version, last_hash, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::text[], 1, $6, $7, $7) ON CONFLICT (jurisdiction, id) DO NOTHING RETURNING id`,
      [jurisdiction, id, state.name, state.kind, state.legacyNames, hash, at],
    );
    return rows.length === 1;
  }

  /** The row after an accepted change; `row.version` guards against a lost lock. */
  async update(em: EntityManager, row: UnitRow, state: UnitState, next: { version: number; hash: string; at: Date }): Promise<void> {
    const result = await em.query(
      `UPDATE units SET name = $4, kind = $5, legacy_names = $6::text[], version = $7, last_hash = $8, updated_at = $9
       WHERE jurisdiction = $1 AND id = $2 AND version = $3`,
      [row.jurisdiction, row.id, row.version, state.name, state.kind, state.legacyNames, next.version, next.hash, next.at],
    );
    if (result[1] !== 1) throw new Error(`unit ${row.jurisdiction}/${row.id} moved under a held lock`);
  }

  async appendEvent(em: EntityManager, e: ChainedUnitEvent & { hash: string }): Promise<void> {
    await em.query(`INSERT INTO unit_events (${EVENT_COLUMNS}) VALUES ($1,$2,$3,$4,$5::jsonb,$6::jsonb,$7,$8,$9)`, eventValues(e));
  }

  /** A unit's trail, oldest first. */
  events(jurisdiction: string, id: string): Promise<UnitEventRow[]> {
    return this.dataSource.query(`SELECT * FROM unit_events WHERE jurisdiction = $1 AND unit_id = $2 ORDER BY seq`, [jurisdiction, id]);
  }
}
