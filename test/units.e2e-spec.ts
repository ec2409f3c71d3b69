import { UnitRepository } from '@app/persistence';
import { DataSource } from 'typeorm';
import type { ActorClaimsInput } from '../apps/api/src/auth/actor-token';
import { bearer, createTestApp, type TestApp } from './utils';
import { people } from './utils/decision-flow';
import { expectError } from './utils/trail-assertions';

// The unit registry (API.md "Units and identity"): units are entities of the jurisdiction, named by
// its admin; a unit named in a valid token registers itself; every change is on the unit's trail.

const J = 'county-units';

describe('Unit registry', () => {
  let t: TestApp;
  const who = people(J);
  const list = (actor: ActorClaimsInput = who.drafter) => t.http.get(`/api/jurisdictions/${J}/units`).set('Authorization', bearer(actor));
  const put = (unitId: string, body: object, actor: ActorClaimsInput = who.admin) =>
    t.http.put(`/api/jurisdictions/${J}/units/${encodeURIComponent(unitId)}`).set('Authorization', bearer(actor)).send(body);
  const history = (unitId: string) => t.http.get(`/api/jurisdictions/${J}/units/${encodeURIComponent(unitId)}/history`).set('Authorization', bearer(who.auditor));
  const unitOf = async (id: string) => (await list()).body.items.find((u: { id: string }) => u.id === id);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('registers the unit of a valid token on first sight, named by its id, for any user of the jurisdiction to list', async () => {
    const newcomer: ActorClaimsInput = { ...who.drafter, sub: 'drafter-new', unit: 'forestry-bureau' };
    expect(await unitOf('forestry-bureau')).toBeUndefined();
    await t.http.get('/api/decisions').set('Authorization', bearer(newcomer)).expect(200);
    expect(await unitOf('forestry-bureau')).toMatchObject({ id: 'forestry-bureau', name: 'forestry-bureau', kind: 'OTHER', legacyNames: [], version: 1 });
    const trail = (await history('forestry-bureau')).body;
    expect(trail).toMatchObject({ verified: true, events: [{ seq: 1, type: 'UNIT_REGISTERED', payload: { source: 'TOKEN' }, actor: { sub: 'drafter-new' } }] });
  });

  it('writes a token unit once per process, not once per request', async () => {
    const spy = jest.spyOn(t.app.get(UnitRepository), 'registerIfAbsent');
    try {
      const visitor: ActorClaimsInput = { ...who.drafter, sub: 'drafter-visitor', unit: 'tourism-bureau' };
      for (let i = 0; i < 5; i++) await t.http.get('/api/decisions').set('Authorization', bearer(visitor)).expect(200);
      expect(spy).toHaveBeenCalledTimes(1);
      const rows = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM unit_events WHERE jurisdiction = $1 AND unit_id = 'tourism-bureau'`, [J]);
      expect(rows[0].n).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('hides a jurisdiction’s units from other jurisdictions (404)', async () => {
    expectError(await list(people('county-elsewhere').drafter), 404, 'NOT_FOUND');
    expectError(await put('agri-bureau', { name: '县农业农村局', kind: 'DEPARTMENT' }, people('county-elsewhere').admin), 404, 'NOT_FOUND');
  });

  it('lets only the admin name a unit, with a valid kind', async () => {
    expectError(await put('agri-bureau', { name: '县农业农村局', kind: 'DEPARTMENT' }, who.secretary), 403, 'FORBIDDEN_ROLE');
    expectError(await put('agri-bureau', { name: '县农业农村局', kind: 'BUREAU' }), 400, 'VALIDATION_FAILED');
    expectError(await put('agri-bureau', { name: '', kind: 'DEPARTMENT' }), 400, 'VALIDATION_FAILED');
  });

  it('records who named the unit and when; a PUT that changes nothing records nothing', async () => {
    const named = await put('agri-bureau', { name: '县农业农村局', kind: 'DEPARTMENT', legacyNames: ['县农业局'] });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ id: 'agri-bureau', name: '县农业农村局', kind: 'DEPARTMENT', legacyNames: ['县农业局'] });
    const again = await put('agri-bureau', { name: '县农业农村局', kind: 'DEPARTMENT' });
    expect(again.body.version).toBe(named.body.version);
    const trail = (await history('agri-bureau')).body;
    expect(trail.verified).toBe(true);
    expect(trail.events.at(-1)).toMatchObject({ type: expect.stringMatching(/^UNIT_(REGISTERED|CHANGED)$/), payload: { name: '县农业农村局', kind: 'DEPARTMENT' }, actor: { sub: who.admin.sub } });
    expect(trail.events.at(-1).occurredAt).toEqual(expect.any(String));
  });

  it('keeps a previous name as a legacy name when a unit is renamed', async () => {
    const renamed = await put('agri-bureau', { name: '县农业农村和水利局', kind: 'DEPARTMENT' });
    expect(renamed.body.legacyNames).toEqual(['县农业局', '县农业农村局']);
    const trail = (await history('agri-bureau')).body;
    expect(trail.events.at(-1)).toMatchObject({ type: 'UNIT_CHANGED', payload: { name: '县农业农村和水利局', legacyNames: ['县农业局', '县农业农村局'] } });
  });

  it('refuses a name or legacy name another unit answers to (422 UNIT_NAME_TAKEN), recording nothing', async () => {
    const before = (await history('justice-bureau-x')).status === 200;
    expect(before).toBe(false);
    expectError(await put('justice-bureau-x', { name: '县农业局', kind: 'LEGAL_REVIEW_OFFICE' }), 422, 'UNIT_NAME_TAKEN');
    expectError(await put('justice-bureau-x', { name: '县司法局', kind: 'LEGAL_REVIEW_OFFICE', legacyNames: ['agri-bureau'] }), 422, 'UNIT_NAME_TAKEN');
    expectError(await history('justice-bureau-x'), 404, 'NOT_FOUND');
    const created = await put('justice-bureau-x', { name: '县司法局', kind: 'LEGAL_REVIEW_OFFICE' });
    expect(created.body).toMatchObject({ version: 1, name: '县司法局' });
    expect((await history('justice-bureau-x')).body.events[0]).toMatchObject({ type: 'UNIT_REGISTERED', payload: { source: 'ADMIN' } });
  });

  it('keeps the unit trail append-only in the database', async () => {
    await expect(t.app.get(DataSource).query(`UPDATE unit_events SET type = 'X' WHERE jurisdiction = $1`, [J])).rejects.toThrow(/append-only/);
  });
});
