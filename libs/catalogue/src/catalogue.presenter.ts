import type { CatalogueItem, CatalogueState } from './catalogue.model';
import type { CatalogueRow, ReferencingDecision } from '@app/persistence';

/** Procedure status of an item no decision references yet. */
export const NOT_STARTED = 'notStarted';

/** The API representation of a catalogue: an explicit list of fields, nothing else leaks. */
export function presentCatalogue(row: CatalogueRow<CatalogueState>, decisions: ReferencingDecision[], visible: (d: ReferencingDecision) => boolean) {
  const { state } = row;
  const byId = new Map(state.items.map((i) => [i.id, i]));
  const ref = (id: string) => ({ id, title: byId.get(id)?.title ?? null });
  return {
    id: row.id,
    jurisdiction: row.jurisdiction,
    year: row.year,
    status: state.status,
    consent: state.consent,
    publication: state.publication,
    items: state.items.filter((i) => !i.removed).map((i) => presentItem(i, decisions.filter((d) => d.catalogue_item_id === i.id), visible)),
    adjustments: state.adjustments.map((a) => ({
      seq: a.seq,
      occurredAt: a.occurredAt,
      reason: a.reason,
      added: a.added.map(ref),
      removed: a.removed.map(ref),
      changed: a.changed.map(ref),
    })),
    version: row.version,
    lastHash: row.last_hash,
    updatedAt: row.updated_at.toISOString(),
  };
}

function presentItem(item: CatalogueItem, decisions: ReferencingDecision[], visible: (d: ReferencingDecision) => boolean) {
  // the latest referencing decision tells where the item stands; confidential ones add their status, nothing else
  const latest = decisions[decisions.length - 1];
  return {
    id: item.id,
    title: item.title,
    category: item.category,
    undertakingUnit: item.undertakingUnit,
    plannedQuarter: item.plannedQuarter,
    procedureStatus: latest?.status ?? NOT_STARTED,
    decisions: decisions.filter(visible).map((d) => ({ id: d.id, title: d.title, status: d.status })),
  };
}
