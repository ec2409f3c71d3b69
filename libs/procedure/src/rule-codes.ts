import type { Reason } from './reason';

/**
 * Every rule the engine enforces, defined once: the stable code of API.md and
 * the sentence shown to the user (in the language of the users: Chinese).
 */
export const RULES = {
  EVENT_NOT_ALLOWED: '当前程序阶段不接受该事项',
  // drafting
  DRAFT_MISSING: '尚无决策草案，请先提交草案（REVISE_DRAFT）',
  // public participation 公众参与
  COMMENT_PERIOD_TOO_SHORT: '公开征求意见期限一般不少于规定天数；缩短期限须在征求意见时说明紧急理由',
  COMMENT_PERIOD_INVALID: '征求意见截止时间必须晚于开始时间',
  COMMENT_PERIOD_NOT_ELAPSED: '征求意见期限尚未届满，不得提前结束',
  COMMENT_PERIOD_CLOSED: '征求意见期限已届满或尚未开始',
  COMMENT_PERIOD_ALREADY_CLOSED: '征求意见期限已经结束',
  COMMENT_PERIOD_ALREADY_OPEN: '当前决策草案正在公开征求意见；草案修改后方可就新草案重新征求意见',
  COMMENT_PERIOD_BACKDATED: '征求意见期限自在本系统开启时起算；此前已开始的征求意见须附已发布的公告作为证明材料',
  COMMENT_EXPLANATION_REQUIRED: '公开征求意见应当同时公布决策草案及其说明',
  COMMENT_ON_OLD_DRAFT: '公开征求意见的草案已修改，须就修改后的草案重新征求意见',
  PARTICIPATION_NOT_HELD: '尚未实际采用任何公众参与方式（公开征求意见、听证会、座谈会、问卷调查等），不得提交意见采纳情况报告',
  CONFIDENTIAL_NO_PUBLIC_COMMENT: '依法不予公开的决策事项不得向社会公开征求意见',
  PUBLIC_COMMENT_REQUIRED: '本程序规范要求向社会公开征求意见',
  COMMENTS_NOT_ACCOUNTED: '意见采纳情况报告须逐条说明收到的每条公众意见是否采纳及不予采纳的理由',
  HEARING_REQUIRED: '涉及公共利益的事项，本程序规范要求举行听证',
  HEARING_NOTICE_TOO_SHORT: '听证材料应当至少在听证会举行前规定天数送达听证参加人',
  // expert argumentation 专家论证
  EXPERT_PANEL_TOO_SMALL: '论证专家人数少于程序规范规定的最低人数',
  EXPERT_PANEL_NOT_ODD: '程序规范要求论证专家为单数',
  EXPERT_CONFLICT_OF_INTEREST: '与决策事项有直接利害关系的专家不得参与论证',
  EXPERT_NOT_ON_PANEL: '该专家不在已选定的论证专家名单中',
  EXPERT_OPINION_UNSIGNED: '专家论证意见须经专家签名（盖章）',
  EXPERT_OPINIONS_MISSING: '尚有论证专家未提交签名的书面论证意见',
  // risk assessment 风险评估
  RISK_UNCONTROLLABLE: '风险评估认为风险不可控，须调整决策草案并重新评估',
  RISK_DRAFT_NOT_ADJUSTED: '风险不可控时，须先调整决策草案再重新评估',
  // waivers
  WAIVER_NOT_ALLOWED: '本程序规范不允许免除该法定程序',
  WAIVER_GROUND_NOT_MET: '不具备免除该程序的法定情形',
  WAIVER_REFERENCE_REQUIRED: '已依其他规定评估过的，须注明该评估的出处',
  // legality review 合法性审查
  STEPS_NOT_SETTLED: '公众参与、专家论证、风险评估尚未全部完成或依法免除',
  REVIEW_TIME_TOO_SHORT: '送请合法性审查应当保证必要的审查时间（不少于规定的工作日）',
  // a warning, not a refusal: the submission is accepted and the risk recorded on it
  REVIEW_TIME_PROVISIONAL: '该期间的节假日调休尚未公布，要求出具意见的时间可能不足规定的工作日',
  ADVISER_OPINION_REQUIRED: '合法性审查意见应当载明法律顾问、公职律师的意见',
  LAWFUL_WITH_RISKS_NOT_ALLOWED: '"合法但存在风险"的结论仅适用于法律规定不明确的探索性改革事项',
  LEGAL_RISKS_REQUIRED: '结论为"合法但存在风险"时须载明法律风险',
  LEGALITY_REVIEW_REQUIRED: '决策草案未经合法性审查或经审查不合法的，不得提交集体讨论',
  DRAFT_CHANGED_SINCE_REVIEW: '决策草案在合法性审查后已修改，须重新进行合法性审查',
  DRAFT_UNDER_REVIEW: '合法性审查期间不得修改决策草案',
  // collective discussion 集体讨论决定
  QUORUM_NOT_MET: '出席会议的组成人员未达到规定比例',
  ATTENDEES_EXCEED_MEMBERS: '出席人数不得超过组成人员总数',
  MEMBER_NOT_PRESENT: '发表意见的人员不在出席名单中',
  OPINION_ALREADY_RECORDED: '该组成人员的意见已记录',
  HEAD_MUST_SPEAK_LAST: '行政首长应当在其他组成人员充分发表意见后最后发表意见',
  HEAD_OPINION_MISSING: '行政首长须最后发表意见后再作出决定',
  ATTENDEE_POSITION_MISSING: '尚有出席会议的组成人员未发表意见，须记录每位出席人员的意见后再作出决定',
  HEAD_NOT_PRESIDING: '作出决定的行政首长须是会议记录中最后发表意见的行政首长本人',
  DEVIATION_REASON_REQUIRED: '行政首长拟作出的决定与会议组成人员多数人意见不一致的，应当在会上说明理由',
  // after the decision
  PARTY_COMMITTEE_REPORT_REQUIRED: '决策出台前应当向同级党委请示报告',
  PEOPLES_CONGRESS_REPORT_REQUIRED: '本程序规范要求决策出台前向同级人大常委会报告',
  PUBLICATION_REQUIRED: '非依法不予公开的决策应当及时公布',
  CONFIDENTIAL_NOT_PUBLISHED: '依法不予公开的决策不得公布',
  INTERPRETATION_REQUIRED: '社会公众普遍关心或专业性、技术性较强的决策，应当说明公众意见、专家论证意见的采纳情况',
  EXECUTION_NOT_ASSIGNED: '该单位未被指定为决策执行单位',
  EVALUATOR_NOT_INDEPENDENT: '决策后评估不得由承担主要论证评估工作的单位实施',
  POST_EVALUATION_PARTICIPATION_REQUIRED: '决策后评估应当记录公众、人大代表、政协委员等参与评估的情况',
  REPORT_ALREADY_FILED: '该报告已经报送',
  DATE_IN_FUTURE: '记录的日期晚于当前时间',
  // adjustment and stopping (Art. 37)
  ADJUSTMENT_TRIGGER_REQUIRED: '启动决策调整或停止执行程序须说明理由及所依据的决策后评估或其他情形',
  ADJUSTMENT_IN_PROGRESS: '已有决策调整或停止执行程序正在进行',
  COLLECTIVE_DECISION_REQUIRED: '停止执行重大行政决策须经合法性审查并由决策机关集体讨论决定',
  // access
  FORBIDDEN_ROLE: '当前用户的角色无权提交该事项',
  SEPARATION_OF_DUTIES: '合法性审查意见须由承办单位以外的审查机构出具，且不得审查本人送审的草案',
  NOT_UNDERTAKING_UNIT: '只有决策承办单位的起草人员可以办理该事项',
  UNIT_NOT_REGISTERED: '该单位不是本辖区登记的单位',
} as const;

export type RuleCode = keyof typeof RULES;

/** The reason for a violated rule, with its standard message (or a more specific one). */
export function reason(code: RuleCode, message?: string): Reason {
  return { code, message: message ?? RULES[code] };
}
