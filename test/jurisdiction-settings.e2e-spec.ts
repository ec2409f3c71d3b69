import { createTestApp, type TestApp } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';
import { bearer } from './utils/token-for';

describe('Jurisdiction settings and profile pinning', () => {
  let t: TestApp;
  const who = people('county-strict');
  let flow: DecisionFlow;

  const savedAllow = process.env.WEBHOOK_ALLOW_HOSTS;
  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_HOSTS = '127.0.0.1, hooks.internal';
    t = await createTestApp();
    flow = new DecisionFlow(t, who);
  });
  afterAll(async () => {
    process.env.WEBHOOK_ALLOW_HOSTS = savedAllow;
    await t.close();
  });

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
    expect(changed.body).toMatchObject({ profile: { id: 'strict', version: 2 }, webhookUrl: 'http://127.0.0.1:9/hook', webhookSigned: true });
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

  it('refuses webhook destinations outside the policy (WEBHOOK_DESTINATION_FORBIDDEN), whatever the spelling of the address', async () => {
    for (const webhookUrl of [
      'http://127.0.0.2/hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.2]/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
      'http://192.168.1.1/',
      'http://100.64.1.1/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://0.0.0.0/',
      'http://224.0.0.1/',
      'http://localhost:8080/',
    ]) {
      const res = await put({ profileId: 'national', webhookUrl });
      expect([webhookUrl, res.status, res.body.code]).toEqual([webhookUrl, 422, 'WEBHOOK_DESTINATION_FORBIDDEN']);
      expect(res.body.message).toContain('通知回调地址不允许');
    }
    // numeric spellings of loopback: refused by the body's URL syntax or by the policy, never stored
    for (const webhookUrl of ['http://2130706434/hook', 'http://0x7f.0.0.2/hook', 'http://0177.0.0.2/hook', 'http://127.2/hook']) {
      const res = await put({ profileId: 'national', webhookUrl });
      expect([[400, 'VALIDATION_FAILED'], [422, 'WEBHOOK_DESTINATION_FORBIDDEN']]).toContainEqual([res.status, res.body.code]);
    }
    // a scheme other than http(s) never reaches the policy: the body's validation refuses it
    expect((await put({ profileId: 'national', webhookUrl: 'ftp://example.com/x' })).status).toBe(400);
    expect((await settings()).body.webhookUrl).toBe('http://127.0.0.1:9/hook'); // still the one set before
  });

  it('shows the signing secret once, on a new URL or a rotation, never on GET', async () => {
    const set = await put({ profileId: 'national', webhookUrl: 'http://hooks.internal/mde' });
    expect(set.status).toBe(200);
    expect(set.body.webhookSecret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const read = await settings();
    expect(read.body).toMatchObject({ webhookUrl: 'http://hooks.internal/mde', webhookSigned: true });
    expect(read.body.webhookSecret).toBeUndefined();
    expect((await put({ profileId: 'strict', webhookUrl: 'http://hooks.internal/mde' })).body.webhookSecret).toBeUndefined();

    const rotate = (actor = who.admin) => t.http.post('/api/jurisdictions/county-strict/settings/webhook-secret').set('Authorization', bearer(actor));
    expect((await rotate(who.secretary)).body.code).toBe('FORBIDDEN_ROLE');
    const rotated = await rotate();
    expect(rotated.status).toBe(200);
    expect(rotated.body.webhookSecret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(rotated.body.webhookSecret).not.toBe(set.body.webhookSecret);

    await put({ profileId: 'strict' });
    expect((await settings()).body).toMatchObject({ webhookUrl: null, webhookSigned: false });
    const none = await rotate();
    expect([none.status, none.body.code]).toEqual([422, 'WEBHOOK_NOT_SET']);
  });
});
