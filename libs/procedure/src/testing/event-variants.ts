/**
 * Representative concrete events per event type: the lawful payload first,
 * then payloads that break a rule. Used by the model-based tests (as the
 * events of the test model) and the property tests (as the payload pool).
 * Each variant is a pure function of the decision's context and the time.
 */
import type { Actor } from '../actor';
import { EVENT_TYPES, type AnyProcedureEvent, type EventType, type Payloads } from '../events';
import {
  addDays,
  defaultActorFor,
  draftHash,
  expertPanel,
  HEAD_MEMBER,
  lawfulPanel,
  MEMBERS,
  UNITS,
  validPayloads,
  type PayloadScope,
} from './factories';

export interface PayloadVariant<T extends EventType = EventType> {
  /** short name, unique per event type; `valid` is the lawful payload */
  name: string;
  payload: (scope: PayloadScope) => Payloads[T];
  /** when the event happens, if it matters (e.g. at the end of the comment period) */
  at?: (scope: PayloadScope) => string;
}

const v = <T extends EventType>(name: string, payload: (s: PayloadScope) => Payloads[T], at?: (s: PayloadScope) => string): PayloadVariant<T> => ({
  name,
  payload,
  ...(at ? { at } : {}),
});
const valid = <T extends EventType>(type: T): PayloadVariant<T> => v('valid', validPayloads[type] as (s: PayloadScope) => Payloads[T]);
const commentEnd = ({ context, now }: PayloadScope) => context.publicParticipation.comment?.endsAt ?? now;

type VariantTable = { [T in EventType]: PayloadVariant<T>[] };

