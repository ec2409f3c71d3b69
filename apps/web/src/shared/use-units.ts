import { api } from '../api/client';
import { useLoad } from './use-load';

/** A registered unit of the jurisdiction (GET /api/jurisdictions/:j/units). */
export interface Unit {
  id: string;
  name: string;
  kind: string;
}

/**
 * The jurisdiction's units, or an empty list while the API has no units registry (then unit fields stay
 * free text). The path is not in the OpenAPI snapshot yet, hence the untyped call through the same client.
 */
export function useUnits(jurisdiction: string | undefined) {
  return useLoad(async () => {
    if (!jurisdiction) return [] as Unit[];
    const get = api.GET as unknown as (path: string, init: object) => Promise<{ data?: unknown; response: Response }>;
    const { data, response } = await get('/api/jurisdictions/{jurisdiction}/units', { params: { path: { jurisdiction } } });
    if (!response.ok) return [] as Unit[];
    const items = Array.isArray(data) ? data : (data as { items?: unknown[] })?.items;
    return (items ?? []) as Unit[];
  }, [jurisdiction]);
}

/** Event fields that name a unit: shown as a choice of registered units when the registry exists. */
export const UNIT_FIELDS = ['undertakingUnit', 'unit', 'evaluator'] as const;

/** The unit's name when the registry knows it, else its id. */
export const unitName = (units: Unit[], id: string | null | undefined) => (id ? units.find((u) => u.id === id)?.name ?? id : '');

/** Form widgets choosing a registered unit for each unit field (none while the registry is empty). */
export function unitWidgets(units: Unit[]): Record<string, Record<string, unknown>> {
  if (!units.length) return {};
  const choice = { 'ui:widget': 'select', 'ui:enumOptions': units.map((u) => ({ value: u.id, label: u.name })) };
  return Object.fromEntries(UNIT_FIELDS.map((f) => [f, choice]));
}
