import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ActorClaimsInput } from '../apps/api/src/auth/actor-token';
import { Clock } from '@app/common';
import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, inDays, lawful, people } from './utils/decision-flow';
import { expectError, reasonCodes } from './utils/trail-assertions';

// Public participation online (公开征求意见): open comment periods of non-confidential decisions are
// listed without an account, the public comments while a period is open (rate limited per client IP),
// contact data stays with the drafting unit, and the opinion report must account for every comment.

const J = 'county-pub';
const DAY = 86_400_000;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** A 30-day period opened now (a period counts from when it is recorded), with the explanation published beside the draft. */
const openingFor = (explanation = '起草说明：依据和主要内容') => ({
  type: 'OPEN_PUBLIC_COMMENT',
  startsAt: inDays(0),
  endsAt: inDays(30),
  channels: ['县政府门户网站', '意见箱'],
  explanation,
});

/** The server's clock, movable by the test (the procedure reads time only from it). */
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

describe('Public consultation (公开征求意见)', () => {
  let t: TestApp;
  let flow: DecisionFlow;
  const who = people(J);
  const ids: Record<'open' | 'elapsed' | 'future' | 'proposed' | 'secret' | 'report', string> = {} as never;
  const env = { ...process.env };

  const listing = (query = '') => t.http.get(`/api/public/consultations${query}`);
  const comment = (id: string, body: object, app = t) => app.http.post(`/api/public/consultations/${id}/comments`).send(body);
  const staffComments = (id: string, actor: ActorClaimsInput) => t.http.get(`/api/decisions/${id}/comments`).set('Authorization', bearer(actor));
  const listedIds = async (query = '') => (await listing(query)).body.items.map((c: { decisionId: string }) => c.decisionId);

  async function opened(title: string, opening: Record<string, unknown> = openingFor(), text = `${title}（征求意见稿）正文`) {
    const id = await flow.create({ title });
    await flow.ok(id, who.secretary, lawful.accept);
    await flow.ok(id, who.drafter, lawful.draft(text));
    await flow.ok(id, who.drafter, opening);
    return id;
  }

  beforeAll(async () => {
    process.env.PUBLIC_COMMENT_RATE_LIMIT = '1000';
    t = await createTestApp({ configure: (b) => b.overrideProvider(Clock).useValue(clock) });
    flow = new DecisionFlow(t, who);
    ids.open = await opened('农村公路养护管理办法', openingFor('起草说明：为规范农村公路养护，制定本办法。'));
    ids.elapsed = await opened('已届满的征求意见', { ...lawful.openComment, evidenceMaterialId: await flow.notice() });
    ids.future = await opened('尚未开始的征求意见', { ...openingFor(), startsAt: inDays(2), endsAt: inDays(40) });
    ids.proposed = await flow.create({ title: '尚在立项阶段的决策' });
    ids.secret = await flow.create({ title: '涉密：应急物资储备方案', confidential: true });
    await flow.ok(ids.secret, who.secretary, lawful.accept);
    await flow.ok(ids.secret, who.drafter, lawful.draft('涉密草案'));
    ids.report = await opened('城区停车收费调整方案');
  });
  afterAll(async () => {
    process.env = env;
    await t.close();
  });

  describe('GET /api/public/consultations', () => {
    it('lists open periods with the published draft and explanation, without an account', async () => {
      const res = await listing();
      expect(res.status).toBe(200);
      const item = res.body.items.find((c: { decisionId: string }) => c.decisionId === ids.open);
      expect(item).toEqual({
        decisionId: ids.open,
        jurisdiction: J,
        title: '农村公路养护管理办法',
        category: 'PUBLIC_POLICY',
        summary: null,
        undertakingUnit: 'agri-bureau',
        draft: { version: 1, hash: sha256('农村公路养护管理办法（征求意见稿）正文'), text: '农村公路养护管理办法（征求意见稿）正文', material: null },
        explanation: '起草说明：为规范农村公路养护，制定本办法。',
        channels: ['县政府门户网站', '意见箱'],
        startsAt: expect.any(String),
        endsAt: expect.any(String),
        urgencyReason: null,
        period: 1,
        comments: 0,
      });
      expect((await t.http.get(`/api/public/consultations/${ids.open}`)).body).toEqual(item);
    });

    it('offers a draft uploaded as a file for download while the period is open', async () => {
      const bytes = Buffer.from('供水价格调整方案（征求意见稿）全文');
      const upload = await t.http.post('/api/materials').set('Authorization', bearer(who.drafter)).attach('file', bytes, '供水价格调整方案.txt');
      const id = await flow.create({ title: '供水价格调整方案' });
      await flow.ok(id, who.secretary, lawful.accept);
      await flow.ok(id, who.drafter, { type: 'REVISE_DRAFT', materialId: upload.body.id, changeSummary: '初稿' });
      await flow.ok(id, who.drafter, openingFor());
      const view = (await t.http.get(`/api/public/consultations/${id}`)).body;
      expect(view.draft).toEqual({ version: 1, hash: sha256(bytes.toString()), text: null, material: { id: upload.body.id, filename: '供水价格调整方案.txt', sha256: sha256(bytes.toString()) } });
      const file = await t.http.get(`/api/public/consultations/${id}/draft`);
      expect(file.status).toBe(200);
      expect(file.text).toBe(bytes.toString());
      expectError(await t.http.get(`/api/public/consultations/${ids.open}/draft`), 404, 'NOT_FOUND');
      expectError(await t.http.get(`/api/public/consultations/${ids.elapsed}/draft`), 404, 'NOT_FOUND');
    });

    it('lists only periods open now, optionally of one jurisdiction', async () => {
      const listed = await listedIds();
      expect(listed).toEqual(expect.arrayContaining([ids.open, ids.report]));
      for (const id of [ids.elapsed, ids.future, ids.proposed, ids.secret]) expect(listed).not.toContain(id);
      expect(await listedIds(`?jurisdiction=${J}`)).toEqual(expect.arrayContaining([ids.open, ids.report]));
      expect(await listedIds('?jurisdiction=county-nowhere')).toEqual([]);
      expectError(await t.http.get(`/api/public/consultations/${ids.elapsed}`), 404, 'NOT_FOUND');
    });

    it('never lists nor accepts comments on a confidential decision, whatever its step says', async () => {
      expectError(await comment(ids.secret, { content: '试探' }), 404, 'NOT_FOUND');
      const db = t.app.get(DataSource);
      await db.query(`UPDATE decisions SET confidential = true WHERE id = $1`, [ids.open]);
      try {
        expect(await listedIds()).not.toContain(ids.open);
        expectError(await t.http.get(`/api/public/consultations/${ids.open}`), 404, 'NOT_FOUND');
        expectError(await comment(ids.open, { content: '试探' }), 404, 'NOT_FOUND');
      } finally {
        await db.query(`UPDATE decisions SET confidential = false WHERE id = $1`, [ids.open]);
      }
      expect(await listedIds()).toContain(ids.open);
    });
  });

  describe('POST /api/public/consultations/:decisionId/comments', () => {
    const contact = '13800001234';

    it('accepts a comment while the period is open (201) and never echoes contact data', async () => {
      const content = '建议明确村道养护资金的分担比例。';
      const res = await comment(ids.open, { content, name: '张三', contact });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), decisionId: ids.open, sha256: sha256(content), receivedAt: expect.any(String) });
      const pub = await listing();
      expect(pub.body.items.find((c: { decisionId: string }) => c.decisionId === ids.open).comments).toBe(1);
      for (const body of [pub.body, (await t.http.get(`/api/public/consultations/${ids.open}`)).body]) {
        expect(JSON.stringify(body)).not.toContain(contact);
        expect(JSON.stringify(body)).not.toContain('张三');
      }
    });

    it('refuses malformed or oversized comments (400)', async () => {
      for (const body of [{}, { content: '' }, { content: '   ' }, { content: 'x'.repeat(5001) }, { content: '意见', name: '名'.repeat(101) }, { content: '意见', contact: '1'.repeat(201) }, { content: '意见', email: 'a@b.c' }]) {
        expectError(await comment(ids.open, body), 400, 'VALIDATION_FAILED');
      }
      expectError(await t.http.post('/api/public/consultations/not-a-uuid/comments').send({ content: '意见' }), 400, 'VALIDATION_FAILED');
    });

    it('refuses with 422 COMMENT_PERIOD_CLOSED outside the period, 404 for an unknown decision', async () => {
      for (const id of [ids.elapsed, ids.future, ids.proposed]) {
        const res = await comment(id, { content: '逾期意见' });
        expectError(res, 422, 'COMMENT_PERIOD_CLOSED');
        expect(reasonCodes(res)).toEqual(['COMMENT_PERIOD_CLOSED']);
      }
      expectError(await comment('00000000-0000-4000-8000-000000000000', { content: '意见' }), 404, 'NOT_FOUND');
    });

    it('shows comments to users who see the decision; contact only to the undertaking unit’s drafters', async () => {
      const own = await staffComments(ids.open, who.drafter);
      expect(own.status).toBe(200);
      expect(own.body.items).toEqual([expect.objectContaining({ content: '建议明确村道养护资金的分担比例。', name: '张三', contact, round: 1 })]);
      for (const actor of [who.secretary, who.auditor, { ...who.drafter, sub: 'drafter-env', unit: 'env-bureau' }]) {
        const res = await staffComments(ids.open, actor);
        expect(res.status).toBe(200);
        expect(res.body.items).toHaveLength(1);
        expect(res.body.items[0]).not.toHaveProperty('contact');
      }
      expectError(await staffComments(ids.open, people('county-elsewhere').drafter), 404, 'NOT_FOUND');
      expectError(await t.http.get(`/api/decisions/${ids.open}/comments`), 401, 'UNAUTHENTICATED');
    });
  });

  describe('the opinion report accounts for every comment', () => {
    const commentIds: string[] = [];

    it('refuses a report that leaves a comment unaccounted (422 COMMENTS_NOT_ACCOUNTED), then accepts a complete one', async () => {
      for (const content of ['停车收费应区分高峰时段。', '建议对居民夜间停车给予优惠。']) {
        commentIds.push((await comment(ids.report, { content, contact: 'citizen@example.cn' })).body.id);
      }
      clock.offsetMs = 31 * DAY;
      try {
        expectError(await comment(ids.report, { content: '期满后的意见' }), 422, 'COMMENT_PERIOD_CLOSED');
        expect(await listedIds()).not.toContain(ids.report);
        await flow.ok(ids.report, who.drafter, lawful.closeComment);
        const base = { ...lawful.opinionReport, summary: '收到网上意见2条' };
        const none = await flow.send(ids.report, who.drafter, base);
        expectError(none, 422, 'COMMENTS_NOT_ACCOUNTED');
        const partial = await flow.send(ids.report, who.drafter, { ...base, commentDispositions: [{ commentId: commentIds[0], adopted: true }] });
        expectError(partial, 422, 'COMMENTS_NOT_ACCOUNTED');
        expect(partial.body.message).toContain(commentIds[1]);
        const dispositions = [
          { commentId: commentIds[0], adopted: true },
          { commentId: commentIds[1], adopted: false, reason: '与停车资源统筹配置原则不符' },
        ];
        const accepted = await flow.ok(ids.report, who.drafter, { ...base, commentDispositions: dispositions });
        expect(accepted.decision.steps.publicParticipation.status).toBe('completed');
        const history = (await t.http.get(`/api/decisions/${ids.report}/history`).set('Authorization', bearer(who.auditor))).body.events;
        const report = history[history.length - 1];
        const received = await staffComments(ids.report, who.drafter);
        // machine v2: the report binds the round's comments as groups, each comment on its own here (`comment:<id>`)
        const groups = received.body.items
          .map((c: { id: string; sha256: string }) => ({ groupId: `comment:${c.id}`, count: 1, digest: sha256(`${c.id}:${c.sha256}\n`) }))
          .sort((a: { groupId: string }, b: { groupId: string }) => (a.groupId < b.groupId ? -1 : 1));
        expect(report.payload.receivedCommentSummary).toEqual({ total: 2, spam: 0, groups });
        expect(received.body.items.map((c: { sha256: string }) => c.sha256).sort()).toEqual([sha256('停车收费应区分高峰时段。'), sha256('建议对居民夜间停车给予优惠。')].sort());
      } finally {
        clock.offsetMs = 0;
      }
    });
  });

  it('documents the public routes in the OpenAPI document, but not the web page', async () => {
    const paths = Object.keys((await t.http.get('/api/docs-json')).body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/public/consultations', '/api/public/consultations/{decisionId}/comments', '/api/decisions/{id}/comments', '/api/catalogues/{year}']));
    expect(paths.filter((p) => !p.startsWith('/api/'))).toEqual([]);
  });

  describe('rate limiting per client IP, shared by every API process', () => {
    const apps: TestApp[] = [];
    const limitedApp = async (trustProxy: string | undefined) => {
      process.env.PUBLIC_COMMENT_RATE_LIMIT = '3';
      if (trustProxy === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = trustProxy;
      const app = await createTestApp();
      apps.push(app);
      return app;
    };
    afterAll(async () => {
      for (const app of apps) await app.close();
      // the count is shared through the run's database: leave loopback unblocked for the files after this one
      await t.app.get(DataSource).query(`DELETE FROM rate_limits`);
    });

    it('answers 429 TOO_MANY_REQUESTS beyond PUBLIC_COMMENT_RATE_LIMIT per minute and client, whichever process answers', async () => {
      const [a, b] = [await limitedApp('true'), await limitedApp('true')];
      const from = (app: TestApp, ip: string, content: string) => comment(ids.open, { content }, app).set('X-Forwarded-For', ip);
      expect((await from(a, '203.0.113.5', '第1条意见')).status).toBe(201);
      expect((await from(b, '203.0.113.5', '第2条意见')).status).toBe(201);
      expect((await from(a, '203.0.113.5', '第3条意见')).status).toBe(201);
      // the fourth comment of the minute, on the other process: refused all the same
      const refused = await from(b, '203.0.113.5', '第4条意见');
      expectError(refused, 429, 'TOO_MANY_REQUESTS');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expectError(await from(a, '203.0.113.5', '第5条意见'), 429, 'TOO_MANY_REQUESTS');
      expect((await from(b, '203.0.113.6', '另一位公众的意见')).status).toBe(201);
      expect((await a.http.get('/api/public/consultations')).status).toBe(200);
      const stored = await staffComments(ids.open, who.drafter);
      const contents = stored.body.items.map((c: { content: string }) => c.content);
      expect(contents).not.toContain('第4条意见');
      expect(contents).not.toContain('第5条意见');
    });

    it('never takes a forged X-Forwarded-For for the client when no proxy is trusted', async () => {
      const direct = await limitedApp(undefined);
      // this file's other requests came from the same loopback address: start its count afresh
      await t.app.get(DataSource).query(`DELETE FROM rate_limits`);
      const forged = (n: number) => comment(ids.open, { content: `伪造来源的意见${n}` }, direct).set('X-Forwarded-For', `198.51.100.${n}`);
      for (let n = 1; n <= 3; n++) expect((await forged(n)).status).toBe(201);
      expectError(await forged(4), 429, 'TOO_MANY_REQUESTS');
    });
  });
});