export const PAYLOAD_VARIANTS: VariantTable = {
  CREATE_DECISION: [valid('CREATE_DECISION')],
  ACCEPT_PROPOSAL: [valid('ACCEPT_PROPOSAL')],
  DECLINE_PROPOSAL: [valid('DECLINE_PROPOSAL')],
  REVISE_DRAFT: [
    valid('REVISE_DRAFT'),
    v('sameContent', ({ context }) => ({ changeSummary: '格式调整', contentHash: context.draft.hash ?? draftHash(1) })),
  ],
  OPEN_PUBLIC_COMMENT: [
    valid('OPEN_PUBLIC_COMMENT'),
    v('shortWithUrgency', ({ now }) => ({ startsAt: now, endsAt: addDays(now, 10), channels: ['县政府门户网站'], urgencyReason: '防汛形势紧迫' })),
    v('shortWithoutUrgency', ({ now }) => ({ startsAt: now, endsAt: addDays(now, 10), channels: ['县政府门户网站'] })),
    v('endsBeforeStart', ({ now }) => ({ startsAt: now, endsAt: addDays(now, -1), channels: ['县政府门户网站'] })),
  ],
  CLOSE_PUBLIC_COMMENT: [v('afterPeriod', () => ({}), commentEnd), v('early', () => ({}))],
  PUBLIC_COMMENT_ELAPSED: [v('timer', () => ({}), commentEnd)],
  SCHEDULE_HEARING: [valid('SCHEDULE_HEARING')],
  RECORD_HEARING: [
    valid('RECORD_HEARING'),
    v('shortNotice', ({ now }) => ({ heldAt: now, materialsSentAt: addDays(now, -3), participants: ['市民代表'] })),
  ],
  SUBMIT_PUBLIC_OPINION_REPORT: [
    valid('SUBMIT_PUBLIC_OPINION_REPORT'),
    v('commentNotAccounted', () => ({
      ...validPayloads.SUBMIT_PUBLIC_OPINION_REPORT({} as PayloadScope),
      receivedComments: [{ id: 'comment-1', sha256: 'sha256:comment-1' }],
      commentDispositions: [],
    })),
  ],
  WAIVE_PUBLIC_PARTICIPATION: [
    valid('WAIVE_PUBLIC_PARTICIPATION'),
    v('noGround', () => ({ ground: 'INCONVENIENT' as 'CONFIDENTIAL', reason: '时间紧' })),
  ],
  APPOINT_EXPERTS: [
    valid('APPOINT_EXPERTS'),
    v('tooSmall', () => ({ experts: expertPanel(2) })),
    v('conflicted', ({ context }) => ({ experts: lawfulPanel(context.profile).map((e, i) => ({ ...e, hasDirectInterest: i === 0 })) })),
  ],
  RECORD_EXPERT_OPINION: [
    valid('RECORD_EXPERT_OPINION'),
    v('unsigned', ({ context }) => ({ expertName: context.expertArgumentation.panel[0]?.name ?? '专家1', opinion: '可行', signed: false })),
    v('notOnPanel', () => ({ expertName: '路人', opinion: '可行', signed: true })),
  ],
  SUBMIT_EXPERT_REPORT: [valid('SUBMIT_EXPERT_REPORT')],
  WAIVE_EXPERT_ARGUMENTATION: [
    valid('WAIVE_EXPERT_ARGUMENTATION'),
    v('noGround', () => ({ ground: 'TOO_EXPENSIVE' as 'NOT_PROFESSIONAL_OR_TECHNICAL', reason: '经费不足' })),
  ],
  SUBMIT_RISK_REPORT: [
    valid('SUBMIT_RISK_REPORT'),
    v('uncontrollable', () => ({ riskPoints: ['群体性事件'], measures: [], contingencyPlan: '预案', level: 'HIGH', controllable: false })),
  ],
  WAIVE_RISK_ASSESSMENT: [
    valid('WAIVE_RISK_ASSESSMENT'),
    v('alreadyAssessedNoReference', () => ({ ground: 'ALREADY_ASSESSED', reason: '已评估' })),
    v('alreadyAssessed', () => ({ ground: 'ALREADY_ASSESSED', reason: '已按社会稳定风险评估规定评估', reference: '稳评〔2025〕3号' })),
  ],
  SUBMIT_FOR_LEGALITY_REVIEW: [
    valid('SUBMIT_FOR_LEGALITY_REVIEW'),
    v('tooLittleTime', ({ now }) => ({ legalBasis: ['《价格法》'], procedureStatement: '已履行', opinionNeededBy: addDays(now, 3) })),
  ],
  RETURN_FOR_MATERIALS: [valid('RETURN_FOR_MATERIALS')],
  ISSUE_LEGALITY_OPINION: [
    valid('ISSUE_LEGALITY_OPINION'),
    v('lawfulWithRisks', () => ({ ...validPayloads.ISSUE_LEGALITY_OPINION({} as PayloadScope), conclusion: 'LAWFUL_WITH_RISKS', legalRisks: ['上位法未规定'] })),
    v('revise', () => ({ ...validPayloads.ISSUE_LEGALITY_OPINION({} as PayloadScope), conclusion: 'REVISE', opinion: '修改后重新报送' })),
    v('unlawful', () => ({ ...validPayloads.ISSUE_LEGALITY_OPINION({} as PayloadScope), conclusion: 'UNLAWFUL', opinion: '超越法定职权' })),
  ],
  SUBMIT_FOR_COLLECTIVE_DISCUSSION: [valid('SUBMIT_FOR_COLLECTIVE_DISCUSSION')],
  HOLD_MEETING: [
    valid('HOLD_MEETING'),
    v('noQuorum', ({ now }) => ({ meetingType: 'EXECUTIVE', heldAt: now, membersTotal: 9, attendees: [MEMBERS[0], HEAD_MEMBER] })),
  ],
  RECORD_OPINION: [
    valid('RECORD_OPINION'),
    v('nextAgainst', ({ context }) => ({ ...validPayloads.RECORD_OPINION({ context, now: '' }), position: 'AGAINST', text: '不同意' })),
    v('headNow', () => ({ member: HEAD_MEMBER, isHead: true, position: 'FOR', text: '同意' })),
  ],
  RECORD_DECISION: [
    valid('RECORD_DECISION'),
    v('adoptedWithReason', () => ({ outcome: 'ADOPTED', deviationReason: '从全局利益出发' })),
    v('notAdopted', () => ({ outcome: 'NOT_ADOPTED' })),
    v('deferred', () => ({ outcome: 'DEFERRED' })),
  ],
  REPORT_TO_PARTY_COMMITTEE: [valid('REPORT_TO_PARTY_COMMITTEE')],
  REPORT_TO_PEOPLES_CONGRESS: [valid('REPORT_TO_PEOPLES_CONGRESS')],
  PUBLISH: [
    valid('PUBLISH'),
    v('withoutInterpretation', ({ now }) => ({ publishedAt: now, channels: ['政府公报'] })),
    v('notPublished', () => ({ notPublished: true, ground: '依法不予公开' })),
  ],
  ASSIGN_EXECUTION: [valid('ASSIGN_EXECUTION')],
  REPORT_EXECUTION: [valid('REPORT_EXECUTION')],
  START_POST_EVALUATION: [
    valid('START_POST_EVALUATION'),
    v('byUndertakingUnit', () => ({ trigger: 'BELOW_EXPECTATIONS', evaluator: UNITS.undertaking })),
  ],
  SUBMIT_POST_EVALUATION: [valid('SUBMIT_POST_EVALUATION')],
  SUSPEND_EXECUTION: [valid('SUSPEND_EXECUTION')],
  RESUME_EXECUTION: [valid('RESUME_EXECUTION')],
  START_ADJUSTMENT: [valid('START_ADJUSTMENT')],
  STOP_EXECUTION: [valid('STOP_EXECUTION')],
  COMPLETE_EXECUTION: [valid('COMPLETE_EXECUTION')],
  WITHDRAW: [valid('WITHDRAW')],
};

/** The events of every variant of the given types, built for this decision at this time, sent by the usual role. */
export function variantEvents(scope: PayloadScope, types: readonly EventType[] = EVENT_TYPES): AnyProcedureEvent[] {
  return types.flatMap((type) =>
    (PAYLOAD_VARIANTS[type] as PayloadVariant[]).map((variant) => buildVariantEvent(type, variant, scope)),
  );
}

export function buildVariantEvent(type: EventType, variant: PayloadVariant, scope: PayloadScope, by: Actor = defaultActorFor(type)): AnyProcedureEvent {
  const occurredAt = variant.at ? variant.at(scope) : scope.now;
  return { type, payload: variant.payload({ ...scope, now: occurredAt }), occurredAt, actor: by } as AnyProcedureEvent;
}
