import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** What this repository reads of a catalogue's state (libs/catalogue owns the whole shape). */
export interface StoredCatalogueState {
  status: string;
  items: { id: string; title: string; category: string; undertakingUnit: string; plannedQuarter: number | null; removed: boolean }[];
}

/** A row of `catalogues` (the projection of one year's trail). */
export interface CatalogueRow<S extends StoredCatalogueState = StoredCatalogueState> {
  id: string;
  jurisdiction: string;
  year: number;
  status: string;
  state: S;
  version: number;
  last_hash: string;
  created_at: Date;
  updated_at: Date;
}

/** A row of `catalogue_events` (append-only). */
export interface CatalogueEventRow {
  catalogue_id: string;
  seq: number;
  jurisdiction: string;
  type: string;
  payload: any;
  actor: { sub: string; name: string; roles: string[]; unit: string; jurisdiction: string };
  occurred_at: Date;
  prev_hash: string;
  hash: string;
}

/** A trail entry as its hash covers it. */
export interface ChainedCatalogueEvent {
  catalogueId: string;
  seq: number;
  type: string;
  payload: unknown;
  actor: CatalogueEventRow['actor'];
  occurredAt: string;
  prevHash: string;
}

/** A decision that references a catalogue item (for the item's procedure status). */
export interface ReferencingDecision {
  id: string;
  title: string;
  status: string;
  confidential: boolean;
  involved_units: string[];
  jurisdiction: string;
  catalogue_item_id: string;
  updated_at: Date;
}

/**
 * SQL of the catalogue aggregate: projection, items and trail. Writes run on the caller's
 * manager (inside its transaction); reads default to the application's DataSource.
 */
@Injectable()
export class CatalogueRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Run `work` in one transaction (the catalogue's writes lock its row first). */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async find<S extends StoredCatalogueState>(jurisdiction: string, year: number, lockIn?: EntityManager): Promise<CatalogueRow<S> | undefined> {
    const em = lockIn ?? this.dataSource.manager;
    const rows: CatalogueRow<S>[] = await em.query(`SELECT * FROM catalogues WHERE jurisdiction = $1 AND year = $2${lockIn ? ' FOR UPDATE' : ''}`, [jurisdiction, year]);
    return rows[0];
  }

  /** The jurisdictions that published a catalogue for `year` (at most `limit`). */
  async publishers(year: number, limit: number): Promise<string[]> {
    const rows: { jurisdiction: string }[] = await this.dataSource.query(
      `SELECT jurisdiction FROM catalogues WHERE year = $1 AND status = 'published' ORDER BY jurisdiction LIMIT $2`,
      [year, limit],
    );
    return rows.map((r) => r.jurisdiction);
  }

  /** Is `itemId` a live item of the jurisdiction's catalogues? */
  async liveItemExists(em: { query(text: string, params?: unknown[]): Promise<any> }, jurisdiction: string, itemId: string): Promise<boolean> {
    const rows = await em.query(`SELECT 1 FROM catalogue_items WHERE id = $1 AND jurisdiction = $2 AND NOT removed`, [itemId, jurisdiction]);
    return rows.length > 0;
  }

  /** Insert a new catalogue; false when the jurisdiction already has one for that year. */
  async insert(em: EntityManager, c: { id: string; jurisdiction: string; year: number; state: StoredCatalogueState; hash: string; at: Date }): Promise<boolean> {
    const result = await em.query(
      `INSERT INTO catalogues (id, jurisdiction, year, status, state, version, last_hash, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,1,$6,$7,$7) ON CONFLICT (jurisdiction, year) DO NOTHING RETURNING id`,
      [c.id, c.jurisdiction, c.year, c.state.status, JSON.stringify(c.state), c.hash, c.at],
    );
    return result.length === 1;
  }

  /** Write the projection after an accepted event; `expectedVersion` guards against a lost lock. */
  async update(em: EntityManager, row: CatalogueRow, next: { state: StoredCatalogueState; version: number; hash: string; at: Date }): Promise<void> {
    const result = await em.query(
      `UPDATE catalogues SET status = $3, state = $4, version = $5, last_hash = $6, updated_at = $7 WHERE id = $1 AND version = $2`,
      [row.id, row.version, next.state.status, JSON.stringify(next.state), next.version, next.hash, next.at],
    );
    if (result[1] !== 1) throw new Error(`projection of catalogue ${row.id} moved under a held lock`);
  }

  /** Make `catalogue_items` mirror the state's items (the table decisions reference). */
  async syncItems(em: EntityManager, catalogue: { id: string; jurisdiction: string }, state: StoredCatalogueState): Promise<void> {
    for (const [position, i] of state.items.entries()) {
      await em.query(
        `INSERT INTO catalogue_items (id, catalogue_id, jurisdiction, position, title, category, undertaking_unit, planned_quarter, removed)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
         ON CONFLICT (id) DO UPDATE SET title = $5, category = $6, undertaking_unit = $7, planned_quarter = $8, removed = $9`,
        [i.id, catalogue.id, catalogue.jurisdiction, position + 1, i.title, i.category, i.undertakingUnit, i.plannedQuarter, i.removed],
      );
    }
  }

  async appendEvent(em: EntityManager, e: ChainedCatalogueEvent & { hash: string; jurisdiction: string }): Promise<void> {
    await em.query(
      `INSERT INTO catalogue_events (catalogue_id, seq, jurisdiction, type, payload, actor, occurred_at, prev_hash, hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [e.catalogueId, e.seq, e.jurisdiction, e.type, JSON.stringify(e.payload), JSON.stringify(e.actor), e.occurredAt, e.prevHash, e.hash],
    );
  }

  async events(catalogueId: string): Promise<CatalogueEventRow[]> {
    return this.dataSource.query(`SELECT * FROM catalogue_events WHERE catalogue_id = $1 ORDER BY seq`, [catalogueId]);
  }

  /** Decisions of the jurisdiction that reference any of `itemIds`, oldest first. */
  async referencingDecisions(jurisdiction: string, itemIds: string[]): Promise<ReferencingDecision[]> {
    if (!itemIds.length) return [];
    return this.dataSource.query(
      `SELECT id, title, status, confidential, involved_units, jurisdiction, catalogue_item_id, updated_at FROM decisions
       WHERE jurisdiction = $1 AND catalogue_item_id = ANY($2::uuid[]) ORDER BY created_at, id`,
      [jurisdiction, itemIds],
    );
  }
}
