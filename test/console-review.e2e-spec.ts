import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { DecisionFlow, lawful, people } from './utils/decision-flow';
import { ConsoleHarness, SCREENSHOTS } from './console/console-harness';
import { choose, entries, list, openEvent, submit, type } from './console/console-forms';

// Legality review in the console: the reviewer sends a draft back for revision, the drafter revises and
// resubmits, the reviewer approves the new draft; each opinion is bound to the hash of the draft it covers,
// and a conclusion the procedure forbids is refused with its rule explained in words.

jest.setTimeout(180_000);
const EXPLANATION = '根据合法性审查意见，第七条补贴标准改为按省有关规定执行。';
const EXPLANATION_SHA256 = createHash('sha256').update(EXPLANATION).digest('hex');

describe('Console: a reviewer rejecting, then approving', () => {
  let h: ConsoleHarness;
  const who = people('county-console-review');
  let reviewer: Page;
  let drafter: Page;
  let id: string;
  let firstHash: string;

  const openReview = async (page: Page) => {
    await page.goto(`${h.base}/console/decisions/${id}/review`);
    await page.getByTestId('bound-hash').waitFor();
  };
  const opinion = async (conclusion: string, text: string) => {
    await openEvent(reviewer, 'ISSUE_LEGALITY_OPINION');
    await choose(reviewer, 'conclusion', conclusion);
    await type(reviewer, 'authority', '属于县人民政府职权范围');
    await type(reviewer, 'procedure', '已依法履行法定程序');
    await type(reviewer, 'content', text);
    await type(reviewer, 'opinion', text);
    // machine v2: the legal advisers' opinions go with the reviewer's (Art. 28)
    await entries(reviewer, 'advisers', [{ name: '公职律师赵某', kind: { choose: '公职律师' }, opinion: text }]);
  };

  beforeAll(async () => {
    h = await ConsoleHarness.start();
    const flow = new DecisionFlow(h.t, who);
    id = await flow.create({ title: '县级储备粮管理办法' });
    await flow.toConsulted(id);
    await flow.ok(id, who.drafter, lawful.submitReview);
    reviewer = await h.pageAs(who.reviewer);
    drafter = await h.pageAs(who.drafter);
  });
  afterAll(() => h?.close());

  it('the reviewer finds the submission in the worklist with its deadline', async () => {
    await reviewer.goto(`${h.base}/console/`);
    const section = reviewer.locator('[data-role-section=legal_reviewer]');
    await section.getByRole('link', { name: '县级储备粮管理办法' }).waitFor();
    await expect(section.innerText()).resolves.toContain('合法性审查期限');
  });

  it('refuses a conclusion the procedure does not allow here, explaining the rule in words', async () => {
    await openReview(reviewer);
    await opinion('合法但存在风险', '存在一定法律风险');
    await list(reviewer, 'legalRisks', ['补贴标准依据不足']);
    await reviewer.locator('.ant-modal-body button[type=submit]').click();
    const alert = reviewer.locator('.ant-modal-body .ant-alert-error');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toContain('仅适用于法律规定不明确的探索性改革事项');
    await reviewer.screenshot({ path: `${SCREENSHOTS}/review-refused.png` });
    await reviewer.locator('.ant-modal-close').click();
  });

  it('the reviewer sends the draft back for revision; the opinion is bound to that draft', async () => {
    firstHash = (await reviewer.getByTestId('bound-hash').textContent())!;
    await opinion('修改后重新送审', '第七条补贴标准缺乏依据，请修改后重新送审');
    await submit(reviewer);
    const last = reviewer.locator('.ant-list-item', { hasText: '修改后重新送审' });
    await last.locator('.hash', { hasText: firstHash }).waitFor();
    await reviewer.locator('.ant-card-head .ant-tag', { hasText: '起草与论证' }).waitFor();
  });

  it('the drafter sees the review step rejected, revises the draft and resubmits', async () => {
    await drafter.goto(`${h.base}/console/decisions/${id}`);
    await drafter.locator('[data-step=legalityReview]', { hasText: '审查未通过' }).waitFor();
    await expect(drafter.locator('[data-testid=actions] button[data-event=SUBMIT_FOR_COLLECTIVE_DISCUSSION]:not([disabled])').count()).resolves.toBe(0);
    await openEvent(drafter, 'REVISE_DRAFT');
    await type(drafter, 'text', '关于推进高标准农田建设的实施意见（修改稿）\n第七条　补贴标准按省有关规定执行。');
    await type(drafter, 'changeSummary', '根据合法性审查意见修改第七条');
    await submit(drafter);
    await drafter.getByRole('tab', { name: '草案' }).click();
    await drafter.getByRole('button', { name: '比 较' }).first().click();
    await expect(drafter.getByTestId('draft-diff').locator('.diff-added').innerText()).resolves.toContain('补贴标准按省有关规定执行');
    await openEvent(drafter, 'SUBMIT_FOR_LEGALITY_REVIEW');
    await list(drafter, 'legalBasis', ['《粮食流通管理条例》']);
    await type(drafter, 'procedureStatement', '已按审查意见修改，重新送审');
    await drafter.locator('#root_materialIds__add').click();
    await drafter.locator('.ant-modal-body .ant-upload input[type=file]').setInputFiles({ name: '修改说明.txt', mimeType: 'text/plain', buffer: Buffer.from(EXPLANATION) });
    await drafter.getByTestId('root_materialIds_0-material').filter({ hasText: EXPLANATION_SHA256 }).waitFor();
    await submit(drafter);
  });

  it('the reviewer approves the new draft: two opinions, each on its own draft hash', async () => {
    await openReview(reviewer);
    await reviewer.locator('.ant-descriptions', { hasText: '修改说明.txt' }).locator('.hash', { hasText: EXPLANATION_SHA256 }).waitFor();
    const secondHash = (await reviewer.getByTestId('bound-hash').textContent())!;
    expect(secondHash).toMatch(/^[0-9a-f]{64}$/);
    expect(secondHash).not.toBe(firstHash);
    await opinion('合法', '内容合法，同意提请审议');
    await submit(reviewer);
    await reviewer.locator('.ant-list-item', { hasText: '合法' }).locator('.hash', { hasText: secondHash }).first().waitFor();
    await reviewer.screenshot({ path: `${SCREENSHOTS}/review-page.png`, fullPage: true });
    const decision = await new DecisionFlow(h.t, who).get(id, who.reviewer);
    expect(decision.body.steps.legalityReview).toMatchObject({ status: 'completed', conclusion: 'LAWFUL', draftHash: secondHash });
    expect(h.problems).toEqual([]);
  });
});
