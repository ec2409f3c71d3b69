import { recordHtmlChunks, renderRecordHtml } from './dossier-record.html';

const decision = { id: 'd-1', title: '<标题>', status: 'drafting', jurisdiction: 'county-a' };
const event = (seq: number) => ({
  seq,
  type: seq === 1 ? 'CREATE_DECISION' : 'REVISE_DRAFT',
  payload: { text: `第${seq}稿 & "引号"` },
  actor: { name: '起草人', unit: 'agri', roles: ['drafter'] },
  occurredAt: new Date(Date.UTC(2026, 5, 30, 16, 0, seq)).toISOString(),
  hash: 'ab'.repeat(32),
});

describe(recordHtmlChunks.name, () => {
  it('writes, batch by batch, the page renderRecordHtml writes whole, times in Beijing time as toLocaleString words them', async () => {
    const events = [1, 2, 3, 4, 5].map(event);
    async function* batches() {
      yield events.slice(0, 2);
      yield [];
      yield events.slice(2);
    }
    let text = '';
    for await (const chunk of recordHtmlChunks(decision, batches())) text += chunk;
    expect(text).toBe(renderRecordHtml(decision, events));
    expect(text).toContain(`<td>${new Date(events[0].occurredAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</td>`);
    expect(text).toContain('2026/7/1 00:00:01');
    expect(text).toContain('&lt;标题&gt;');
    expect(text).not.toContain('"引号"');
  });
});
