import { sameJson } from '@app/audit';
import { chainedCatalogueEventOf, evolveCatalogue, verifyCatalogueTrail, type CatalogueEvent, type CatalogueState } from '@app/catalogue';
import { catalogueProjectionRows, catalogueTrailRows, type CatalogueEventRow, type CatalogueProjectionRow, type SqlSession } from '@app/persistence';

/** The first catalogue whose trail or projection does not hold (`decisionId` carries the catalogue's id too, for the report's shape). */
export interface CatalogueBreak {
  decisionId: string;
  catalogueId: string;
  seq: number;
  reason: string;
}

export interface CatalogueReport {
  ok: boolean;
  checkedCatalogues: number;
  firstBroken?: CatalogueBreak;
}

export const CATALOGUE_REASONS = {
  CHAIN: 'CATALOGUE_CHAIN_BROKEN: 决策事项目录审计链断裂',
  WITHOUT_TRAIL: 'CATALOGUE_PROJECTION_WITHOUT_TRAIL: 目录投影在审计链中没有任何事件',
  MISSING: 'CATALOGUE_PROJECTION_MISSING: 审计链中有该目录的事件，但没有对应的目录投影',
  MISMATCH: 'CATALOGUE_PROJECTION_MISMATCH: 目录投影与审计链重放结果不一致，字段',
} as const;

const asStored = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** The item rows the writer keeps beside the state (CatalogueRepository.syncItems). */
function itemRowsOf(catalogue: CatalogueState) {
  return catalogue.items.map((i, n) => ({
    id: i.id,
    position: n + 1,
    title: i.title,
    category: i.category,
    undertaking_unit: i.undertakingUnit,
    planned_quarter: i.plannedQuarter ?? null,
    removed: i.removed ?? false,
  }));
}

function mismatches(row: CatalogueProjectionRow, state: CatalogueState, last: { seq: number; hash: string }): string[] {
  const expected: Record<string, unknown> = { status: state.status, state, version: last.seq, last_hash: last.hash, items: itemRowsOf(state) };
  const stored: Record<string, unknown> = { ...row };
  return Object.keys(expected).filter((field) => !sameJson(asStored(stored[field]), asStored(expected[field])));
}

/**
 * Every catalogue of a jurisdiction: its chain (seq, prev_hash, hash), and its projection (status,
 * state, version, last hash, item rows) against the fold of its trail; catalogues without events and
 * events without a catalogue. The first break in catalogue id order.
 */
export async function verifyCatalogueProjections(session: SqlSession, jurisdiction: string): Promise<CatalogueReport> {
  const rows = await catalogueProjectionRows(session, jurisdiction);
  const trails = new Map<string, ReturnType<typeof chainedCatalogueEventOf>[]>();
  for (const e of await catalogueTrailRows(session, jurisdiction)) {
    const event = chainedCatalogueEventOf(e as CatalogueEventRow);
    trails.set(event.catalogueId, [...(trails.get(event.catalogueId) ?? []), event]);
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ids = [...new Set([...byId.keys(), ...trails.keys()])].sort();
  let checked = 0;
  const broken = (catalogueId: string, seq: number, reason: string): CatalogueReport => ({
    ok: false,
    checkedCatalogues: checked,
    firstBroken: { decisionId: catalogueId, catalogueId, seq, reason },
  });
  for (const id of ids) {
    const row = byId.get(id);
    const events = trails.get(id) ?? [];
    if (!row) return broken(id, events[0].seq, CATALOGUE_REASONS.MISSING);
    if (!events.length) return broken(id, 1, CATALOGUE_REASONS.WITHOUT_TRAIL);
    const chain = verifyCatalogueTrail(events);
    if (chain.firstBroken) return broken(id, chain.firstBroken.seq, `${CATALOGUE_REASONS.CHAIN}（${chain.firstBroken.reason}）`);
    let state: CatalogueState | null = null;
    for (const e of events) state = evolveCatalogue(state, { type: e.type, payload: e.payload } as CatalogueEvent, e);
    const last = events[events.length - 1];
    checked++;
    const fields = mismatches(row, state!, last);
    if (fields.length) return broken(id, last.seq, `${CATALOGUE_REASONS.MISMATCH} ${fields.join(', ')}`);
  }
  return { ok: true, checkedCatalogues: checked };
}
