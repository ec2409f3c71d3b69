import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { bearer } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';
import { ConsoleHarness, SCREENSHOTS } from './console/console-harness';

// The statistics page of the console on GET /api/statistics: the year's figures with charts, each figure opening
// the decisions behind it, and the exports for people without access (CSV in UTF-8 with BOM, XLSX).

jest.setTimeout(180_000);
const J = 'county-console-statistics';

/** The files of a zip archive (an .xlsx), read through its central directory. */
function unzip(zip: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return files;
}

describe('Console: the annual statistics', () => {
  let h: ConsoleHarness;
  const who = people(J);
  let secretary: Page;
  let year: number;
  const ids: string[] = [];

  beforeAll(async () => {
    h = await ConsoleHarness.start();
    await h.t.http.put(`/api/jurisdictions/${J}/units/agri-bureau`).set('Authorization', bearer(who.admin)).send({ name: '县农业农村局', kind: 'DEPARTMENT' }).expect(200);
    const flow = new DecisionFlow(h.t, who);
    ids.push(await flow.create({ title: '高标准农田建设实施意见' }));
    await flow.toDecided(ids[0]);
    await flow.ok(ids[0], who.secretary, lawful.partyCommittee);
    await flow.ok(ids[0], who.secretary, lawful.publish);
    ids.push(await flow.create({ title: '县城污水处理厂扩建工程', category: 'CONSTRUCTION_PROJECT' }));
    const created = (await h.t.http.get(`/api/decisions/${ids[1]}/history`).set('Authorization', bearer(who.secretary))).body.events[0].occurredAt;
    year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date(created)));
    secretary = await h.pageAs(who.secretary);
    await secretary.goto(`${h.base}/console/statistics?year=${year}`);
    await secretary.locator('tr[data-row-key="decisions.registered"]').waitFor();
  });
  afterAll(() => h?.close());

  const row = (key: string) => secretary.locator(`tr[data-row-key="${key}"]`);

  it('shows the year\'s figures as the API computes them, in words, with a chart for each section', async () => {
    const api = (await h.t.http.get(`/api/statistics?year=${year}`).set('Authorization', bearer(who.secretary)).expect(200)).body;
    expect(api.decisions.registered.count).toBe(2);
    await expect(row('decisions.registered').innerText()).resolves.toMatch(/登记的决策事项\s+2/);
    await expect(row('decisions.byCategory.CONSTRUCTION_PROJECT').innerText()).resolves.toMatch(/按类别：重大公共建设项目\s+1/);
    await expect(row('meetings.held').innerText()).resolves.toMatch(/召开会议次数\s+1/);
    await expect(row('reports.publications').innerText()).resolves.toMatch(/公布决策\s+1/);
    await expect(row('legalityReviews.opinionsByConclusion.LAWFUL').innerText()).resolves.toMatch(/审查意见（按结论）：合法\s+1/);
    const section = secretary.locator('.ant-card').filter({ has: secretary.locator('.ant-card-head-title', { hasText: /^决策事项$/ }) });
    await expect(section.locator('svg.bar-chart rect.bar').count()).resolves.toBe(await section.locator('tbody tr[data-row-key]').count());
    await secretary.screenshot({ path: `${SCREENSHOTS}/statistics.png`, fullPage: true });
  });

  it('opens the decisions behind a figure, each linking to its page', async () => {
    await row('decisions.registered').getByRole('button', { name: '2' }).click();
    const drawer = secretary.locator('.ant-drawer');
    await drawer.getByRole('link', { name: '县城污水处理厂扩建工程' }).waitFor();
    await expect(drawer.getByRole('link').count()).resolves.toBe(2);
    await drawer.getByRole('link', { name: '高标准农田建设实施意见' }).click();
    await secretary.waitForURL(new RegExp(`/console/decisions/${ids[0]}$`));
    await secretary.getByTestId('decision-title').waitFor();
    await secretary.goBack();
    await row('decisions.registered').waitFor();
  });

  it('exports the figures as CSV in UTF-8 with a byte order mark, and as an Excel workbook', async () => {
    const [csv] = await Promise.all([secretary.waitForEvent('download'), secretary.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe(`年度统计-${year}.csv`);
    const bytes = readFileSync((await csv.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('类别,指标,数值,对应的决策事项');
    expect(lines).toContain(`决策事项,登记的决策事项,2,${[...ids].sort().join(' ')}`);

    const [xlsx] = await Promise.all([secretary.waitForEvent('download'), secretary.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toBe(`年度统计-${year}.xlsx`);
    const files = unzip(readFileSync((await xlsx.path())!));
    expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml']));
    const text = [...files.values()].join('\n');
    for (const words of ['登记的决策事项', '召开会议次数', ids[0]]) expect(text).toContain(words);
    expect(h.problems).toEqual([]);
  });
});
