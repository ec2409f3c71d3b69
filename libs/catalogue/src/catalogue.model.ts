import type { Reason } from '@app/common';
import type { Category } from '@app/procedure';

/** The life of a year's catalogue: drafted, agreed by the party committee at the same level, published. */
export type CatalogueStatus = 'draft' | 'consented' | 'published';

/** What an item of the catalogue says (决策事项). */
export interface CatalogueItemFields {
  title: string;
  category: Category;
  undertakingUnit: string;
  /** 1-4: the quarter in which the decision is planned */
  plannedQuarter?: number | null;
}

export interface CatalogueItem extends Required<CatalogueItemFields> {
  id: string;
  removed: boolean;
}

/** One adjustment during the year, with its reason (kept for the public view). */
export interface CatalogueAdjustment {
  seq: number;
  occurredAt: string;
  reason: string;
  added: string[];
  removed: string[];
  changed: string[];
}

/** A catalogue as folded from its trail; stored as the projection's `state`. */
export interface CatalogueState {
  year: number;
  status: CatalogueStatus;
  consent: { consentedAt: string; reference: string } | null;
  publication: { publishedAt: string; channels: string[] } | null;
  items: CatalogueItem[];
  adjustments: CatalogueAdjustment[];
}

/** Payloads of the catalogue trail's events, as recorded. */
export interface CataloguePayloads {
  CREATE_CATALOGUE: { year: number; items: (CatalogueItemFields & { id: string })[] };
  RECORD_PARTY_COMMITTEE_CONSENT: { consentedAt: string; reference: string };
  PUBLISH_CATALOGUE: { publishedAt: string; channels: string[] };
  ADJUST_CATALOGUE: {
    reason: string;
    add: (CatalogueItemFields & { id: string })[];
    remove: string[];
    change: (Partial<CatalogueItemFields> & { itemId: string })[];
    /** set when an adjustment of an agreed, unpublished catalogue voids that agreement */
    consentLapsed?: boolean;
  };
}

export type CatalogueEventType = keyof CataloguePayloads;
export type CatalogueEvent = { [T in CatalogueEventType]: { type: T; payload: CataloguePayloads[T] } }[CatalogueEventType];

/** Rule codes of the catalogue, each defined once with the sentence shown to users. */
export const CATALOGUE_RULES = {
  CATALOGUE_EXISTS: '该年度的决策事项目录已经存在，请以调整方式修改',
  PARTY_COMMITTEE_CONSENT_REQUIRED: '决策事项目录须经同级党委同意后方可公布',
  CATALOGUE_ALREADY_CONSENTED: '同级党委已同意该目录',
  CATALOGUE_ALREADY_PUBLISHED: '该目录已经公布；年度中确需变更的，请以调整方式并说明理由',
  ADJUSTMENT_REASON_REQUIRED: '调整决策事项目录须说明理由',
  ADJUSTMENT_EMPTY: '调整须至少新增、删除或修改一个事项',
  CATALOGUE_ITEM_NOT_FOUND: '决策事项目录中不存在该事项',
} as const;
export type CatalogueRuleCode = keyof typeof CATALOGUE_RULES;

/** A Reason for `code`, with the rule's sentence unless a more precise one is given. */
export const catalogueReason = (code: CatalogueRuleCode, message: string = CATALOGUE_RULES[code]): Reason => ({ code, message });

/** Every rule the event breaks in `state` (empty: lawful). Pure. */
export function catalogueRefusals(state: CatalogueState, event: CatalogueEvent): Reason[] {
  switch (event.type) {
    case 'CREATE_CATALOGUE':
      return [catalogueReason('CATALOGUE_EXISTS')];
    case 'RECORD_PARTY_COMMITTEE_CONSENT':
      if (state.status === 'published') return [catalogueReason('CATALOGUE_ALREADY_PUBLISHED')];
      return state.status === 'consented' ? [catalogueReason('CATALOGUE_ALREADY_CONSENTED')] : [];
    case 'PUBLISH_CATALOGUE':
      if (state.status === 'published') return [catalogueReason('CATALOGUE_ALREADY_PUBLISHED')];
      return state.status === 'consented' ? [] : [catalogueReason('PARTY_COMMITTEE_CONSENT_REQUIRED')];
    case 'ADJUST_CATALOGUE':
      return adjustmentRefusals(state, event.payload);
  }
}

function adjustmentRefusals(state: CatalogueState, p: CataloguePayloads['ADJUST_CATALOGUE']): Reason[] {
  const out: Reason[] = [];
  if (!p.reason.trim()) out.push(catalogueReason('ADJUSTMENT_REASON_REQUIRED'));
  if (!p.add.length && !p.remove.length && !p.change.length) out.push(catalogueReason('ADJUSTMENT_EMPTY'));
  const live = new Set(state.items.filter((i) => !i.removed).map((i) => i.id));
  const unknown = [...p.remove, ...p.change.map((c) => c.itemId)].filter((id) => !live.has(id));
  if (unknown.length) out.push(catalogueReason('CATALOGUE_ITEM_NOT_FOUND', `${CATALOGUE_RULES.CATALOGUE_ITEM_NOT_FOUND}：${[...new Set(unknown)].join(', ')}`));
  return out;
}

const itemOf = (i: CatalogueItemFields & { id: string }): CatalogueItem => ({
  id: i.id,
  title: i.title,
  category: i.category,
  undertakingUnit: i.undertakingUnit,
  plannedQuarter: i.plannedQuarter ?? null,
  removed: false,
});

/** The state after an accepted event (`seq` and `occurredAt` from its trail entry). Pure. */
export function evolveCatalogue(state: CatalogueState | null, event: CatalogueEvent, meta: { seq: number; occurredAt: string }): CatalogueState {
  if (event.type === 'CREATE_CATALOGUE') {
    return { year: event.payload.year, status: 'draft', consent: null, publication: null, items: event.payload.items.map(itemOf), adjustments: [] };
  }
  if (!state) throw new Error(`${event.type} before CREATE_CATALOGUE`);
  switch (event.type) {
    case 'RECORD_PARTY_COMMITTEE_CONSENT':
      return { ...state, status: 'consented', consent: { consentedAt: event.payload.consentedAt, reference: event.payload.reference } };
    case 'PUBLISH_CATALOGUE':
      return { ...state, status: 'published', publication: { publishedAt: event.payload.publishedAt, channels: event.payload.channels } };
    case 'ADJUST_CATALOGUE': {
      const p = event.payload;
      const removed = new Set(p.remove);
      const changes = new Map(p.change.map((c) => [c.itemId, c]));
      const items = state.items.map((item) => {
        const { itemId: _id, ...fields } = changes.get(item.id) ?? { itemId: item.id };
        const changed = { ...item, ...definedOnly(fields) };
        return removed.has(item.id) ? { ...changed, removed: true } : changed;
      });
      const adjustment = { seq: meta.seq, occurredAt: meta.occurredAt, reason: p.reason, added: p.add.map((i) => i.id), removed: p.remove, changed: p.change.map((c) => c.itemId) };
      return {
        ...state,
        status: p.consentLapsed ? 'draft' : state.status,
        consent: p.consentLapsed ? null : state.consent,
        items: [...items, ...p.add.map(itemOf)],
        adjustments: [...state.adjustments, adjustment],
      };
    }
  }
}

/** Would adjusting this catalogue void the party committee's agreement (agreed but not yet published)? */
export const adjustmentVoidsConsent = (state: CatalogueState) => state.status === 'consented';

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
