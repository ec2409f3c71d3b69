import { Clock } from '@app/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ActorClaimsInput } from '../apps/api/src/auth/actor-token';
import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, inDays, lawful, people } from './utils/decision-flow';
import { expectError, expectRefused } from './utils/trail-assertions';

// A flood of public comments (Art. 15): 20,000 comments seeded straight into the table, grouped by staff
// (identical, similar), spam marked and never deleted, every mark kept with who, when and why; the
// opinion report disposes of them per group. The report's time is measured and printed.

const J = 'county-flood';
const DAY = 86_400_000;
const FLOOD = 20_000;
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
// Seeding and marking tens of thousands of rows takes seconds on a loaded machine: timings are measured, not raced.
jest.setTimeout(60_000);

/** Seeds `FLOOD` comments on the decision's period 1: 18,000 identical, 1,500 similar, 480 distinct, 20 advertisements (or all distinct). */
const SEED = `INSERT INTO public_comments (id, decision_id, jurisdiction, round, change_number, period, content, sha256, name, contact, received_at)
  SELECT gen_random_uuid(), $1, $2, 1, NULL, 1, c, encode(sha256(convert_to(c, 'UTF8')), 'hex'), NULL, NULL, now()
  FROM (SELECT CASE
    WHEN $3 THEN '关于第' || i || '号意见：建议完善收费公示'
    WHEN i <= 18000 THEN '反对停车收费上调，增加居民负担。'
    WHEN i <= 19500 THEN '建议夜间停车免费（第' || i || '条）'
    WHEN i <= 19980 THEN '关于第' || i || '个路段的具体意见'
    ELSE '广告：低价代办停车月卡' || i END AS c
  FROM generate_series(1, ${FLOOD}) i) s`;

