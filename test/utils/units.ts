import { people } from './decision-flow';
import type { TestApp } from './create-test-app';
import { bearer } from './token-for';

/** Register units of a jurisdiction as its admin would (PUT /api/jurisdictions/:j/units/:id), named by their id. */
export async function registerUnits(t: TestApp, jurisdiction: string, ids: readonly string[], kind = 'DEPARTMENT'): Promise<void> {
  const admin = people(jurisdiction).admin;
  for (const id of ids) {
    const res = await t.http.put(`/api/jurisdictions/${jurisdiction}/units/${encodeURIComponent(id)}`).set('Authorization', bearer(admin)).send({ name: id, kind });
    if (res.status >= 300) throw new Error(`registering unit ${id} of ${jurisdiction}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
