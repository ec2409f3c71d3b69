import type { SqlSession } from '../sql/sql-session';

/** The columns of a decision's projection that its trail determines (verification compares them with a replay). */
export interface ProjectionRow {
  id: string;
  title: string;
  category: string;
  summary: string | null;
  confidential: boolean;
  catalogue_item_id: string | null;
  involved_units: string[];
  status: string;
  state_value: unknown;
  version: number;
  machine_id: string;
  machine_version: number;
  profile_id: string;
  profile_version: number;
  snapshot: unknown;
  view: unknown;
  last_hash: string;
}

const PAGE = {
  name: 'projection_rows',
  text: `SELECT id, title, category, summary, confidential, catalogue_item_id, involved_units, status, state_value, version,
            machine_id, machine_version, profile_id, profile_version, snapshot, view, last_hash
       FROM decisions WHERE jurisdiction = $1 AND id > $2 ORDER BY id LIMIT $3`,
};

/**
 * The decision projections of a jurisdiction, by id (the order readTrail streams the trail in), in
 * keyset pages: memory holds one page however many decisions there are.
 */
export async function* projectionRows(session: SqlSession, jurisdiction: string, pageSize = 500): AsyncGenerator<ProjectionRow> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await session.prepared<ProjectionRow>(PAGE.name, PAGE.text, [jurisdiction, after, pageSize]);
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].id;
  }
}
