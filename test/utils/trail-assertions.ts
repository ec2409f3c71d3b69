import type { Response } from 'supertest';
import type { ActorClaimsInput } from '../../apps/api/src/auth/actor-token';
import type { TestApp } from './create-test-app';
import { inDays } from './decision-flow';
import { bearer } from './token-for';

/** What a refused event must leave untouched: the decision's version, its last hash and the length of its history. */
export interface TrailMark {
  version: number;
  lastHash: string;
  events: number;
}

/** Reads the version, last hash and history length of a decision as `reader` (an auditor sees everything of the jurisdiction). */
export async function markOf(t: TestApp, id: string, reader: ActorClaimsInput): Promise<TrailMark> {
  const [decision, history] = await Promise.all([
    t.http.get(`/api/decisions/${id}`).set('Authorization', bearer(reader)),
    t.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(reader)),
  ]);
  if (decision.status !== 200 || history.status !== 200) {
    throw new Error(`cannot read decision ${id}: ${decision.status} ${history.status} ${JSON.stringify(decision.body)}`);
  }
  return { version: decision.body.version, lastHash: decision.body.lastHash, events: history.body.events.length };
}

/** Asserts the API.md error model: `{statusCode, code, message}` with the status and code expected. */
export function expectError(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(res.body).toEqual(expect.objectContaining({ statusCode: status, code, message: expect.any(String) }));
  expect(res.body.message.length).toBeGreaterThan(0);
}

/** The codes of `reasons` of a 422 answer. */
export const reasonCodes = (res: Response): string[] => (res.body?.reasons ?? []).map((r: { code: string }) => r.code);

/**
 * A body that passes validation for every event type a client may send (API.md), whatever the state:
 * used to show that refusals come from roles and state, not from the body.
 */
export const VALID_EVENT_BODIES: Record<string, Record<string, unknown>> = {
  ACCEPT_PROPOSAL: { undertakingUnit: 'agri-bureau' },
  DECLINE_PROPOSAL: { reason: '不属于重大行政决策事项' },
  REVISE_DRAFT: { text: '草案正文', changeSummary: '修改' },
  OPEN_PUBLIC_COMMENT: { startsAt: inDays(0), endsAt: inDays(31), channels: ['政府网站'], explanation: '起草说明' },
  CLOSE_PUBLIC_COMMENT: {},
  SCHEDULE_HEARING: { plannedAt: inDays(20), place: '县政府会议室' },
  RECORD_HEARING: { heldAt: inDays(-1), materialsSentAt: inDays(-10), participants: ['村民代表'] },
  SUBMIT_PUBLIC_OPINION_REPORT: { summary: '意见汇总', adopted: [], notAdopted: [] },
  WAIVE_PUBLIC_PARTICIPATION: { ground: 'CONFIDENTIAL', reason: '依法不予公开' },
  APPOINT_EXPERTS: { experts: [{ name: '王教授', field: '农业经济', affiliation: '省农科院', hasDirectInterest: false }] },
  RECORD_EXPERT_OPINION: { expertName: '王教授', opinion: '可行', signed: true },
  SUBMIT_EXPERT_REPORT: { summary: '可行', adoption: '采纳' },
  WAIVE_EXPERT_ARGUMENTATION: { ground: 'NOT_PROFESSIONAL_OR_TECHNICAL', reason: '非专业性事项' },
  SUBMIT_RISK_REPORT: { riskPoints: ['纠纷'], measures: ['调解'], contingencyPlan: '预案', level: 'LOW', controllable: true },
  WAIVE_RISK_ASSESSMENT: { ground: 'NO_SIGNIFICANT_RISK', reason: '无重大风险' },
  SUBMIT_FOR_LEGALITY_REVIEW: { legalBasis: ['《农业法》'], procedureStatement: '已履行程序' },
  RETURN_FOR_MATERIALS: { missing: ['风险评估报告'] },
  ISSUE_LEGALITY_OPINION: { conclusion: 'LAWFUL', authority: '有权', procedure: '完备', content: '合法', opinion: '同意' },
  SUBMIT_FOR_COLLECTIVE_DISCUSSION: {},
  HOLD_MEETING: { meetingType: 'EXECUTIVE', heldAt: inDays(0), membersTotal: 3, attendees: ['甲', '乙'] },
  RECORD_OPINION: { member: '甲', isHead: false, position: 'FOR', text: '同意' },
  RECORD_DECISION: { outcome: 'ADOPTED' },
  REPORT_TO_PARTY_COMMITTEE: { reportedAt: inDays(0), reference: '请示1号' },
  REPORT_TO_PEOPLES_CONGRESS: { reportedAt: inDays(0), reference: '报告1号' },
  PUBLISH: { publishedAt: inDays(0), channels: ['政府网站'], interpretation: '说明' },
  ASSIGN_EXECUTION: { unit: 'agri-bureau', dueAt: inDays(90), reportEveryDays: 30 },
  REPORT_EXECUTION: { progress: '进展顺利' },
  START_POST_EVALUATION: { trigger: 'DEEMED_NECESSARY', evaluator: '第三方评估机构' },
  SUBMIT_POST_EVALUATION: { findings: '效果良好', recommendation: 'CONTINUE' },
  SUSPEND_EXECUTION: { reason: '突发事件' },
  RESUME_EXECUTION: { reason: '事件解除' },
  START_ADJUSTMENT: { reason: '重大调整' },
  STOP_EXECUTION: { reason: '停止执行', meetingReference: '常务会议纪要1号' },
  COMPLETE_EXECUTION: { summary: '执行完毕' },
  WITHDRAW: { reason: '撤回' },
};

/**
 * Sends `send` and checks that it was refused with `status` and `code` (the first rule, or with `among: true` one of
 * the reasons) and that nothing was recorded: version, last hash and history length as before. Returns the answer.
 */
export async function expectRefused(
  t: TestApp,
  id: string,
  reader: ActorClaimsInput,
  send: () => Promise<Response>,
  status: number,
  code: string,
  options: { among?: boolean } = {},
): Promise<Response> {
  const before = await markOf(t, id, reader);
  const res = await send();
  if (options.among) {
    expect({ status: res.status, reasons: reasonCodes(res) }).toEqual({ status, reasons: expect.arrayContaining([code]) });
  } else {
    expectError(res, status, code);
  }
  expect(await markOf(t, id, reader)).toEqual(before);
  return res;
}
