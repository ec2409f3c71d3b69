import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, inDays, lawful, people } from './utils/decision-flow';

// The public web page, end to end in headless Chromium (Debian's package; .ci/run installs it):
// open consultations listed in Chinese, the draft and its explanation, and the comment form posting
// to the public API under a strict Content-Security-Policy.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOT = '/tmp/public-consultation-page.png';

jest.setTimeout(90_000);

describe('Public consultation web page (headless Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;
  const problems: string[] = [];
  const who = people('county-web');
  const title = '乡村振兴示范村建设实施方案';
  const draftText = '第一条　为推进乡村振兴示范村建设，制定本方案。\n第二条　示范村建设坚持规划先行、因地制宜。';
  const explanation = '起草说明：本方案依据《中华人民共和国乡村振兴促进法》起草，现向社会公开征求意见。';
  let id: string;
  let hostile: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (as .ci/run does), or set CHROMIUM_PATH`);
    t = await createTestApp();
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const flow = new DecisionFlow(t, who);
    const open = async (name: string, text: string, extra: Record<string, unknown> = {}) => {
      const decision = await flow.create({ title: name });
      await flow.ok(decision, who.secretary, lawful.accept);
      await flow.ok(decision, who.drafter, lawful.draft(text));
      // Opened now: a period counts from when it is recorded (one begun earlier needs its published notice).
      await flow.ok(decision, who.drafter, { type: 'OPEN_PUBLIC_COMMENT', startsAt: inDays(0), endsAt: inDays(30), channels: ['县政府门户网站'], explanation: '<b>起草说明</b>', ...extra });
      return decision;
    };
    id = await open(title, draftText, { explanation });
    hostile = await open('<img src=x onerror="window.__xss=1">标题', '<script>window.__xss=2</script>正文');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ locale: 'zh-CN' });
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => r.status() >= 400 && !r.url().includes('/consultations/00000000') && problems.push(`${r.status()} ${r.url()}`));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists the open consultations in Chinese under a strict CSP', async () => {
    const res = await page.goto(`${base}/?jurisdiction=county-web`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(res?.headers()['content-type']).toContain('text/html; charset=utf-8');
    await expect(page.locator('h1').textContent()).resolves.toBe('重大行政决策公开征求意见');
    await expect(page.getByRole('link', { name: title }).count()).resolves.toBe(1);
    await expect(page.locator('body').textContent()).resolves.toContain('征求意见期限');
  });

  it('shows the draft and its explanation, and posts a comment to the API', async () => {
    await page.getByRole('link', { name: title }).click();
    await page.waitForURL(`${base}/consultations/${id}?jurisdiction=county-web`);
    const body = await page.locator('body').innerText();
    expect(body).toContain('第二条　示范村建设坚持规划先行、因地制宜。');
    expect(body).toContain(explanation);
    await page.fill('#content', '建议在示范村评选中增加村民满意度指标。');
    await page.fill('#name', '李四');
    await page.fill('#contact', 'lisi@example.cn');
    await page.screenshot({ path: SCREENSHOT.replace('.png', '-form.png'), fullPage: true });
    await page.click('button[type=submit]');
    // a locator, not waitForFunction: the page's CSP refuses the evaluated string Playwright polls with
    // whenever the text is not there at the first look (it failed so on a loaded machine)
    await page.locator('#form-status', { hasText: '您的意见已收到' }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(await page.inputValue('#content')).toBe('');

    const stored = await t.http.get(`/api/decisions/${id}/comments`).set('Authorization', bearer(who.drafter));
    expect(stored.body.items).toEqual([expect.objectContaining({ content: '建议在示范村评选中增加村民满意度指标。', name: '李四', contact: 'lisi@example.cn' })]);
    await page.reload();
    expect(await page.content()).not.toContain('lisi@example.cn');
    expect(problems).toEqual([]);
  });

  it('renders what the public and drafters typed as text, never as markup', async () => {
    await page.goto(`${base}/consultations/${hostile}`);
    await expect(page.locator('main h2').first().textContent()).resolves.toBe('<img src=x onerror="window.__xss=1">标题');
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
  });

  it('answers a closed or unknown consultation with a Chinese 404 page', async () => {
    const res = await page.goto(`${base}/consultations/00000000-0000-4000-8000-000000000000`);
    expect(res?.status()).toBe(404);
    await expect(page.locator('main').innerText()).resolves.toContain('未在公开征求意见');
  });
});
