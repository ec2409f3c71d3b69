import { LOG_DESTINATION } from '@app/config';
import { Controller, Post } from '@nestjs/common';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Public } from '../apps/api/src/auth';
import { bearer, createTestApp, TestApp, tokenFor } from './utils';
import { DecisionFlow, inDays, lawful, people } from './utils/decision-flow';

// Values no log line may carry, at any level: planted where people type them, and greped for.
const PLANTED = {
  body: 'planted-body-9f3c1a',
  contact: 'planted-contact-13800138000',
  token: 'planted-token-7e21bb',
  queryParameter: 'planted-query-param-51d0',
  upload: 'planted-upload-bytes-c0ffee',
  eventText: 'planted-event-text-8a8a',
};

// A query that fails on its parameters, as a bad input reaching SQL would: text where an int belongs, file bytes beside it.
@Controller('test-logs')
class FailingQueryController {
  constructor(private readonly dataSource: DataSource) {}

  @Public()
  @Post('failing-query')
  async fail() {
    await this.dataSource.query('SELECT $1::int AS n, $2::bytea AS b', [PLANTED.queryParameter, Buffer.from(PLANTED.upload)]);
  }
}

describe('logs at LOG_LEVEL=trace', () => {
  let t: TestApp;
  let logged = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged += String(chunk);
      done();
    },
  });
  const who = people('county-logs');

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'trace';
    t = await createTestApp({ controllers: [FailingQueryController], configure: (b) => b.overrideProvider(LOG_DESTINATION).useValue(sink) });
    const flow = new DecisionFlow(t, who);

    // A body (the title), an event payload, an open consultation and a comment with contact data.
    const id = await flow.create({ title: `高标准农田 ${PLANTED.body}` });
    await flow.ok(id, who.secretary, lawful.accept);
    await flow.ok(id, who.drafter, lawful.draft(`草案 ${PLANTED.eventText}`));
    await flow.ok(id, who.drafter, { type: 'OPEN_PUBLIC_COMMENT', startsAt: inDays(0), endsAt: inDays(30), channels: ['网站'], explanation: '起草说明' });
    await t.http.post(`/api/public/consultations/${id}/comments`).send({ content: `意见 ${PLANTED.body}`, name: '张三', contact: PLANTED.contact }).expect(201);
    // Refused bodies are logged no more than accepted ones.
    await t.http.post(`/api/decisions/${id}/events`).set('Authorization', bearer(who.drafter)).send({ type: 'REVISE_DRAFT', text: PLANTED.eventText, materialId: 'zzz', changeSummary: PLANTED.body }).expect(400);
    await t.http.post('/api/decisions').set('Authorization', bearer(who.drafter)).set('Content-Type', 'application/json').send(`{"title": "${PLANTED.body}`).expect(400);
    // Tokens, good and bad, in the header and in the query string.
    await t.http.get('/api/decisions').set('Authorization', `Bearer ${PLANTED.token}`).expect(401);
    await t.http.get(`/api/decisions?token=${PLANTED.token}`).set('Authorization', bearer(who.drafter)).expect(400);
    // An upload, and a query failing on its parameters (500, logged with its error).
    await t.http.post('/api/materials').set('Authorization', bearer(who.drafter)).attach('file', Buffer.from(PLANTED.upload), 'plan.txt').expect(201);
    await t.http.post('/api/test-logs/failing-query').expect(500);
  });
  afterAll(async () => {
    await t.close();
    process.env.LOG_LEVEL = 'silent';
  });

  const lines = () => logged.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, any>);

  it('logged the requests and the failure (the grep below has something to read)', () => {
    const all = lines();
    expect(all.filter((l) => l.req && l.res).length).toBeGreaterThanOrEqual(10);
    const failure = all.find((l) => l.err?.code === '22P02');
    expect(failure).toMatchObject({ level: 50, path: '/api/test-logs/failing-query', err: { type: 'QueryFailedError', message: expect.stringContaining('invalid input syntax for type integer') } });
  });

  it.each(Object.entries(PLANTED))('carries no %s', (_kind, value) => {
    expect(logged).not.toContain(value);
  });

  it('carries no token, no contact data of commenters and no stored bytes, encoded either', () => {
    const token = tokenFor(who.drafter);
    for (const value of [token.split('.')[2], Buffer.from(PLANTED.upload).toString('base64'), Buffer.from(PLANTED.upload).toString('hex'), Buffer.from(PLANTED.contact).toString('base64')]) {
      expect(logged).not.toContain(value);
    }
  });

  it('shows requests by method, path and status only', () => {
    const request = lines().find((l) => l.req?.method === 'GET' && l.req.path === '/api/decisions');
    expect(Object.keys(request!.req).sort()).toEqual(['id', 'method', 'path']);
    expect(request!.res).toEqual({ statusCode: expect.any(Number) });
  });
});
