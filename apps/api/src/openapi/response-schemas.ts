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
  Deadline: obj({ id: str(), kind: str('期限类型'), dueAt: instant('到期时间'), overdue: bool('是否已逾期'), provisional: bool('按工作日估算（尚无节假日数据）') }, ['provisional']),
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
        { decisionId: str('决策 id（目录断点时为目录 id）'), seq: int(), reason: str('断点原因；投影不一致时以 PROJECTION_ 或 CATALOGUE_ 代码开头'), catalogueId: str('断点在决策事项目录时：目录 id') },
        ['catalogueId'],
      ),
    },
    ['checkedDecisions', 'checkedProjections', 'checkedCatalogues', 'firstBroken'],
  ),
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
  ConsoleConfig: obj({
    oidc: nullable(obj({ issuer: str('身份提供方（政务统一身份认证）'), clientId: str(), scope: str() })),
  }),
};
