import { DecisionService } from '@app/decisions';
import { systemActor } from '@app/procedure';
import { randomUUID } from 'node:crypto';
import type { ActorClaimsInput } from '../apps/api/src/auth/actor-token';
import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, inDays, lawful, people } from './utils/decision-flow';
import { expectError, markOf, reasonCodes, type TrailMark } from './utils/trail-assertions';

// One test per error code of API.md, over HTTP. After every refused event the decision's
// version, last hash and history length are unchanged: a refused event is not recorded.

const JURISDICTION = 'county-errors';
const OTHER = 'county-errors-other';

describe('Decision events: the error model of API.md', () => {
  let t: TestApp;
  let flow: DecisionFlow;
  const who = people(JURISDICTION);
  const stranger = people(OTHER);

  beforeAll(async () => {
    t = await createTestApp();
    flow = new DecisionFlow(t, who);
  });
  afterAll(() => t.close());

  const mark = (id: string) => markOf(t, id, who.auditor);
  const raw = (id: string, actor: ActorClaimsInput, json: string) =>
    t.http.post(`/api/decisions/${id}/events`).set('Authorization', bearer(actor)).set('Content-Type', 'application/json').send(json);
  /** Sends, then checks the refusal and that nothing was recorded. */
  async function refused(id: string, before: TrailMark, send: () => Promise<import('supertest').Response>, status: number, code: string) {
    const res = await send();
    expectError(res, status, code);
    expect(await mark(id)).toEqual(before);
    return res;
  }
  /** A decision in drafting with a first draft (version 3). */
  async function drafting(): Promise<string> {
    const id = await flow.create();
    await flow.ok(id, who.secretary, lawful.accept);
    await flow.ok(id, who.drafter, lawful.draft());
    return id;
  }

  describe('400 VALIDATION_FAILED', () => {
    let id: string;
    let before: TrailMark;
    beforeAll(async () => {
      id = await drafting();
      before = await mark(id);
      expect(before).toMatchObject({ version: 3, events: 3 });
    });

    /** 400 naming `field` in the message or in details.fields / details.field. */
    const namesField = (res: import('supertest').Response, field: string) => {
      const named = [...(res.body.details?.fields ?? []), res.body.details?.field].includes(field) || res.body.message.includes(field);
      expect({ field, named, body: res.body }).toMatchObject({ named: true });
    };

    it('refuses malformed JSON', async () => {
      const res = await refused(id, before, () => raw(id, who.drafter, '{"type": "REVISE_DRAFT", "text": '), 400, 'VALIDATION_FAILED');
      expect(res.body.message).toBe('请求体不是合法的 JSON');
    });

    it('refuses a body that is not an object', async () => {
      await refused(id, before, () => raw(id, who.drafter, '["REVISE_DRAFT"]'), 400, 'VALIDATION_FAILED');
      await refused(id, before, () => raw(id, who.drafter, '"REVISE_DRAFT"'), 400, 'VALIDATION_FAILED');
    });

    it('refuses an unknown event type, and a missing one, naming `type`', async () => {
      for (const body of [{ type: 'APPROVE_EVERYTHING' }, { type: 'CREATE_DECISION', title: 'x', category: 'PUBLIC_POLICY' }, { type: 'PUBLIC_COMMENT_ELAPSED' }, {}]) {
        const res = await refused(id, before, () => flow.send(id, who.drafter, body), 400, 'VALIDATION_FAILED');
        expect(res.body.details.fields).toEqual(['type']);
      }
    });

    it('refuses wrong types, naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ ...lawful.draft(), text: 42 }, 'text'],
        [{ ...lawful.experts, experts: 'three professors' }, 'experts'],
        [{ ...lawful.riskReport, controllable: 'yes' }, 'controllable'],
        [{ ...lawful.riskReport, level: 'VERY_HIGH' }, 'level'],
        [{ ...lawful.openComment, channels: [1, 2] }, 'channels'],
      ];
      for (const [body, field] of cases) {
        const res = await refused(id, before, () => flow.send(id, who.drafter, body), 400, 'VALIDATION_FAILED');
        namesField(res, field);
      }
    });

    it('refuses a missing required field, naming it', async () => {
      const { changeSummary: _omit, ...body } = lawful.draft();
      const res = await refused(id, before, () => flow.send(id, who.drafter, body), 400, 'VALIDATION_FAILED');
      expect(res.body.details.fields).toContain('changeSummary');
      expect(res.body.message).toContain('changeSummary');
    });

    it('refuses an unknown extra field, at the top and nested', async () => {
      const top = await refused(id, before, () => flow.send(id, who.drafter, { ...lawful.draft(), approvedBy: 'mayor' }), 400, 'VALIDATION_FAILED');
      expect(top.body.details.fields).toEqual(['approvedBy']);
      // contentHash is computed by the engine; a client may not smuggle one in
      const smuggled = await refused(id, before, () => flow.send(id, who.drafter, { ...lawful.draft(), contentHash: 'f'.repeat(64) }), 400, 'VALIDATION_FAILED');
      expect(smuggled.body.details.fields).toEqual(['contentHash']);
      const experts = [{ ...lawful.experts.experts[0], bribe: true }, ...lawful.experts.experts.slice(1)];
      const nested = await refused(id, before, () => flow.send(id, who.drafter, { type: 'APPOINT_EXPERTS', experts }), 400, 'VALIDATION_FAILED');
      namesField(nested, 'experts.0.bribe');
    });

    it('refuses a 300k-character string where the field is capped (200k)', async () => {
      const res = await refused(id, before, () => flow.send(id, who.drafter, lawful.draft('x'.repeat(300_000))), 400, 'VALIDATION_FAILED');
      expect(res.body.details.fields).toEqual(['text']);
      const summary = await refused(id, before, () => flow.send(id, who.drafter, { ...lawful.draft(), changeSummary: 'y'.repeat(300_000) }), 400, 'VALIDATION_FAILED');
      expect(summary.body.details.fields).toEqual(['changeSummary']);
    });

    it('refuses a `__proto__` key (and constructor / prototype)', async () => {
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        const json = `{"type":"REVISE_DRAFT","text":"t","changeSummary":"c","${key}":{"isAdmin":true}}`;
        const res = await refused(id, before, () => raw(id, who.drafter, json), 400, 'VALIDATION_FAILED');
        expect(res.body.message).toContain(key);
      }
      const nested = `{"type":"APPOINT_EXPERTS","experts":[{"name":"a","field":"b","affiliation":"c","hasDirectInterest":false,"__proto__":{"x":1}}]}`;
      expect((await refused(id, before, () => raw(id, who.drafter, nested), 400, 'VALIDATION_FAILED')).body.message).toContain('__proto__');
    });

    it('refuses a path id that is not a UUID, naming it', async () => {
      for (const path of ['/api/decisions/not-a-uuid', '/api/decisions/1/history', "/api/decisions/'%20OR%201=1--/replay"]) {
        const res = await t.http.get(path).set('Authorization', bearer(who.auditor));
        expectError(res, 400, 'VALIDATION_FAILED');
        namesField(res, 'id');
      }
      const post = await t.http.post('/api/decisions/not-a-uuid/events').set('Authorization', bearer(who.drafter)).send(lawful.draft());
      expectError(post, 400, 'VALIDATION_FAILED');
      namesField(post, 'id');
    });

    it('refuses dates that are not ISO-8601 instants with a zone, naming the field', async () => {
      for (const startsAt of ['2026-13-01T00:00:00Z', '2026/12/01 09:00', '2026-12-01', '2026-12-01T09:00:00', 'tomorrow', 1764547200000]) {
        const res = await refused(id, before, () => flow.send(id, who.drafter, { ...lawful.openComment, startsAt }), 400, 'VALIDATION_FAILED');
        expect(res.body.details.fields).toEqual(['startsAt']);
      }
    });

    it('refuses a NUL character in a string, naming the field', async () => {
      const res = await refused(id, before, () => flow.send(id, who.drafter, lawful.draft('草案\u0000正文')), 400, 'VALIDATION_FAILED');
      expect(res.body.details.fields).toEqual(['text']);
      const inList = await refused(id, before, () => flow.send(id, who.drafter, { ...lawful.openComment, channels: ['网站\u0000'] }), 400, 'VALIDATION_FAILED');
      expect(inList.body.details.fields).toEqual(['channels']);
    });

    // Regression: a lone UTF-16 surrogate once passed validation and failed in jsonb with a 500.
    it('refuses a lone UTF-16 surrogate in a string (not storable in jsonb), naming the field', async () => {
      const json = '{"type":"REVISE_DRAFT","text":"草案\\ud800正文","changeSummary":"初稿"}';
      const res = await refused(id, before, () => raw(id, who.drafter, json), 400, 'VALIDATION_FAILED');
      namesField(res, 'text');
    });

    it('refuses a malformed If-Match or Idempotency-Key header, naming it', async () => {
      const ifMatch = await refused(id, before, () => flow.send(id, who.drafter, lawful.draft()).set('If-Match', 'version-3'), 400, 'VALIDATION_FAILED');
      namesField(ifMatch, 'If-Match');
      const key = await refused(id, before, () => flow.send(id, who.drafter, lawful.draft()).set('Idempotency-Key', 'k'.repeat(201)), 400, 'VALIDATION_FAILED');
      namesField(key, 'Idempotency-Key');
    });

    it('refuses a bad field on registration, naming it', async () => {
      const res = await t.http.post('/api/decisions').set('Authorization', bearer(who.drafter)).send({ title: '标题', category: 'MACRO_CONTROL' });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.details.fields).toEqual(['category']);
    });
  });

  describe('401 UNAUTHENTICATED', () => {
    it('refuses every decisions route without a valid token', async () => {
      const id = await flow.create();
      const before = await mark(id);
      const calls = [
        () => t.http.post(`/api/decisions/${id}/events`).send(lawful.accept),
        () => t.http.post(`/api/decisions/${id}/events`).set('Authorization', 'Bearer not.a.jwt').send(lawful.accept),
        () => t.http.post(`/api/decisions/${id}/events`).set('Authorization', `Basic ${Buffer.from('secretary:pw').toString('base64')}`).send(lawful.accept),
        () => t.http.get(`/api/decisions/${id}`),
        () => t.http.get(`/api/decisions/${id}/history`),
        () => t.http.get(`/api/decisions/${id}/replay`),
        () => t.http.get('/api/decisions'),
        () => t.http.post('/api/decisions').send({ title: 't', category: 'PUBLIC_POLICY' }),
        () => t.http.get('/api/audit/verify'),
      ];
      for (const call of calls) {
        const res = await call();
        expectError(res, 401, 'UNAUTHENTICATED');
        expect(Object.keys(res.body).sort()).toEqual(['code', 'message', 'statusCode']);
      }
      expect(await mark(id)).toEqual(before);
    });
  });

  describe('403 FORBIDDEN_ROLE', () => {
    it('refuses a drafter issuing the legality opinion', async () => {
      const id = await flow.create();
      await flow.toConsulted(id);
      await flow.ok(id, who.drafter, lawful.submitReview);
      const before = await mark(id);
      const res = await refused(id, before, () => flow.send(id, who.drafter, lawful.lawfulOpinion), 403, 'FORBIDDEN_ROLE');
      expect(res.body.reasons).toEqual([expect.objectContaining({ code: 'FORBIDDEN_ROLE' })]);
      // the right role, from another unit, may
      await flow.ok(id, who.reviewer, lawful.lawfulOpinion);
    });

    it('refuses an auditor whatever the event', async () => {
      const id = await flow.create();
      const before = await mark(id);
      for (const body of [lawful.accept, { type: 'DECLINE_PROPOSAL', reason: 'x' }, { type: 'WITHDRAW', reason: 'x' }, lawful.draft()]) {
        await refused(id, before, () => flow.send(id, who.auditor, body), 403, 'FORBIDDEN_ROLE');
      }
    });

    it('refuses a role outside the event table (executor accepting, head revising the draft)', async () => {
      const id = await flow.create();
      const before = await mark(id);
      await refused(id, before, () => flow.send(id, who.executor, lawful.accept), 403, 'FORBIDDEN_ROLE');
      await refused(id, before, () => flow.send(id, who.admin, lawful.accept), 403, 'FORBIDDEN_ROLE');
      await flow.ok(id, who.head, lawful.accept);
      const after = await mark(id);
      await refused(id, after, () => flow.send(id, who.head, lawful.draft()), 403, 'FORBIDDEN_ROLE');
    });
  });

  describe('403 SEPARATION_OF_DUTIES', () => {
    it('refuses a legality reviewer from the undertaking unit', async () => {
      const id = await flow.create();
      await flow.toConsulted(id);
      await flow.ok(id, who.drafter, lawful.submitReview);
      const before = await mark(id);
      const inHouseReviewer = { ...who.reviewer, sub: 'reviewer-agri', unit: 'agri-bureau' };
      const res = await refused(id, before, () => flow.send(id, inHouseReviewer, lawful.lawfulOpinion), 403, 'SEPARATION_OF_DUTIES');
      expect(res.body.reasons).toEqual([expect.objectContaining({ code: 'SEPARATION_OF_DUTIES' })]);
      await refused(id, before, () => flow.send(id, inHouseReviewer, { type: 'RETURN_FOR_MATERIALS', missing: ['风险评估报告'] }), 403, 'SEPARATION_OF_DUTIES');
    });

    it('refuses a drafter-and-reviewer reviewing the draft they submitted', async () => {
      // Only drafters of the undertaking unit submit (NOT_UNDERTAKING_UNIT): the dual-role person sits there.
      const dual: ActorClaimsInput = { sub: 'dual-1', name: '双重角色', roles: ['drafter', 'legal_reviewer'], unit: 'agri-bureau', jurisdiction: JURISDICTION };
      const id = await flow.create();
      await flow.toConsulted(id);
      await flow.ok(id, dual, lawful.submitReview);
      const before = await mark(id);
      const res = await refused(id, before, () => flow.send(id, dual, lawful.lawfulOpinion), 403, 'SEPARATION_OF_DUTIES');
      expect(res.body.message).toBeTruthy();
      await refused(id, before, () => flow.send(id, dual, { type: 'RETURN_FOR_MATERIALS', missing: ['x'] }), 403, 'SEPARATION_OF_DUTIES');
      const view = await flow.get(id, dual);
      expect(view.body.allowedEvents).not.toContain('ISSUE_LEGALITY_OPINION');
      // a reviewer of the legality review office may
      await flow.ok(id, { ...dual, sub: 'reviewer-2', roles: ['legal_reviewer'], unit: 'legal-affairs-office' }, lawful.lawfulOpinion);
    });
  });

  describe('404 NOT_FOUND', () => {
    it('answers 404 for an unknown decision on every route', async () => {
      const unknown = randomUUID();
      for (const res of [
        await t.http.get(`/api/decisions/${unknown}`).set('Authorization', bearer(who.auditor)),
        await t.http.get(`/api/decisions/${unknown}/history`).set('Authorization', bearer(who.auditor)),
        await t.http.get(`/api/decisions/${unknown}/replay`).set('Authorization', bearer(who.auditor)),
        await flow.send(unknown, who.secretary, lawful.accept),
        await flow.send(unknown, who.secretary, lawful.accept).set('If-Match', '"1"').set('Idempotency-Key', 'unknown-1'),
      ]) {
        expectError(res, 404, 'NOT_FOUND');
      }
    });

    it('answers NOT_FOUND below the HTTP layer too for an id that is no UUID (it is never inlined into SQL)', async () => {
      const decisions = t.app.get(DecisionService);
      for (const id of ['not-a-uuid', `${randomUUID()}' OR '1'='1`, `${randomUUID()}\n`]) {
        for (const idempotencyKey of [undefined, 'not-a-uuid-1']) {
          await expect(decisions.apply(id, { type: 'ACCEPT_PROPOSAL', payload: { undertakingUnit: 'agri-bureau' } }, systemActor(JURISDICTION), { idempotencyKey })).rejects.toMatchObject({ code: 'NOT_FOUND' });
        }
      }
    });

    it("answers 404 for another jurisdiction's decision, which is absent from its lists too", async () => {
      const id = await flow.create({ title: '跨辖区不可见的决策' });
      const before = await mark(id);
      for (const actor of Object.values(stranger)) {
        for (const path of [`/api/decisions/${id}`, `/api/decisions/${id}/history`, `/api/decisions/${id}/replay`, `/api/decisions/${id}/replay?toSeq=1`]) {
          const res = await t.http.get(path).set('Authorization', bearer(actor));
          expectError(res, 404, 'NOT_FOUND');
          expect(JSON.stringify(res.body)).not.toContain('跨辖区');
        }
        const list = await t.http.get('/api/decisions?pageSize=100').set('Authorization', bearer(actor));
        expect(list.status).toBe(200);
        expect(list.body.items.map((d: { id: string }) => d.id)).not.toContain(id);
        expect(list.body.total).toBe(list.body.items.length);
      }
      // the same refusal as for an unknown id, whatever the event or version
      await refused(id, before, () => flow.send(id, stranger.secretary, lawful.accept), 404, 'NOT_FOUND');
      await refused(id, before, () => flow.send(id, stranger.secretary, lawful.accept).set('If-Match', '"99"'), 404, 'NOT_FOUND');
      await refused(id, before, () => flow.send(id, stranger.auditor, lawful.accept), 404, 'NOT_FOUND');
      const verify = await t.http.get('/api/audit/verify').set('Authorization', bearer(stranger.auditor));
      expect(verify.body).toMatchObject({ ok: true, checkedEvents: 0 });
    });
  });

  describe('409 VERSION_CONFLICT', () => {
    it('refuses a stale If-Match and accepts the current one', async () => {
      const id = await flow.create();
      await flow.ok(id, who.secretary, lawful.accept);
      const current = await flow.get(id);
      expect(current.headers.etag).toBe('"2"');
      const before = await mark(id);
      for (const stale of ['"1"', '1', 'W/"1"', '"3"']) {
        const res = await refused(id, before, () => flow.send(id, who.drafter, lawful.draft()).set('If-Match', stale), 409, 'VERSION_CONFLICT');
        expect(res.body.message).toContain('2');
      }
      const ok = await flow.send(id, who.drafter, lawful.draft()).set('If-Match', current.headers.etag);
      expect(ok.status).toBe(200);
      expect(ok.headers.etag).toBe('"3"');
      expect(ok.body.event).toMatchObject({ seq: 3, type: 'REVISE_DRAFT' });
      expect(await mark(id)).toMatchObject({ version: 3, events: 3 });
    });
  });

  describe('422 EVENT_NOT_ALLOWED', () => {
    it('refuses events the current state does not know', async () => {
      const id = await flow.create();
      const before = await mark(id);
      await refused(id, before, () => flow.send(id, who.drafter, lawful.draft()), 422, 'EVENT_NOT_ALLOWED');
      await refused(id, before, () => flow.send(id, who.secretary, lawful.toDiscussion), 422, 'EVENT_NOT_ALLOWED');
      await flow.ok(id, who.secretary, { type: 'DECLINE_PROPOSAL', reason: '不属于重大行政决策事项' });
      const declined = await mark(id);
      await refused(id, declined, () => flow.send(id, who.secretary, lawful.accept), 422, 'EVENT_NOT_ALLOWED');
      await refused(id, declined, () => flow.send(id, who.drafter, { type: 'WITHDRAW', reason: 'x' }), 422, 'EVENT_NOT_ALLOWED');
    });
  });

  describe('422 rule codes', () => {
    it('SUBMIT_FOR_COLLECTIVE_DISCUSSION straight after acceptance: STEPS_NOT_SETTLED and LEGALITY_REVIEW_REQUIRED', async () => {
      const id = await flow.create();
      await flow.ok(id, who.secretary, lawful.accept);
      const before = await mark(id);
      const res = await refused(id, before, () => flow.send(id, who.drafter, lawful.toDiscussion), 422, 'STEPS_NOT_SETTLED');
      expect(reasonCodes(res).sort()).toEqual(['LEGALITY_REVIEW_REQUIRED', 'STEPS_NOT_SETTLED']);
      expect(res.body.code).toBe(res.body.reasons[0].code);
      expect(res.body.message).toBe(res.body.reasons[0].message);
      for (const r of res.body.reasons) expect(r).toEqual({ code: expect.any(String), message: expect.stringMatching(/.+/) });
    });

    it('DRAFT_CHANGED_SINCE_REVIEW after REVISE_DRAFT following a lawful opinion', async () => {
      const id = await flow.create();
      await flow.toReviewed(id);
      const reviewed = await flow.get(id);
      expect(reviewed.body.steps.legalityReview.status).toBe('completed');
      await flow.ok(id, who.drafter, lawful.draft('审查后修改的草案'));
      const before = await mark(id);
      const res = await refused(id, before, () => flow.send(id, who.drafter, lawful.toDiscussion), 422, 'DRAFT_CHANGED_SINCE_REVIEW');
      expect(reasonCodes(res)).toEqual(['DRAFT_CHANGED_SINCE_REVIEW']);
      await refused(id, before, () => flow.send(id, who.secretary, lawful.toDiscussion), 422, 'DRAFT_CHANGED_SINCE_REVIEW');
    });

    it('COMMENT_PERIOD_TOO_SHORT for a 10-day period without an urgency reason', async () => {
      const id = await drafting();
      const before = await mark(id);
      const short = { ...lawful.openComment, startsAt: inDays(0), endsAt: inDays(10) };
      const res = await refused(id, before, () => flow.send(id, who.drafter, short), 422, 'COMMENT_PERIOD_TOO_SHORT');
      expect(reasonCodes(res)).toEqual(['COMMENT_PERIOD_TOO_SHORT']);
      await flow.ok(id, who.drafter, { ...short, urgencyReason: '汛期将至，需尽快出台' });
    });

    it('REVIEW_TIME_TOO_SHORT when the opinion is wanted 2 days ahead', async () => {
      const id = await flow.create();
      await flow.toConsulted(id);
      const before = await mark(id);
      const res = await refused(id, before, () => flow.send(id, who.drafter, { ...lawful.submitReview, opinionNeededBy: inDays(2) }), 422, 'REVIEW_TIME_TOO_SHORT');
      expect(reasonCodes(res)).toEqual(['REVIEW_TIME_TOO_SHORT']);
      await flow.ok(id, who.drafter, { ...lawful.submitReview, opinionNeededBy: inDays(30) });
    });

    it('REVIEW_TIME_TOO_SHORT is listed with every other failed rule', async () => {
      const id = await flow.create();
      await flow.ok(id, who.secretary, lawful.accept);
      const before = await mark(id);
      const res = await refused(id, before, () => flow.send(id, who.drafter, { ...lawful.submitReview, opinionNeededBy: inDays(1) }), 422, 'DRAFT_MISSING');
      expect(reasonCodes(res)).toEqual(['DRAFT_MISSING', 'STEPS_NOT_SETTLED', 'REVIEW_TIME_TOO_SHORT']);
    });

    it('HEARING_NOTICE_TOO_SHORT when the materials reached participants 3 days before', async () => {
      const id = await drafting();
      const before = await mark(id);
      const hearing = { type: 'RECORD_HEARING', heldAt: inDays(-1), materialsSentAt: inDays(-4), participants: ['村民代表甲', '企业代表乙'] };
      const res = await refused(id, before, () => flow.send(id, who.drafter, hearing), 422, 'HEARING_NOTICE_TOO_SHORT');
      expect(reasonCodes(res)).toEqual(['HEARING_NOTICE_TOO_SHORT']);
      await flow.ok(id, who.drafter, { ...hearing, materialsSentAt: inDays(-9) });
    });

    it('EXPERT_PANEL_TOO_SMALL and EXPERT_CONFLICT_OF_INTEREST together', async () => {
      const id = await drafting();
      const before = await mark(id);
      const experts = [{ ...lawful.experts.experts[0], hasDirectInterest: true }, lawful.experts.experts[1]];
      const res = await refused(id, before, () => flow.send(id, who.drafter, { type: 'APPOINT_EXPERTS', experts }), 422, 'EXPERT_PANEL_TOO_SMALL');
      expect(reasonCodes(res)).toEqual(['EXPERT_PANEL_TOO_SMALL', 'EXPERT_CONFLICT_OF_INTEREST']);
    });
  });
});
