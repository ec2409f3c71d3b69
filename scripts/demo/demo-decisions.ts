import type { DemoClient } from './demo-client';
import { DEMO_PEOPLE as P, EXECUTIVE_MEETING as M, type DemoPerson } from './demo-people';

const DAY = 86_400_000;
/** An instant `days` from the moment the demo runs (the server's clock is real). */
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
type Step = [DemoPerson, Record<string, unknown>];

const accept = (unit: string): Step => [P.secretary, { type: 'ACCEPT_PROPOSAL', undertakingUnit: unit }];
const draft = (who: DemoPerson, text: string, changeSummary = '初稿'): Step => [who, { type: 'REVISE_DRAFT', text, changeSummary }];

/** Public participation by a hearing (notice 10 days before) and the opinion report; experts; risk assessment. */
function consulted(who: DemoPerson): Step[] {
  const experts = [['王教授', '农业经济', '省农业科学院'], ['李研究员', '土地管理', '省自然资源厅专家库'], ['张律师', '行政法', '某律师事务所']];
  return [
    [who, { type: 'RECORD_HEARING', heldAt: at(-3), materialsSentAt: at(-14), participants: ['村民代表张某', '种粮大户李某', '县人大代表王某'] }],
    [who, { type: 'SUBMIT_PUBLIC_OPINION_REPORT', summary: '听证会共收集意见 9 条，采纳 4 条', adopted: ['延长补贴申报期限', '简化申报材料'], notAdopted: [{ opinion: '取消审批环节', reason: '与上位法规定不一致' }] }],
    [who, { type: 'APPOINT_EXPERTS', experts: experts.map(([name, field, affiliation]) => ({ name, field, affiliation, hasDirectInterest: false })) }],
    ...experts.map(([expertName]): Step => [who, { type: 'RECORD_EXPERT_OPINION', expertName, opinion: '方案总体可行，建议细化资金监管措施', signed: true }]),
    [who, { type: 'SUBMIT_EXPERT_REPORT', summary: '专家一致认为方案必要、可行', adoption: '采纳资金监管建议，已修改第五条' }],
    [who, { type: 'SUBMIT_RISK_REPORT', riskPoints: ['土地流转纠纷'], measures: ['设立矛盾调解机制'], contingencyPlan: '群体性事件应急处置预案', level: 'MEDIUM', controllable: true }],
  ];
}

const submitForReview = (who: DemoPerson): Step => [who, { type: 'SUBMIT_FOR_LEGALITY_REVIEW', legalBasis: ['《中华人民共和国农业法》', '《重大行政决策程序暂行条例》'], procedureStatement: '已履行公众参与（听证）、专家论证、风险评估程序，情况见附件' }];
const opinion = (conclusion: string, text: string): Step => [P.reviewer, { type: 'ISSUE_LEGALITY_OPINION', conclusion, authority: '属于县人民政府职权范围', procedure: '已依法履行法定程序', content: conclusion === 'LAWFUL' ? '内容符合法律、法规、规章和国家政策' : '第七条补贴标准缺乏依据', opinion: text, advisers: ['法律顾问赵律师：同意审查意见'] }];
const toMeeting = (who: DemoPerson): Step[] => [[who, { type: 'SUBMIT_FOR_COLLECTIVE_DISCUSSION' }], [P.secretary, { type: 'HOLD_MEETING', meetingType: 'EXECUTIVE', heldAt: at(-1), membersTotal: M.total, attendees: M.members }]];
const speak = (member: string, position: string, text: string): Step => [P.secretary, { type: 'RECORD_OPINION', member, isHead: member === M.head, position, text }];
const debate: Step[] = [
  speak('副县长刘伟', 'FOR', '同意，建议加强资金监管'),
  speak('副县长孙红', 'AGAINST', '补贴标准偏高，财政压力较大，建议暂缓'),
  speak('副县长马丁', 'FOR', '同意'),
  speak('县政府秘书长吴军', 'ABSTAIN', '弃权'),
  speak(M.head, 'FOR', '同意，按讨论意见修改后印发'),
];
const adopt: Step = [P.head, { type: 'RECORD_DECISION', outcome: 'ADOPTED_WITH_CHANGES' }];
const publish: Step[] = [
  [P.secretary, { type: 'REPORT_TO_PARTY_COMMITTEE', reportedAt: at(0), reference: '县政府党组请示〔2026〕8号' }],
  [P.secretary, { type: 'PUBLISH', publishedAt: at(0), channels: ['县政府公报', '县政府门户网站'], interpretation: '政策解读：公众意见和专家论证意见采纳情况' }],
];

