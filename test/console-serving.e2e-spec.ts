import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import { bearer, type TestApp } from './utils';
import { DecisionFlow, people } from './utils/decision-flow';
import { ensureConsoleBuilt } from './console/console-harness';
import { createTestApp } from './utils/create-test-app';

// The console as the API serves it (same origin, strict CSP, single-page routes on reload), its
// configuration and statechart endpoints, and the API's answers checked against the response shapes its
// OpenAPI document declares (the console's typed client is generated from them).

jest.setTimeout(120_000);

describe('Console serving and the documented response shapes', () => {
  let t: TestApp;
  const who = people('county-console-serving');
  let id: string;
  let shape: (name: string, body: unknown) => void;
  const validate = (name: string, res: Response) => {
    expect(res.status).toBeLessThan(300);
    shape(name, res.body);
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await createTestApp();
    const flow = new DecisionFlow(t, who);
    id = await flow.create({ title: '城市更新行动实施方案' });
    await flow.toDecided(id);
    const document = (await t.http.get('/api/docs-json')).body;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'api', components: document.components });
    shape = (name, body) => {
      const check = ajv.getSchema(`api#/components/schemas/${name}`)!;
      if (!check(body)) throw new Error(`${name} does not match its documented shape: ${ajv.errorsText(check.errors)}`);
    };
  });
  afterAll(() => t?.close());

  const csp = (res: Response) => String(res.headers['content-security-policy']);

  it('serves the console under a strict CSP whose style nonce is new on every page', async () => {
    const [a, b] = await Promise.all([t.http.get('/console'), t.http.get('/console/')]);
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toContain('text/html');
    expect(csp(a)).toContain("script-src 'self'");
    expect(csp(a)).not.toMatch(/unsafe-inline|unsafe-eval|https?:\/\//);
    const nonce = /'nonce-([^']+)'/.exec(csp(a))![1];
    expect(a.text).toContain(`<meta name="csp-nonce" content="${nonce}"`);
    expect(csp(b)).not.toContain(nonce);
    expect(a.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('answers every route of the single-page app with the page, so a reload works', async () => {
    const res = await t.http.get(`/console/decisions/${id}/audit`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="root"></div>');
  });

  it('serves the built files with long caching, and a 404 for a file that is not there', async () => {
    const page = await t.http.get('/console');
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(page.text)![1];
    const js = await t.http.get(script);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await t.http.get('/console/assets/not-there.js')).status).toBe(404);
  });

  it('tells the console whether to offer the identity provider (not configured here)', async () => {
    const res = await t.http.get('/api/console/config');
    validate('ConsoleConfig', res);
    expect(res.body).toEqual({ oidc: null });
  });

  it('describes the statechart of a machine version it knows, and 404 for one it does not', async () => {
    const res = await t.http.get('/api/procedure/machines/major-decision/1').set('Authorization', bearer(who.auditor));
    validate('MachineStructure', res);
    expect(res.body.root.states.map((s: { key: string }) => s.key)).toEqual(expect.arrayContaining(['proposed', 'drafting', 'legalityReview', 'collectiveDiscussion']));
    expect((await t.http.get('/api/procedure/machines/major-decision/99').set('Authorization', bearer(who.auditor))).status).toBe(404);
    expect((await t.http.get('/api/procedure/machines/major-decision/1')).status).toBe(401);
  });

  it('answers as the OpenAPI document says (decision, list, history, replay, verify, deadlines, comments)', async () => {
    const as = (path: string) => t.http.get(path).set('Authorization', bearer(who.auditor));
    validate('Decision', await as(`/api/decisions/${id}`));
    validate('DecisionList', await as('/api/decisions?pageSize=5'));
    validate('DecisionHistory', await as(`/api/decisions/${id}/history`));
    validate('ReplayReport', await as(`/api/decisions/${id}/replay?toSeq=3`));
    validate('VerifyReport', await as('/api/audit/verify'));
    validate('DeadlineList', await as('/api/deadlines'));
    validate('DecisionComments', await as(`/api/decisions/${id}/comments`));
  });

  it('documents the answer to an accepted event and an upload', async () => {
    const event = await t.http.post(`/api/decisions/${id}/events`).set('Authorization', bearer(who.secretary)).send({ type: 'REPORT_TO_PARTY_COMMITTEE', reportedAt: new Date().toISOString(), reference: '请示1号' });
    validate('EventAccepted', event);
    const upload = await t.http.post('/api/materials').set('Authorization', bearer(who.drafter)).attach('file', Buffer.from('草案全文'), '草案.txt');
    validate('MaterialStored', upload);
  });

  it('answers a refusal with the documented error body', async () => {
    const refused = await t.http.post(`/api/decisions/${id}/events`).set('Authorization', bearer(who.drafter)).send({ type: 'PUBLISH', publishedAt: new Date().toISOString(), channels: ['网站'] });
    expect(refused.status).toBe(403);
    shape('ErrorBody', refused.body);
  });
});
