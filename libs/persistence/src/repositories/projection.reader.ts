import type { SqlSession } from '../sql/sql-session';
import type { DecisionRow } from './decision.rows';
import { ALL_IDS, type IdRange } from './trail.reader';

/** The columns of a decision's projection that its trail determines (verification compares them with a replay). */
export type ProjectionRow = Pick<
  DecisionRow,
  | 'id' | 'title' | 'category' | 'summary' | 'confidential' | 'catalogue_item_id' | 'involved_units' | 'status' | 'state_value'
  | 'version' | 'machine_id' | 'machine_version' | 'profile_id' | 'profile_version' | 'snapshot' | 'view' | 'last_hash'
>;

const PAGE = {
  name: 'projection_rows',
  text: `SELECT id, title, category, summary, confidential, catalogue_item_id, involved_units, status, state_value, version,
            machine_id, machine_version, profile_id, profile_version, snapshot, view, last_hash
       FROM decisions WHERE jurisdiction = $1 AND id > $2 AND id <= $4 ORDER BY id LIMIT $3`,
};

/**
 * The decision projections of a jurisdiction (of an id range: after `range.after`, up to `range.upTo`),
 * by id (the order readTrail streams the trail in), in keyset pages: memory holds one page however
 * many decisions there are.
 */
export async function* projectionRows(session: SqlSession, jurisdiction: string, range: IdRange = ALL_IDS, pageSize = 500): AsyncGenerator<ProjectionRow> {
  let after = range.after ?? '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await session.prepared<ProjectionRow>(PAGE.name, PAGE.text, [jurisdiction, after, pageSize, range.upTo]);
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].id;
  }
}

/** A catalogue's projection: its row and the rows of its items (decisions reference those). */
export interface CatalogueProjectionRow {
  id: string;
  status: string;
  state: unknown;
  version: number;
  last_hash: string;
  items: { id: string; position: number; title: string; category: string; undertaking_unit: string; planned_quarter: number | null; removed: boolean }[];
}

/** The catalogues of a jurisdiction (one a year: few), by id, each with its item rows by position. */
export function catalogueProjectionRows(session: SqlSession, jurisdiction: string): Promise<CatalogueProjectionRow[]> {
  return session.query(
    `SELECT c.id, c.status, c.state, c.version, c.last_hash,
            coalesce((SELECT json_agg(json_build_object('id', i.id, 'position', i.position, 'title', i.title, 'category', i.category,
                       'undertaking_unit', i.undertaking_unit, 'planned_quarter', i.planned_quarter, 'removed', i.removed) ORDER BY i.position, i.id)
                        FROM catalogue_items i WHERE i.catalogue_id = c.id), '[]') AS items
       FROM catalogues c WHERE c.jurisdiction = $1 ORDER BY c.id`,
    [jurisdiction],
  );
}

/** The catalogue trail of a jurisdiction (rows of catalogue_events), by catalogue id and seq. */
export function catalogueTrailRows(session: SqlSession, jurisdiction: string): Promise<Record<string, any>[]> {
  return session.query(`SELECT * FROM catalogue_events WHERE jurisdiction = $1 ORDER BY catalogue_id, seq`, [jurisdiction]);
}
