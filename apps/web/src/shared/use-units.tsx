import { api } from '../api/client';
import { useSession } from '../auth/use-session';
import { choiceOf } from '../decision/ChoiceWidget';
import { useLoad } from './use-load';

/** A registered unit of the jurisdiction (GET /api/jurisdictions/:j/units). */
export interface Unit {
  id: string;
  name: string;
  kind: string;
}

// The registry loaded once per jurisdiction and page load: every unit name on every page comes from one request.
const registries = new Map<string, Promise<Unit[]>>();

async function fetchUnits(jurisdiction: string): Promise<Unit[]> {
  const get = api.GET as unknown as (path: string, init: object) => Promise<{ data?: unknown; response: Response }>;
  const { data, response } = await get('/api/jurisdictions/{jurisdiction}/units', { params: { path: { jurisdiction } } });
  if (!response.ok) return [];
  const items = Array.isArray(data) ? data : (data as { items?: unknown[] })?.items;
  return (items ?? []) as Unit[];
}

/** The jurisdiction's registered units (an empty list when the registry cannot be read: unit fields stay free text). */
export function useUnits(jurisdiction: string | undefined) {
  return useLoad(() => {
    if (!jurisdiction) return Promise.resolve([] as Unit[]);
    let units = registries.get(jurisdiction);
    if (!units) {
      units = fetchUnits(jurisdiction).catch((error: unknown) => {
        registries.delete(jurisdiction);
        throw error;
      });
      registries.set(jurisdiction, units);
    }
    return units;
  }, [jurisdiction]);
}

/** A unit shown by its registered name (its id while the registry is loading or does not know it). */
export function UnitName({ id }: { id: string | null | undefined }) {
  const user = useSession();
  const units = useUnits(user?.jurisdiction);
  return <>{unitName(units.data ?? [], id)}</>;
}

/** Event fields that name a unit by its registered id (lists of units too): shown as a choice of registered units by name. */
export const UNIT_FIELDS = ['undertakingUnit', 'involvedUnits', 'organizerUnit', 'assessorUnit', 'unit', 'evaluator'] as const;
const UNIT_LISTS: readonly string[] = ['involvedUnits'];

/** The unit's name when the registry knows it, else its id. */
export const unitName = (units: Unit[], id: string | null | undefined) => (id ? units.find((u) => u.id === id)?.name ?? id : '');

/** Form widgets choosing a registered unit, by name, for each unit field of any form (none while the registry is empty). */
export function unitWidgets(units: Unit[]): Record<string, Record<string, unknown>> {
  if (!units.length) return {};
  const choice = choiceOf(units.map((u) => ({ value: u.id, label: u.name })));
  return Object.fromEntries(UNIT_FIELDS.map((f) => [f, UNIT_LISTS.includes(f) ? { items: choice } : choice]));
}