describe('A flood of public comments', () => {
  let t: TestApp;
  let flow: DecisionFlow;
  const who = people(J);
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[name] = Math.round(performance.now() - started);
    }
  };
  const comments = (id: string, actor: ActorClaimsInput = who.drafter) => ({
    get: (query = '') => t.http.get(`/api/decisions/${id}/comments${query}`).set('Authorization', bearer(actor)),
    post: (path: string, body: object) => t.http.post(`/api/decisions/${id}/comments${path}`).set('Authorization', bearer(actor)).send(body),
  });

  async function flooded(allDistinct: boolean): Promise<string> {
    const id = await flow.create({ title: allDistinct ? '停车收费公示办法' : '城区停车收费调整方案' });
    await flow.ok(id, who.secretary, lawful.accept);
    await flow.ok(id, who.drafter, lawful.draft());
    await flow.ok(id, who.drafter, { type: 'OPEN_PUBLIC_COMMENT', startsAt: inDays(0), endsAt: inDays(30), channels: ['县政府门户网站'], explanation: '起草说明' });
    await t.app.get(DataSource).query(SEED, [id, J, allDistinct]);
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp({ configure: (b) => b.overrideProvider(Clock).useValue(clock) });
    flow = new DecisionFlow(t, who);
  });
  afterAll(async () => {
    process.stdout.write(`comment flood (${FLOOD} comments), ms: ${JSON.stringify(timings)}\n`);
    await t.close();
  });

  describe('grouped by staff, then disposed of per group', () => {
    let id: string;
    const groups: Record<string, string> = {};
    beforeAll(async () => {
      id = await flooded(false);
    });

    it('lets only the drafters of the undertaking unit group comments or mark spam (403), marking nothing then', async () => {
      const [one] = (await comments(id).get('?pageSize=1')).body.items;
      expectError(await comments(id, who.secretary).post('/spam', { commentIds: [one.id], reason: '广告' }), 403, 'FORBIDDEN_ROLE');
      const env = { ...who.drafter, sub: 'drafter-env', unit: 'env-bureau' };
      expectError(await comments(id, env).post('/groups/identical', {}), 403, 'NOT_UNDERTAKING_UNIT');
      expectError(await comments(id).post('/spam', { commentIds: ['00000000-0000-4000-8000-000000000000'], reason: '广告' }), 404, 'NOT_FOUND');
      expect((await comments(id).get('/marks')).body.total).toBe(0);
    });

    it('groups identical comments with their count, and similar ones by what they say', async () => {
      const identical = await timed('groupIdentical', () => comments(id).post('/groups/identical', { reason: '内容完全相同' }));
      expect(identical.status).toBe(200);
      expect(identical.body).toEqual({ groups: [{ groupId: `sha256:${sha256('反对停车收费上调，增加居民负担。')}`, joined: 18_000 }], marked: 18_000 });
      groups.identical = identical.body.groups[0].groupId;
      const similar = await timed('groupMatching', () => comments(id).post('/groups', { matching: '夜间停车', label: '夜间停车免费', reason: '观点相同' }));
      expect(similar.body).toMatchObject({ label: '夜间停车免费', marked: 1_500 });
      groups.night = similar.body.groupId;
      // a repeat finds nothing left to group
      expect((await comments(id).post('/groups/identical', {})).body).toEqual({ groups: [], marked: 0 });
    });

    it('marks spam with why, keeping every comment and every mark', async () => {
      const ads = (await comments(id).get('?contains=广告&pageSize=100')).body.items.map((c: { id: string }) => c.id);
      expect(ads).toHaveLength(20);
      expect((await comments(id).post('/spam', { commentIds: ads, reason: '商业广告' })).body).toEqual({ marked: 20 });
      const spam = (await comments(id).get('?spam=true')).body;
      expect(spam.total).toBe(20);
      expect((await comments(id).get()).body.total).toBe(FLOOD);
      const marks = (await comments(id).get('/marks?page=196&pageSize=100')).body;
      expect(marks.total).toBe(18_000 + 1_500 + 20);
      expect(marks.items.at(-1)).toMatchObject({ kind: 'SPAM', reason: '商业广告', actor: { sub: who.drafter.sub }, markedAt: expect.any(String) });
      await expect(t.app.get(DataSource).query(`DELETE FROM comment_marks WHERE decision_id = $1`, [id])).rejects.toThrow(/append-only/);
    });

    it('sums the round up as the report must account for it: every group with its count and digest, spam apart', async () => {
      const summary = (await timed('summary', () => comments(id).get('/summary'))).body;
      expect(summary).toMatchObject({ scope: { round: 1, change: null }, total: FLOOD, spam: 20 });
      expect(summary.groups).toHaveLength(2 + 480);
      const byId = new Map(summary.groups.map((g: { groupId: string; count: number }) => [g.groupId, g.count]));
      expect([byId.get(groups.identical), byId.get(groups.night)]).toEqual([18_000, 1_500]);
    });

    it('refuses a report leaving groups unaccounted or miscounting one (COMMENTS_NOT_ACCOUNTED), then records one disposing of every group', async () => {
      clock.offsetMs = 31 * DAY;
      try {
        await flow.ok(id, who.drafter, lawful.closeComment);
        const singles = (await comments(id).get('?grouped=false&spam=false&pageSize=1000')).body.items.map((c: { id: string }) => c.id);
        expect(singles).toHaveLength(480);
        const report = (dispositions: object[]) => flow.send(id, who.drafter, { ...lawful.opinionReport, summary: `收到意见 ${FLOOD} 条`, dispositions });
        const refusedReport = await timed('report refused', () =>
          expectRefused(t, id, who.auditor, () => report([{ groupId: groups.identical, count: 18_000, adopted: false, reason: '收费调整依据成本监审' }]), 422, 'COMMENTS_NOT_ACCOUNTED'),
        );
        expect(refusedReport.body.message).toContain('481 组（共 1980 条）');
        const complete = [
          { groupId: groups.identical, count: 18_000, adopted: false, reason: '收费调整依据成本监审' },
          { groupId: groups.night, count: 1_500, adopted: true },
          { commentIds: singles, count: 480, adopted: false, reason: '已在路段方案中统筹考虑' },
        ];
        await expectRefused(t, id, who.auditor, () => report([{ ...complete[0], count: 17_999 }, ...complete.slice(1)]), 422, 'COMMENTS_NOT_ACCOUNTED');
        const accepted = await timed('report accepted (grouped)', () => report(complete));
        expect(accepted.status).toBe(200);
        expect(accepted.body.decision.steps.publicParticipation.status).toBe('completed');
        const history = (await t.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(who.auditor))).body.events;
        expect(history.at(-1).payload.receivedCommentSummary).toMatchObject({ total: FLOOD, spam: 20 });
        expect(history.at(-1).payload.receivedCommentSummary.groups).toHaveLength(482);
        expect(timings['report accepted (grouped)']).toBeLessThan(20_000);
      } finally {
        clock.offsetMs = 0;
      }
    });
  });

  it('records a report on 20,000 comments nobody grouped, disposed of in one list', async () => {
    const id = await flooded(true);
    clock.offsetMs = 31 * DAY;
    try {
      await flow.ok(id, who.drafter, lawful.closeComment);
      const ids: string[] = (await t.app.get(DataSource).query(`SELECT id FROM public_comments WHERE decision_id = $1`, [id])).map((r: { id: string }) => r.id);
      const res = await timed('report accepted (20,000 ungrouped)', () =>
        flow.send(id, who.drafter, { ...lawful.opinionReport, dispositions: [{ commentIds: ids, count: FLOOD, adopted: false, reason: '已在修改稿中统筹考虑' }] }),
      );
      expect(res.status).toBe(200);
      expect(timings['report accepted (20,000 ungrouped)']).toBeLessThan(30_000);
    } finally {
      clock.offsetMs = 0;
    }
  });
});
