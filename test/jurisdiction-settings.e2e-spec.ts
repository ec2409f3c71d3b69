import { createTestApp, type TestApp } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';
import { bearer } from './utils/token-for';

describe('Jurisdiction settings and profile pinning', () => {
  let t: TestApp;
  const who = people('county-strict');
  let flow: DecisionFlow;

  beforeAll(async () => {
    t = await createTestApp();
    flow = new DecisionFlow(t, who);
  });
  afterAll(() => t.close());

  const settings = (actor = who.admin) => t.http.get('/api/jurisdictions/county-strict/settings').set('Authorization', bearer(actor));
  const put = (body: object, actor = who.admin) => t.http.put('/api/jurisdictions/county-strict/settings').set('Authorization', bearer(actor)).send(body);

  it('starts on the national profile by default and lists the known profiles', async () => {
    expect((await settings()).body).toMatchObject({ profile: { id: 'national', version: 2 }, webhookUrl: null });
    const profiles = await t.http.get('/api/profiles').set('Authorization', bearer(who.drafter));
    expect(profiles.body.items.map((p: { id: string; version: number }) => `${p.id}@${p.version}`)).toEqual(expect.arrayContaining(['national@1', 'strict@1', 'national@2', 'strict@2']));
  });

  it('lets only the admin of the jurisdiction change it, and validates the body', async () => {
    expect((await put({ profileId: 'strict' }, who.secretary)).body.code).toBe('FORBIDDEN_ROLE');
    const other = await t.http.put('/api/jurisdictions/county-strict/settings').set('Authorization', bearer(people('county-x').admin)).send({ profileId: 'strict' });
    expect(other.status).toBe(404);
    const bad = await put({ profileId: 'lenient', webhookUrl: 'not a url' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('pins new decisions to the chosen profile while running ones keep theirs', async () => {
    const before = await flow.create();
    const changed = await put({ profileId: 'strict', webhookUrl: 'http://127.0.0.1:9/hook' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ profile: { id: 'strict', version: 2 }, webhookUrl: 'http://127.0.0.1:9/hook' });
    const after = await flow.create();
    expect((await flow.get(before)).body.profile).toEqual({ id: 'national', version: 2 });
    expect((await flow.get(after)).body.profile).toEqual({ id: 'strict', version: 2 });

    await flow.ok(after, who.secretary, lawful.accept);
    const waiver = await flow.send(after, who.drafter, { type: 'WAIVE_EXPERT_ARGUMENTATION', ground: 'NOT_PROFESSIONAL_OR_TECHNICAL', reason: '非专业性事项' });
    expect(waiver.status).toBe(422);
    expect(waiver.body.code).toBe('WAIVER_NOT_ALLOWED');
    await flow.ok(before, who.secretary, lawful.accept);
    await flow.ok(before, who.drafter, { type: 'WAIVE_EXPERT_ARGUMENTATION', ground: 'NOT_PROFESSIONAL_OR_TECHNICAL', reason: '非专业性事项' });
    const replay = await t.http.get(`/api/decisions/${before}/replay`).set('Authorization', bearer(who.auditor));
    expect(replay.body.verified).toBe(true);
  });
});
