import { RULES } from '@app/procedure';
import { Controller, Get } from '@nestjs/common';
import { Public } from '../apps/api/src/auth';
import { bearer, createTestApp, TestApp } from './utils';
import { people } from './utils/decision-flow';

// A test-only route answering what a decision view answers: reasons worded by the procedure.
@Controller('test-edge')
class BlockedController {
  @Public()
  @Get('blocked')
  blocked() {
    return { blockedEvents: [{ type: 'HOLD_MEETING', reasons: [{ code: 'QUORUM_NOT_MET', message: RULES.QUORUM_NOT_MET }] }] };
  }
}

// What every response carries, whatever route answers: security headers and the caller's language.
describe('the HTTP edge', () => {
  let t: TestApp;
  const who = people('county-edge');

  beforeAll(async () => {
    t = await createTestApp({ controllers: [BlockedController] });
  });
  afterAll(() => t.close());

  describe('security headers (helmet) on every response', () => {
    it.each([
      ['an answer', 'get', '/api/health', undefined],
      ['a refusal', 'get', '/api/decisions', undefined],
      ['an unknown route', 'get', '/api/no-such-route', undefined],
      ['a malformed body', 'post', '/api/decisions', '{'],
    ] as const)('on %s', async (_case, method, path, body) => {
      const req = t.http[method](path);
      const res = body ? await req.set('Content-Type', 'application/json').send(body) : await req;
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': expect.stringContaining('max-age='),
        'cross-origin-opener-policy': 'same-origin',
        'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
      });
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-powered-by']).toBeUndefined();
    });
  });

  describe('messages in Chinese, or in English on request', () => {
    it.each([
      ['401', () => t.http.get('/api/decisions'), 401, 'UNAUTHENTICATED', '缺少访问令牌（Authorization: Bearer <JWT>）', 'Missing bearer token (Authorization: Bearer <JWT>)'],
      ['403', () => t.http.get('/api/audit/verify').set('Authorization', bearer(who.drafter)), 403, 'FORBIDDEN_ROLE', '该接口需要以下角色之一：auditor, admin', 'This endpoint requires one of the roles: auditor, admin'],
      ['404 of a decision', () => t.http.get('/api/decisions/3f2b8c1e-9a4d-4c55-8d1e-2b7a9c0d1e2f').set('Authorization', bearer(who.drafter)), 404, 'NOT_FOUND', '决策事项不存在', 'Decision not found'],
      ['404 of a route', () => t.http.get('/api/no-such-route'), 404, 'NOT_FOUND', '请求的地址不存在：GET /api/no-such-route', 'No such endpoint: GET /api/no-such-route'],
      ['400 of a bad id', () => t.http.get('/api/decisions/zzz').set('Authorization', bearer(who.drafter)), 400, 'VALIDATION_FAILED', 'id 须为 UUID', 'id must be a UUID'],
      ['400 of a bad body', () => t.http.post('/api/decisions').set('Authorization', bearer(who.drafter)).send({ category: 'PUBLIC_POLICY' }), 400, 'VALIDATION_FAILED', 'title 为必填项', 'title is required'],
      ['413', () => t.http.post('/api/decisions').set('Authorization', bearer(who.drafter)).send({ title: 'x'.repeat(1024 * 1024 + 1) }), 413, 'PAYLOAD_TOO_LARGE', '请求体超过大小限制', 'Request body too large'],
    ])('%s', async (_case, send, status, code, chinese, english) => {
      const zh = await send();
      expect(zh.body).toMatchObject({ statusCode: status, code, message: chinese });
      expect(zh.headers['content-language']).toBe('zh-CN');
      const en = await send().set('Accept-Language', 'en-US,en;q=0.9');
      expect(en.body).toMatchObject({ statusCode: status, code, message: english });
      expect(en.headers['content-language']).toBe('en');
      expect(en.headers.vary).toContain('Accept-Language');
    });

    it('words the reasons inside a successful answer (blockedEvents) in English too', async () => {
      const zh = await t.http.get('/api/test-edge/blocked');
      expect(zh.body.blockedEvents[0].reasons[0]).toEqual({ code: 'QUORUM_NOT_MET', message: RULES.QUORUM_NOT_MET });
      const en = await t.http.get('/api/test-edge/blocked').set('Accept-Language', 'en');
      expect(en.body.blockedEvents[0].reasons[0]).toEqual({ code: 'QUORUM_NOT_MET', message: 'Fewer members attend than the required share' });
      expect(en.headers['content-language']).toBe('en');
    });
  });

  describe('bodies', () => {
    it('refuses a body nesting deeper than 32 levels with 400, not a stack overflow', async () => {
      for (const depth of [33, 100_000]) {
        const json = `{"title":"x","category":"PUBLIC_POLICY","summary":${'['.repeat(depth)}${']'.repeat(depth)}}`;
        const res = await t.http.post('/api/decisions').set('Authorization', bearer(who.drafter)).set('Content-Type', 'application/json').send(json);
        expect(res.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: '请求体嵌套超过 32 层' });
      }
    });

    it('counts no brackets inside strings', async () => {
      const res = await t.http.post('/api/decisions').set('Authorization', bearer(who.drafter)).send({ title: '['.repeat(100), category: 'PUBLIC_POLICY' });
      expect(res.status).toBe(201);
    });
  });

  describe('downloads of materials', () => {
    it('are always application/octet-stream attachments, never the uploader\'s Content-Type', async () => {
      const page = '<html><script>alert(1)</script></html>';
      const uploaded = await t.http
        .post('/api/materials')
        .set('Authorization', bearer(who.drafter))
        .attach('file', Buffer.from(page), { filename: '通知.html', contentType: 'text/html' })
        .expect(201);
      const res = await t.http.get(`/api/materials/${uploaded.body.id}`).set('Authorization', bearer(who.drafter)).buffer(true).parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      expect(res.headers).toMatchObject({
        'content-type': 'application/octet-stream',
        'x-content-type-options': 'nosniff',
        'content-disposition': `attachment; filename="__.html"; filename*=UTF-8''${encodeURIComponent('通知.html')}`,
        'content-security-policy': "default-src 'none'; sandbox",
        'x-content-sha256': uploaded.body.sha256,
      });
      expect((res.body as Buffer).toString()).toBe(page);
    });
  });
});

describe('API_DOCS', () => {
  afterEach(() => delete process.env.API_DOCS);

  it('serves the OpenAPI UI and document by default, and neither with API_DOCS=false', async () => {
    const on = await createTestApp();
    try {
      await on.http.get('/api/docs-json').expect(200);
    } finally {
      await on.close();
    }
    process.env.API_DOCS = 'false';
    const off = await createTestApp();
    try {
      await off.http.get('/api/docs-json').expect(404);
      await off.http.get('/api/docs').expect(404);
    } finally {
      await off.close();
    }
  });
});
