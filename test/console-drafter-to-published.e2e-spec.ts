import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { bearer } from './utils';
import { people } from './utils/decision-flow';
import { ConsoleHarness, SCREENSHOTS } from './console/console-harness';
import { choose, dateTime, entries, list, openEvent, sendEmpty, submit, tick, type } from './console/console-forms';

// A decision from registration to publication, done entirely in the console (headless Chromium): every
// step by the person whose role it is, through the buttons the API offers them and the forms it describes.

jest.setTimeout(240_000);
const DAY = 86_400_000;

describe('Console: a decision from registration to publication in the browser', () => {
  let h: ConsoleHarness;
  const base = people('county-console-path');
  // the head is the member recorded as head at the meeting: a person with that name
  const who = { ...base, head: { ...base.head, sub: 'county-head', name: '县长' } };
  const title = '农村人居环境整治提升实施方案';
  let drafter: Page;
  let secretary: Page;
  let reviewer: Page;
  let head: Page;
  let id: string;

  const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  const open = async (page: Page, path = '') => {
    await page.goto(`${h.base}/console/decisions/${id}${path}`);
    await page.getByTestId('actions').waitFor();
  };
  const statusIs = (page: Page, words: string) => page.locator('.ant-descriptions .ant-tag, .ant-card-head .ant-tag', { hasText: words }).first().waitFor();

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    h = await ConsoleHarness.start();
    // the administrator has registered the county's units by name (machine v2 names units by their registered ids)
    for (const [unit, name] of [['agri-bureau', '县农业农村局'], ['general-office', '县政府办公室'], ['justice-bureau', '县司法局']]) {
      await h.t.http.put(`/api/jurisdictions/${who.admin.jurisdiction}/units/${unit}`).set('Authorization', bearer(who.admin)).send({ name, kind: 'DEPARTMENT' }).expect(200);
    }
    // a drafter whose browser is set to another time zone still types Beijing time
    drafter = await h.pageAs(who.drafter, 'Europe/Berlin');
    secretary = await h.pageAs(who.secretary);
    reviewer = await h.pageAs(who.reviewer);
    head = await h.pageAs(who.head);
  });
  afterAll(() => h?.close());

  it('the drafter registers the decision with the form of POST /api/decisions', async () => {
    await drafter.goto(`${h.base}/console/decisions/new`);
    await type(drafter, 'title', title);
    await choose(drafter, 'category', '重大公共政策和措施');
    await type(drafter, 'summary', '整治农村生活垃圾、污水和村容村貌');
    await drafter.locator('.ant-card button[type=submit]').click();
    await drafter.waitForURL(/\/console\/decisions\/[0-9a-f-]{36}$/);
    id = drafter.url().split('/').pop()!;
    await expect(drafter.getByTestId('decision-title').textContent()).resolves.toBe(title);
    await statusIs(drafter, '待立项');
  });

  it('the secretary finds it in the worklist and accepts it, choosing the undertaking unit by its name', async () => {
    await secretary.goto(`${h.base}/console/`);
    await secretary.getByRole('link', { name: title }).click();
    await openEvent(secretary, 'ACCEPT_PROPOSAL');
    await choose(secretary, 'undertakingUnit', '县农业农村局');
    await submit(secretary);
    await statusIs(secretary, '起草与论证');
    await secretary.locator('.ant-descriptions', { hasText: '承办单位' }).getByText('县农业农村局').waitFor();
    const decision = await h.t.http.get(`/api/decisions/${id}`).set('Authorization', bearer(who.secretary));
    expect(decision.body.undertakingUnit).toBe(who.drafter.unit);
  });

  it('the drafter drafts, holds a hearing, reports on the opinions and waives what the law lets them waive', async () => {
    await open(drafter);
    await openEvent(drafter, 'REVISE_DRAFT');
    await type(drafter, 'text', '第一条　为改善农村人居环境，制定本方案。\n第二条　本方案自公布之日起施行。');
    await type(drafter, 'changeSummary', '初稿');
    await submit(drafter);

    await openEvent(drafter, 'RECORD_HEARING');
    await dateTime(drafter, 'heldAt', new Date(Date.now() - DAY));
    await dateTime(drafter, 'materialsSentAt', new Date(Date.now() - 10 * DAY));
    await list(drafter, 'participants', ['村民代表张某', '县人大代表李某']);
    await submit(drafter);
    const history = await h.t.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(who.drafter));
    const hearing = history.body.events.find((e: { type: string }) => e.type === 'RECORD_HEARING').payload;
    expect(hearing.heldAt).toMatch(/\+08:00$/);
    expect(Math.abs(Date.parse(hearing.heldAt) - (Date.now() - DAY))).toBeLessThan(10 * 60_000);

    await openEvent(drafter, 'SUBMIT_PUBLIC_OPINION_REPORT');
    await type(drafter, 'summary', '听证会收到意见 6 条，采纳 4 条');
    await list(drafter, 'adopted', ['增加村庄保洁员']);
    await submit(drafter);

    await openEvent(drafter, 'WAIVE_EXPERT_ARGUMENTATION');
    await choose(drafter, 'ground', '不涉及专业性、技术性问题');
    await type(drafter, 'reason', '本方案不涉及专业性、技术性问题');
    await submit(drafter);

    await openEvent(drafter, 'WAIVE_RISK_ASSESSMENT');
    await choose(drafter, 'ground', '不存在重大风险');
    await type(drafter, 'reason', '经初步研判不存在重大社会稳定风险');
    await submit(drafter);
    await shot(drafter, 'decision-page');

    await openEvent(drafter, 'SUBMIT_FOR_LEGALITY_REVIEW');
    await list(drafter, 'legalBasis', ['《中华人民共和国乡村振兴促进法》']);
    await type(drafter, 'procedureStatement', '已举行听证，依法免除专家论证和风险评估');
    await submit(drafter);
    await statusIs(drafter, '合法性审查中');
  });

  it('the reviewer issues a lawful opinion on the review page, bound to the draft hash shown', async () => {
    await open(reviewer, '/review');
    const hash = await reviewer.getByTestId('bound-hash').textContent();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    await openEvent(reviewer, 'ISSUE_LEGALITY_OPINION');
    await choose(reviewer, 'conclusion', '合法');
    await type(reviewer, 'authority', '属于县人民政府职权范围');
    await type(reviewer, 'procedure', '已依法履行法定程序');
    await type(reviewer, 'content', '内容合法');
    await type(reviewer, 'opinion', '同意提请县政府常务会议审议');
    await entries(reviewer, 'advisers', [{ name: '法律顾问王某', kind: { choose: '法律顾问' }, opinion: '制定主体、程序、内容均合法' }]);
    await submit(reviewer);
    await reviewer.locator('.ant-list-item', { hasText: '出具审查意见' }).locator('.hash', { hasText: hash! }).waitFor();
    await reviewer.getByTestId('adviser-opinion').filter({ hasText: '法律顾问法律顾问王某：制定主体、程序、内容均合法' }).waitFor();
  });

  it('the drafter submits it for collective discussion; the secretary records the meeting, the head speaks last and decides', async () => {
    await open(drafter);
    await sendEmpty(drafter, 'SUBMIT_FOR_COLLECTIVE_DISCUSSION');
    await statusIs(drafter, '集体讨论决定');

    await open(secretary, '/meeting');
    await openEvent(secretary, 'HOLD_MEETING');
    await choose(secretary, 'meetingType', '常务会议');
    await dateTime(secretary, 'heldAt', new Date());
    await type(secretary, 'membersTotal', '3');
    // the members present as persons: the head with the user id of the head who will record the decision
    await entries(secretary, 'attendees', [{ name: '副县长甲' }, { name: '县长', sub: who.head.sub }]);
    await submit(secretary);

    await openEvent(secretary, 'RECORD_OPINION');
    await choose(secretary, 'position', '反对');
    await type(secretary, 'text', '建议暂缓');
    await submit(secretary);
    await secretary.locator('.dissent', { hasText: '副县长甲' }).waitFor();

    await openEvent(secretary, 'RECORD_OPINION');
    await tick(secretary, 'isHead');
    await choose(secretary, 'position', '同意');
    await type(secretary, 'text', '同意，会后完善');
    await submit(secretary);

    await open(head, '/meeting');
    await openEvent(head, 'RECORD_DECISION');
    await choose(head, 'outcome', '修改后通过');
    await type(head, 'deviationReason', '多数意见已在会上充分讨论，按修改意见通过');
    await submit(head);
    await head.getByTestId('meeting').getByText('修改后通过').first().waitFor();
    await shot(head, 'meeting-page');
  });

  it('the secretary reports to the party committee and publishes: the decision is in force', async () => {
    await open(secretary);
    await openEvent(secretary, 'REPORT_TO_PARTY_COMMITTEE');
    await dateTime(secretary, 'reportedAt', new Date());
    await type(secretary, 'reference', '县政府党组请示〔2026〕9号');
    await submit(secretary);

    await openEvent(secretary, 'PUBLISH');
    await dateTime(secretary, 'publishedAt', new Date());
    await list(secretary, 'channels', ['县政府门户网站']);
    await type(secretary, 'interpretation', '政策解读：听证意见采纳情况');
    await submit(secretary);
    await statusIs(secretary, '执行中');
    const steps = await secretary.locator('[data-step]').allTextContents();
    expect(steps.join(' ')).toContain('依法免除');
    expect(h.problems).toEqual([]);
  });

  it('the record shows who did each step, in words', async () => {
    await open(secretary);
    const record = await secretary.getByTestId('record').innerText();
    for (const words of ['公布决策', '作出决定', '出具审查意见', '记录听证会', '登记决策事项']) expect(record).toContain(words);
    expect(record).toContain(who.reviewer.name);
    // units by their registered names, not their ids
    expect(record).toContain('县农业农村局');
    expect(record).not.toContain('agri-bureau');
    expect(record).not.toMatch(/ISSUE_LEGALITY_OPINION|[{}]/);
  });
});