/** Decisions at every stage of the procedure, so that each role finds work waiting in the console. */
export async function seedDecisions(c: DemoClient, catalogueItemIds: string[]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const text = (title: string) => `${title}（草案）\n第一条　为推进本县相关工作，依据有关法律法规，制定本方案。\n第二条　本方案适用于本县行政区域。\n第三条　县农业农村局负责组织实施。`;
  const make = async (key: string, who: DemoPerson, title: string, steps: Step[], extra: Record<string, unknown> = {}) => {
    ids[key] = await c.register(who, { title, category: 'PUBLIC_POLICY', summary: `${title}，列入本年度重大行政决策事项目录。`, ...extra });
    await c.send(ids[key], steps);
  };
  await make('proposed', P.housingDrafter, '城区公共停车收费标准调整方案', [], { category: 'OTHER_MAJOR' });
  await make('commenting', P.housingDrafter, '县城生活垃圾分类实施方案', [
    accept('housing-bureau'),
    draft(P.housingDrafter, text('县城生活垃圾分类实施方案')),
    [P.housingDrafter, { type: 'OPEN_PUBLIC_COMMENT', startsAt: at(0), endsAt: at(30), channels: ['县政府门户网站', '政务新媒体'], explanation: '起草说明：为推进生活垃圾减量化、资源化、无害化，起草本方案。' }],
  ]);
  for (const [content, name] of [['建议在小区增设厨余垃圾投放点。', '李四'], ['希望延长定时投放时间。', '王五'], ['建议对分类好的小区给予奖励。', '']] as const) {
    await c.call(null, 'POST', `/api/public/consultations/${ids.commenting}/comments`, { content, ...(name ? { name } : {}) }, [201]);
  }
  await make('readyForReview', P.drafter, '高标准农田建设实施意见', [accept('agri-bureau'), draft(P.drafter, text('高标准农田建设实施意见')), ...consulted(P.drafter)], { catalogueItemId: catalogueItemIds[0] });
  await make('inReview', P.drafter, '农村集体经营性建设用地入市管理办法', [accept('agri-bureau'), draft(P.drafter, text('农村集体经营性建设用地入市管理办法')), ...consulted(P.drafter), submitForReview(P.drafter)], { category: 'RESOURCE_POLICY' });
  await make('revise', P.drafter, '县级储备粮管理办法', [
    accept('agri-bureau'), draft(P.drafter, text('县级储备粮管理办法')), ...consulted(P.drafter), submitForReview(P.drafter),
    opinion('REVISE', '第七条补贴标准缺乏依据，请修改后重新送审'),
    draft(P.drafter, `${text('县级储备粮管理办法')}\n第七条　补贴标准按省有关规定执行。`, '根据合法性审查意见修改第七条'),
  ]);
  await make('inMeeting', P.drafter, '农产品质量安全追溯体系建设方案', [
    accept('agri-bureau'), draft(P.drafter, text('农产品质量安全追溯体系建设方案')), ...consulted(P.drafter), submitForReview(P.drafter),
    opinion('LAWFUL', '建议提请县政府常务会议审议'), ...toMeeting(P.drafter), ...debate.slice(0, 2),
  ]);
  await make('decided', P.drafter, '种粮大户补贴实施细则', [
    accept('agri-bureau'), draft(P.drafter, text('种粮大户补贴实施细则')), ...consulted(P.drafter), submitForReview(P.drafter),
    opinion('LAWFUL', '建议提请县政府常务会议审议'), ...toMeeting(P.drafter), ...debate, adopt,
  ], { catalogueItemId: catalogueItemIds[1] });
  await make('implementing', P.drafter, '乡村振兴示范村建设实施方案', [
    accept('agri-bureau'), draft(P.drafter, text('乡村振兴示范村建设实施方案')), ...consulted(P.drafter), submitForReview(P.drafter),
    opinion('LAWFUL', '建议提请县政府常务会议审议'), ...toMeeting(P.drafter), ...debate, adopt, ...publish,
    [P.secretary, { type: 'ASSIGN_EXECUTION', unit: 'agri-bureau', dueAt: at(180), reportEveryDays: 30 }],
    [P.executor, { type: 'REPORT_EXECUTION', progress: '已完成 12 个示范村规划编制', problems: '部分村资金到位较慢' }],
  ], { catalogueItemId: catalogueItemIds[2] });
  await make('declined', P.housingDrafter, '城区道路命名方案', [[P.secretary, { type: 'DECLINE_PROPOSAL', reason: '不属于重大行政决策事项范围，由主管部门依职权办理' }]]);
  await make('withdrawn', P.drafter, '畜禽养殖禁养区调整方案', [accept('agri-bureau'), [P.drafter, { type: 'WITHDRAW', reason: '上级政策调整，撤回决策事项' }]], { category: 'RESOURCE_POLICY' });
  return ids;
}
