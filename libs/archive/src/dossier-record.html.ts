import type { EventType } from '@app/procedure';

/** Chinese names of the events, for the human-readable record. */
export const EVENT_LABELS: Record<EventType, string> = {
  CREATE_DECISION: '决策事项登记',
  ACCEPT_PROPOSAL: '决策立项（确定承办单位）',
  DECLINE_PROPOSAL: '不予立项',
  REVISE_DRAFT: '形成/修改决策草案',
  OPEN_PUBLIC_COMMENT: '向社会公开征求意见',
  CLOSE_PUBLIC_COMMENT: '结束征求意见',
  PUBLIC_COMMENT_ELAPSED: '征求意见期限届满',
  SCHEDULE_HEARING: '公告听证会',
  RECORD_HEARING: '举行听证会',
  SUBMIT_PUBLIC_OPINION_REPORT: '公众意见采纳情况报告',
  WAIVE_PUBLIC_PARTICIPATION: '依法免除公众参与',
  APPOINT_EXPERTS: '选定论证专家',
  RECORD_EXPERT_OPINION: '专家书面论证意见',
  SUBMIT_EXPERT_REPORT: '专家论证报告',
  WAIVE_EXPERT_ARGUMENTATION: '依法免除专家论证',
  SUBMIT_RISK_REPORT: '风险评估报告',
  WAIVE_RISK_ASSESSMENT: '依法免除风险评估',
  SUBMIT_FOR_LEGALITY_REVIEW: '送请合法性审查',
  RETURN_FOR_MATERIALS: '退回补充材料',
  ISSUE_LEGALITY_OPINION: '出具合法性审查意见',
  SUBMIT_FOR_COLLECTIVE_DISCUSSION: '提请集体讨论',
  HOLD_MEETING: '召开会议',
  RECORD_OPINION: '记录与会人员意见',
  RECORD_DECISION: '行政首长作出决定',
  REPORT_TO_PARTY_COMMITTEE: '向同级党委请示报告',
  REPORT_TO_PEOPLES_CONGRESS: '向同级人大常委会报告',
  PUBLISH: '决策公布',
  ASSIGN_EXECUTION: '确定执行单位',
  REPORT_EXECUTION: '报告执行情况',
  START_POST_EVALUATION: '启动决策后评估',
  SUBMIT_POST_EVALUATION: '提交决策后评估报告',
  SUSPEND_EXECUTION: '暂停执行',
  RESUME_EXECUTION: '恢复执行',
  START_ADJUSTMENT: '启动决策调整',
  STOP_EXECUTION: '停止执行',
  COMPLETE_EXECUTION: '执行完毕',
  WITHDRAW: '撤回',
};

const escape = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface RecordEvent {
  seq: number;
  type: string;
  payload: unknown;
  actor: { name: string; unit: string; roles: string[] };
  occurredAt: string;
  hash: string;
}

// One formatter for every row: toLocaleString with options builds an ICU formatter per call (80 µs and
// native memory V8 does not see until a GC runs finalizers: hundreds of MB over a 100,000-event record).
const SHANGHAI_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });

type RecordDecision = { id: string; title: string; status: string; jurisdiction: string };

const recordRow = (e: RecordEvent) => `<tr><td>${e.seq}</td><td>${escape(SHANGHAI_TIME.format(new Date(e.occurredAt)))}</td>
<td>${escape(EVENT_LABELS[e.type as EventType] ?? e.type)}<br><code>${escape(e.type)}</code></td>
<td>${escape(e.actor.name)}（${escape(e.actor.unit)}；${escape(e.actor.roles.join('、'))}）</td>
<td><pre>${escape(JSON.stringify(e.payload, null, 1))}</pre></td><td><code>${escape(e.hash)}</code></td></tr>`;

const recordHead = (decision: RecordDecision) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(decision.title)} — 决策过程记录</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px;vertical-align:top;font-size:13px}pre{white-space:pre-wrap;margin:0}code{word-break:break-all}</style></head>
<body><h1>${escape(decision.title)}</h1>
<p>决策编号：<code>${escape(decision.id)}</code>　辖区：${escape(decision.jurisdiction)}　当前状态：${escape(decision.status)}</p>
<p>本记录按时间顺序列出该决策的全部过程记录（全面记录、全程留痕、可回溯）。每条记录的哈希值可按 VERIFY.md 所述方法独立核验。</p>
<table><thead><tr><th>序号</th><th>时间（北京时间）</th><th>事项</th><th>办理人</th><th>内容</th><th>SHA-256</th></tr></thead>
<tbody>
`;

const RECORD_TAIL = `
</tbody></table></body></html>
`;

/** The timeline of a decision as a self-contained Chinese HTML page (no scripts, no external resources). */
export function renderRecordHtml(decision: RecordDecision, events: RecordEvent[]): string {
  return recordHead(decision) + events.map(recordRow).join('\n') + RECORD_TAIL;
}

/** The same page written batch by batch of events (one chunk a batch): never the whole trail at once. */
export async function* recordHtmlChunks(decision: RecordDecision, batches: AsyncIterable<readonly RecordEvent[]>): AsyncGenerator<string> {
  yield recordHead(decision);
  let first = true;
  for await (const batch of batches) {
    if (!batch.length) continue;
    yield (first ? '' : '\n') + batch.map(recordRow).join('\n');
    first = false;
  }
  yield RECORD_TAIL;
}
