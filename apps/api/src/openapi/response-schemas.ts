import { CATEGORIES, DECISION_STATUSES, EVENT_TYPES } from '@app/procedure';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { anyJson, arr, bool, instant, int, nullable, obj, oneOfValues, ref, str } from './schema-builders';

const STEP_STATUSES = ['pending', 'open', 'closed', 'inProgress', 'completed', 'waived', 'rejected'];
const reason = obj({ code: str('规则代码'), message: str('规则说明（中文）') });
const actor = obj({ sub: str('用户标识'), name: str('姓名'), roles: arr(str()), unit: str('单位'), jurisdiction: str('辖区') }, ['jurisdiction']);
const versionRef = obj({ id: str(), version: int() });
const step = { ...obj({ status: oneOfValues(STEP_STATUSES, '环节状态') }), additionalProperties: true } as SchemaObject;

/**
 * The response shapes of the API, by name, added to the OpenAPI document's components so that a generated
 * client is typed. They list what clients rely on; the e2e test validates real answers against them.
 */
export const RESPONSE_SCHEMAS: Record<string, SchemaObject> = {
  Reason: reason,
  ErrorBody: obj(
    { statusCode: int(), code: str('稳定的错误代码，如 VALIDATION_FAILED、LEGALITY_REVIEW_REQUIRED'), message: str('错误说明'), reasons: arr(ref('Reason')), details: { type: 'object', additionalProperties: true } },
    ['reasons', 'details'],
    'API.md 的错误模型',
  ),
  Deadline: obj({ id: str(), kind: str('期限类型'), dueAt: instant('到期时间'), overdue: bool('是否已逾期'), provisional: bool('暂定：该年度国务院节假日安排尚未公布，按法定节假日规则推算（取最晚可能日期），通知上传后重新计算') }, ['provisional']),
  DecisionSteps: obj({
    publicParticipation: step,
    expertArgumentation: step,
    riskAssessment: step,
    legalityReview: step,
    collectiveDiscussion: step,
  }),
  DecisionSummary: obj(
    {
      id: str(undefined, { format: 'uuid' }),
      title: str('决策事项名称'),
      category: oneOfValues(CATEGORIES, '决策类别'),
      summary: nullable(str()),
      confidential: bool('依法不予公开'),
      exploratoryReform: bool(),
      publicInterest: bool(),
      catalogueItemId: nullable(str()),
      jurisdiction: str(),
      proposer: anyJson('提出人'),
      undertakingUnit: nullable(str('承办单位')),
      status: oneOfValues(DECISION_STATUSES, '程序阶段'),
      stateValue: anyJson('状态机的完整状态值'),
      version: int('版本（已记录事项数）'),
      round: int('程序轮次（调整时递增）'),
      machine: ref('VersionRef'),
      profile: ref('VersionRef'),
      draft: obj({ version: int('草案版本'), hash: nullable(str('草案内容 SHA-256')) }),
      steps: ref('DecisionSteps'),
      lastHash: str('审计链最后一条记录的哈希'),
      createdAt: instant(),
      updatedAt: instant(),
    },
    ['exploratoryReform', 'publicInterest', 'proposer'],
  ),
  Decision: {
    allOf: [
      ref('DecisionSummary'),
      obj(
        {
          deadlines: arr(ref('Deadline')),
          allowedEvents: arr(oneOfValues(EVENT_TYPES), '当前用户现在可提交且规则允许的事项'),
          blockedEvents: arr(obj({ type: oneOfValues(EVENT_TYPES), reasons: arr(ref('Reason')) }), '当前阶段有效但现在被规则拒绝的事项及理由'),
        },
        ['blockedEvents'],
      ),
    ],
  },
  DecisionList: obj({ items: arr(ref('DecisionSummary')), total: int(), page: int(), pageSize: int() }, ['page', 'pageSize']),
  VersionRef: versionRef,
  Actor: actor,
  TrailEvent: obj({
    seq: int('序号，从 1 起连续'),
    type: str('事项类型'),
    payload: anyJson('事项内容（含材料及草案的哈希）'),
    actor: ref('Actor'),
    occurredAt: instant(),
    stateBefore: anyJson(),
    stateAfter: anyJson(),
    machine: ref('VersionRef'),
    profile: ref('VersionRef'),
    prevHash: str(),
    hash: str('SHA-256'),
  }),
  DecisionHistory: obj({ events: arr(ref('TrailEvent')) }),
  EventAccepted: obj({ decision: ref('Decision'), event: obj({ seq: int(), type: str(), hash: str() }) }),
  ReplayReport: obj(
    {
      decisionId: str(),
      toSeq: int('重演到的序号'),
      status: nullable(str('该序号时的程序阶段')),
      stateValue: anyJson(),
      appliedEvents: int(),
      verified: bool('状态与哈希链均与记录一致'),
      mismatches: arr(obj({ seq: int(), reason: str() }), '不一致之处（第一条即首个断点）'),
      decision: anyJson('该序号时的完整决策视图'),
    },
    ['decisionId', 'toSeq', 'decision'],
  ),
  VerifyReport: obj(
    {
      ok: bool(),
      checkedEvents: int(),
      checkedDecisions: int(),
      checkedProjections: int('与审计链重放结果比对过的决策投影数（某条链断裂时不比对）'),
      checkedCatalogues: int('校验过审计链和投影的决策事项目录数（决策有断点时不校验）'),
      firstBroken: obj(
        {
          decisionId: str('可指明时：断点所在决策'),
          catalogueId: str('断点在目录审计链时：目录'),
          unitId: str('断点在单位审计链时：单位'),
          seq: int(),
          reason: str('断点原因；投影不一致时以 PROJECTION_ 或 CATALOGUE_ 代码开头'),
          checkpoint: obj({ treeSize: int(), time: instant() }, [], '断点针对的已签名检查点'),
        },
        ['decisionId', 'catalogueId', 'unitId', 'seq', 'checkpoint'],
      ),
      tree: nullable(
        obj(
          {
            ok: bool(),
            checkedLeaves: int(),
            checkpoint: obj({ treeSize: int(), time: instant() }),
            checkpoints: arr(obj({ treeSize: int(), time: instant(), matches: bool() })),
            firstBroken: obj(
              { reason: str(), leafIndex: int(), trail: oneOfValues(['decision', 'catalogue', 'unit']), decisionId: str(), catalogueId: str(), unitId: str(), seq: int(), checkpoint: obj({ treeSize: int(), time: instant() }) },
              ['trail', 'decisionId', 'catalogueId', 'unitId', 'seq', 'checkpoint'],
            ),
          },
          ['firstBroken'],
          '本辖区默克尔树与最新已签名检查点的核对（尚无检查点时为 null）',
        ),
      ),
    },
    ['checkedDecisions', 'checkedProjections', 'checkedCatalogues', 'firstBroken', 'tree'],
  ),
  CalendarOverview: obj(
    {
      jurisdiction: str(),
      version: str('当前工作日历版本（数据的 SHA-256），新记录的事项均记下此版本'),
      coverage: obj({ from: int(), to: int() }),
      years: arr(obj({ year: int(), source: oneOfValues(['official', 'notice', 'override', 'estimated'], '数据来源：chinese-days 官方数据、上传的国务院通知、辖区覆盖文件、按规则推算'), provisional: bool('暂定（调休未知）') })),
      notices: arr(
        obj({
          id: str(),
          year: int(),
          title: str(),
          documentNumber: nullable(str()),
          holidays: int('放假日数'),
          workdays: int('调休上班日数'),
          uploadedBy: obj({ id: str(), role: str(), jurisdiction: str() }),
          uploadedAt: instant(),
          applies: bool('该年度最近一次上传，现行有效'),
        }),
      ),
      warnings: arr(obj({ code: str(), year: int(), message: str() })),
      adminNotices: arr(obj({ kind: str(), topic: str(), message: str(), createdAt: instant() })),
    },
  ),
  Checkpoint: obj(
    {
      origin: str('树的来源：<CHECKPOINT_ORIGIN>/<辖区>'),
      treeSize: int(),
      root: str('根哈希（base64）'),
      hash: oneOfValues(['sha256', 'sm3']),
      time: instant('签名时间'),
      keyId: str('签名密钥标识（8 位十六进制）'),
      signatures: arr(obj({ name: str(), keyId: str(), signature: str('base64') })),
      note: str('C2SP 签名注记原文（tlog-checkpoint）'),
    },
    [],
    '已签名的检查点',
  ),
  CheckpointList: obj({ items: arr(ref('Checkpoint')), total: int(), page: int(), pageSize: int() }),
  ConsistencyProof: obj({ from: ref('Checkpoint'), to: ref('Checkpoint'), proof: arr(str('base64')) }),
  InclusionProof: obj({
    decisionId: str(),
    seq: int(),
    hash: str(),
    leaf: obj({ trail: oneOfValues(['decision']), id: str(), seq: int(), hash: str() }, [], '叶子数据：{hash,id,seq,trail} 的规范 JSON'),
    leafIndex: int(),
    treeSize: int(),
    proof: arr(str('base64'), '审计路径，叶子的兄弟节点在前（RFC 9162）'),
    checkpoint: ref('Checkpoint'),
  }),
  CheckpointKeys: obj({
    keys: arr(
      obj(
        {
          vkey: str('C2SP 验证公钥'),
          name: str(),
          keyId: str(),
          alg: oneOfValues(['ed25519', 'sm2']),
          publicKeyPem: str(),
          fromSize: int(),
          toSize: int('轮换时的树大小（当前密钥无此项）'),
          since: instant(),
          entry: str('签名的密钥日志条目'),
        },
        ['toSize'],
      ),
      '密钥日志，旧者在前',
    ),
  }),
  DeadlineList: obj({ items: arr({ allOf: [ref('Deadline'), obj({ decisionId: str(), title: str() })] }) }),
  MaterialStored: obj({ id: str(), sha256: str(), size: int(), filename: str() }),
  DecisionComments: obj({
    round: int(),
    page: int(),
    pageSize: int(),
    total: int('符合筛选条件的意见条数'),
    items: arr(
      obj(
        {
          id: str(),
          round: int(),
          change: nullable(int('调整程序序号（原决策程序为空）')),
          period: nullable(int('征求意见期次')),
          content: str(),
          sha256: str(),
          name: nullable(str()),
          contact: nullable(str('仅承办单位起草人员可见')),
          receivedAt: instant(),
          groupId: nullable(str('所属意见分组')),
          spam: bool('已标记为垃圾信息'),
        },
        ['contact'],
      ),
    ),
  }),
  Catalogue: obj(
    {
      id: str(),
      jurisdiction: str(),
      year: int(),
      status: str('目录状态'),
      consent: anyJson('党委同意'),
      publication: anyJson('公布情况'),
      items: arr(
        obj({
          id: str(),
          title: str(),
          category: oneOfValues(CATEGORIES),
          undertakingUnit: str(),
          plannedQuarter: nullable(int()),
          procedureStatus: str(),
          decisions: arr(obj({ id: str(), title: str(), status: str() })),
        }, ['plannedQuarter', 'decisions']),
      ),
      adjustments: arr(anyJson()),
      version: int(),
      lastHash: str(),
      updatedAt: instant(),
    },
    ['id', 'consent', 'publication', 'adjustments', 'version', 'lastHash', 'updatedAt'],
  ),
  MachineTransition: obj({ event: str(), targets: arr(str()), guard: nullable(str()), roles: arr(str()) }),
  MachineState: obj({
    key: str(),
    path: str(),
    type: oneOfValues(['atomic', 'compound', 'parallel', 'final', 'history']),
    initial: nullable(str()),
    transitions: arr(ref('MachineTransition')),
    states: arr(ref('MachineState')),
  }),
  MachineStructure: obj({ id: str(), version: int(), root: ref('MachineState') }),
  StatisticsFigure: obj({ count: int('数字（事项、意见、会议……按指标所述）'), decisionIds: arr(str(undefined, { format: 'uuid' }), '该数字涉及的决策（各一次）') }),
  StatisticsBreakdown: { type: 'object', additionalProperties: ref('StatisticsFigure'), description: '按类别、结论、等级、情形或单位分列' },
  AnnualStatistics: obj(
    {
      year: int('年度（北京时间的公历年）'),
      jurisdiction: str(),
      computedAt: instant('计算时间（截至此时的审计记录）'),
      decisions: obj({ registered: ref('StatisticsFigure'), byCategory: ref('StatisticsBreakdown'), byOutcome: ref('StatisticsBreakdown') }),
      meetings: obj({ held: ref('StatisticsFigure'), decisionsDiscussed: ref('StatisticsFigure') }),
      legalityReviews: obj({ submitted: ref('StatisticsFigure'), opinionsByConclusion: ref('StatisticsBreakdown'), returnsForMaterials: ref('StatisticsFigure') }),
      participation: obj({ commentRounds: ref('StatisticsFigure'), commentsReceived: ref('StatisticsFigure'), commentsAdopted: ref('StatisticsFigure'), hearings: ref('StatisticsFigure') }),
      expertPanels: ref('StatisticsFigure'),
      riskAssessments: ref('StatisticsBreakdown'),
      waivers: ref('StatisticsBreakdown'),
      reports: obj({ partyCommittee: ref('StatisticsFigure'), peoplesCongress: ref('StatisticsFigure'), publications: ref('StatisticsFigure') }),
      postEvaluations: ref('StatisticsFigure'),
      deadlines: obj({
        met: ref('StatisticsFigure'),
        overdue: ref('StatisticsFigure'),
        byUnit: { type: 'object', additionalProperties: obj({ met: ref('StatisticsFigure'), overdue: ref('StatisticsFigure') }), description: '按负有期限义务的单位（单位编号）' },
      }),
    },
    [],
    '法治政府建设年度报告的统计数字，由审计记录计算，仅含调用者可见的决策',
  ),
  ConsoleConfig: obj({
    oidc: nullable(obj({ issuer: str('身份提供方（政务统一身份认证）'), clientId: str(), scope: str() })),
  }),
};
