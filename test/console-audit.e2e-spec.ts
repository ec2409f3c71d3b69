import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { bearer } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';
import { ConsoleHarness, SCREENSHOTS } from './console/console-harness';

// The auditor in the console: who approved what on which draft hash, replay to any event with the statechart,
// verification of one decision and of the jurisdiction (and the first broken event once a superuser has
// tampered with the trail), the dossier and the record as CSV.

jest.setTimeout(180_000);

interface PgClient {
  query(sql: string, params?: unknown[]): Promise<{ rowCount: number | null }>;
  connect(): Promise<void>;
  end(): Promise<void>;
}
 
const { Client } = require('pg') as { Client: new (config: { connectionString: string }) => PgClient };

describe('Console: an auditor replaying and verifying', () => {
  let h: ConsoleHarness;
  const who = people('county-console-audit');
  const tampered = people('county-console-tampered');
  let auditor: Page;
  let id: string;
  let brokenId: string;
  let draftHash: string;

  beforeAll(async () => {
    h = await ConsoleHarness.start();
    const flow = new DecisionFlow(h.t, who);
    id = await flow.create({ title: '种粮大户补贴实施细则' });
    draftHash = (await flow.toDecided(id)).decision.draft.hash;
    const other = new DecisionFlow(h.t, tampered);
    brokenId = await other.create({ title: '被篡改的决策' });
    await other.ok(brokenId, tampered.secretary, lawful.accept);
    await other.ok(brokenId, tampered.drafter, lawful.draft('原始草案'));
    const db = new Client({ connectionString: process.env.DATABASE_URL! });
    await db.connect();
    try {
      await db.query('BEGIN');
      await db.query('ALTER TABLE decision_events DISABLE TRIGGER decision_events_no_update_delete');
      await db.query(`UPDATE decision_events SET payload = jsonb_set(payload, '{text}', '"篡改后的草案"') WHERE decision_id = $1 AND seq = 3`, [brokenId]);
      await db.query('ALTER TABLE decision_events ENABLE TRIGGER decision_events_no_update_delete');
      await db.query('COMMIT');
    } finally {
      await db.end();
    }
  });
  afterAll(() => h?.close());

  it('finds who approved what, on which draft hash, within a minute of logging in', async () => {
    const started = Date.now();
    auditor = await h.pageAs(who.auditor);
    await auditor.getByRole('link', { name: '种粮大户补贴实施细则' }).first().click();
    await auditor.getByRole('button', { name: '审计记录与重演' }).click();
    const approvals = auditor.getByTestId('approvals');
    const opinion = approvals.locator('tr', { hasText: '出具审查意见' });
    await opinion.waitFor();
    expect(Date.now() - started).toBeLessThan(60_000);
    await expect(opinion.innerText()).resolves.toContain(who.reviewer.name);
    await expect(opinion.innerText()).resolves.toContain('合法');
    await expect(opinion.locator('.hash').textContent()).resolves.toBe(draftHash);
    await expect(approvals.locator('tr', { hasText: '作出决定' }).innerText()).resolves.toContain('通过');
  });

  it('replays to an earlier event: the state then, in words, and the path taken on the statechart', async () => {
    await auditor.getByTestId('timeline').locator('tr', { hasText: '提交草案' }).first().click();
    await auditor.getByTestId('replay-seq').filter({ hasText: '第 3 条' }).waitFor();
    await auditor.getByTestId('replay-state').filter({ hasText: '起草与论证' }).waitFor();
    const chart = auditor.getByTestId('statechart');
    await expect(chart.locator('[data-state=proposed]').getAttribute('data-visits')).resolves.toBe('1');
    await expect(chart.locator('[data-state=legalityReview]').getAttribute('data-visits')).resolves.toBe('0');
    await expect(chart.locator('[data-state="drafting.publicParticipation.pending"]').getAttribute('class')).resolves.toContain('current');
    await auditor.screenshot({ path: `${SCREENSHOTS}/audit-replay.png`, fullPage: true });
  });

  it('verifies the whole decision: every state and hash as recorded', async () => {
    await auditor.getByTestId('verify-decision').click();
    await auditor.getByTestId('replay-verified').filter({ hasText: '校验通过' }).waitFor();
    await expect(auditor.getByTestId('statechart').locator('[data-state=decided]').getAttribute('class')).resolves.toContain('current');
  });

  it('downloads the dossier and the record as CSV (UTF-8 with BOM, for Excel)', async () => {
    const [dossier] = await Promise.all([auditor.waitForEvent('download'), auditor.getByRole('button', { name: '下载归档案卷' }).click()]);
    expect(dossier.suggestedFilename()).toMatch(/\.zip$/);
    expect(readFileSync((await dossier.path())!).subarray(0, 2).toString()).toBe('PK');
    const [csv] = await Promise.all([auditor.waitForEvent('download'), auditor.getByRole('button', { name: '导出记录 CSV' }).click()]);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('出具审查意见');
    expect(text).toContain(who.reviewer.name);
    const history = await h.t.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(who.auditor));
    expect(text.trim().split('\r\n')).toHaveLength(1 + history.body.events.length);
  });

  it('verifies the whole jurisdiction', async () => {
    await auditor.goto(`${h.base}/console/audit/verify`);
    await auditor.getByTestId('run-verify').click();
    await auditor.getByTestId('verify-result').filter({ hasText: '全部一致' }).waitFor();
    // The dossier downloaded above was signed into a checkpoint of the jurisdiction: the page shows it and its note.
    await auditor.getByTestId('latest-checkpoint').filter({ hasText: '最新已签名检查点' }).waitFor();
    await expect(auditor.getByTestId('latest-checkpoint').innerText()).resolves.toMatch(/time \d{4}-\d{2}-\d{2}T/);
    expect(h.problems).toEqual([]);
  });

  it('answers a console page that does not exist in Chinese, after a reload too', async () => {
    await auditor.goto(`${h.base}/console/no-such-page`);
    await auditor.getByText('页面不存在', { exact: true }).waitFor();
  });

  it('shows the first broken event of a jurisdiction whose trail was tampered with', async () => {
    const other = await h.pageAs(tampered.auditor);
    await other.goto(`${h.base}/console/audit/verify`);
    await other.getByTestId('run-verify').click();
    const result = other.getByTestId('verify-result');
    await result.filter({ hasText: '发现不一致' }).waitFor();
    await expect(result.innerText()).resolves.toContain('第 3 条记录');
    await expect(result.innerText()).resolves.toContain(brokenId);
    await other.goto(`${h.base}/console/decisions/${brokenId}/audit`);
    await other.getByTestId('replay-verified').filter({ hasText: '第 3 条记录' }).waitFor();
    await other.screenshot({ path: `${SCREENSHOTS}/audit-broken.png`, fullPage: true });
  });
});
