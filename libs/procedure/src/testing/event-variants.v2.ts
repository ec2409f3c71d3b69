/**
 * Representative concrete events for machine v2: its lawful payload first, then
 * payloads that break a rule (v1's variants where the rule did not change).
 * Used by the v2 model-based and property tests.
 */
import type { Actor } from '../actor';
import type { DecisionContext } from '../decision-context';
import { EVENT_TYPES, type AnyProcedureEvent, type EventType, type Payloads } from '../events';
import { buildVariantEvent, PAYLOAD_VARIANTS, type PayloadVariant } from './event-variants';
import { addDays, addMs, defaultActorFor, type PayloadScope } from './fixtures';
import { HEAD_PERSON, MEMBER_PERSONS, payloadContext, validPayloadsV2 } from './payloads.v2';

const v = <T extends EventType>(name: string, payload: (s: PayloadScope) => Payloads[T], at?: (s: PayloadScope) => string): PayloadVariant<T> => ({
  name,
  payload,
  ...(at ? { at } : {}),
});
const valid = <T extends EventType>(type: T): PayloadVariant<T> => v('valid', validPayloadsV2[type] as (s: PayloadScope) => Payloads[T]);
const lawful = <T extends EventType>(type: T, s: PayloadScope) => (validPayloadsV2[type] as (s: PayloadScope) => Payloads[T])(s);
/** A unit that carries out assessments for the county (a third party, then not independent for post-evaluation). */
export const INSTITUTE = '县社会稳定风险评估中心';

type VariantTable = { [T in EventType]: PayloadVariant<T>[] };

export const PAYLOAD_VARIANTS_V2: VariantTable = {
  ...PAYLOAD_VARIANTS,
  OPEN_PUBLIC_COMMENT: [
    valid('OPEN_PUBLIC_COMMENT'),
    v('noExplanation', (s) => ({ ...lawful('OPEN_PUBLIC_COMMENT', s), explanation: '' })),
    v('backdated', (s) => ({ ...lawful('OPEN_PUBLIC_COMMENT', s), startsAt: addDays(s.now, -20), endsAt: addDays(s.now, 10) })),
    v('backdatedWithNotice', (s) => ({ ...lawful('OPEN_PUBLIC_COMMENT', s), startsAt: addDays(s.now, -20), endsAt: addDays(s.now, 10), evidenceMaterialId: 'material-notice' })),
    v('shortWithoutUrgency', (s) => ({ ...lawful('OPEN_PUBLIC_COMMENT', s), endsAt: addDays(s.now, 10) })),
  ],
  SUBMIT_PUBLIC_OPINION_REPORT: [
    valid('SUBMIT_PUBLIC_OPINION_REPORT'),
    v('noMethod', (s) => ({ ...lawful('SUBMIT_PUBLIC_OPINION_REPORT', s), otherMethods: [] })),
    v('groupUnaccounted', (s) => ({
      ...lawful('SUBMIT_PUBLIC_OPINION_REPORT', s),
      receivedCommentSummary: { total: 40, spam: 2, groups: [{ groupId: 'g-1', count: 38, digest: 'sha256:g-1' }] },
      dispositions: [{ groupId: 'g-1', count: 30, adopted: true }],
    })),
  ],
  ISSUE_LEGALITY_OPINION: [
    valid('ISSUE_LEGALITY_OPINION'),
    v('noAdvisers', (s) => ({ ...lawful('ISSUE_LEGALITY_OPINION', s), advisers: [] })),
    v('lawfulWithRisks', (s) => ({ ...lawful('ISSUE_LEGALITY_OPINION', s), conclusion: 'LAWFUL_WITH_RISKS', legalRisks: ['上位法未规定'] })),
    v('revise', (s) => ({ ...lawful('ISSUE_LEGALITY_OPINION', s), conclusion: 'REVISE', opinion: '修改后重新报送' })),
    v('unlawful', (s) => ({ ...lawful('ISSUE_LEGALITY_OPINION', s), conclusion: 'UNLAWFUL', opinion: '超越法定职权' })),
  ],
  HOLD_MEETING: [
    valid('HOLD_MEETING'),
    v('noQuorum', (s) => ({ ...lawful('HOLD_MEETING', s), membersTotal: 9, attendees: [MEMBER_PERSONS[0], HEAD_PERSON] as never })),
    v('heldTomorrow', (s) => ({ ...lawful('HOLD_MEETING', s), heldAt: addDays(s.now, 1) })),
  ],
  RECORD_OPINION: [
    valid('RECORD_OPINION'),
    v('nextAgainst', (s) => ({ ...lawful('RECORD_OPINION', s), position: 'AGAINST', text: '不同意' })),
    v('headNow', () => ({ member: HEAD_PERSON.name, memberSub: HEAD_PERSON.sub, isHead: true, position: 'FOR', text: '同意' })),
  ],
  REPORT_TO_PARTY_COMMITTEE: [valid('REPORT_TO_PARTY_COMMITTEE'), v('reportedTomorrow', (s) => ({ ...lawful('REPORT_TO_PARTY_COMMITTEE', s), reportedAt: addDays(s.now, 1) }))],
  PUBLISH: [...PAYLOAD_VARIANTS.PUBLISH, v('publishedTomorrow', (s) => ({ ...lawful('PUBLISH', s), publishedAt: addMs(s.now, 86_400_000) }))],
  SUBMIT_RISK_REPORT: [...PAYLOAD_VARIANTS.SUBMIT_RISK_REPORT, v('byInstitute', (s) => ({ ...lawful('SUBMIT_RISK_REPORT', s), assessorUnit: INSTITUTE }))],
  START_POST_EVALUATION: [...PAYLOAD_VARIANTS.START_POST_EVALUATION, v('byInstitute', () => ({ trigger: 'DEEMED_NECESSARY', evaluator: INSTITUTE }))],
  SUBMIT_POST_EVALUATION: [valid('SUBMIT_POST_EVALUATION'), v('noParticipation', (s) => ({ ...lawful('SUBMIT_POST_EVALUATION', s), publicParticipation: undefined }))],
  START_ADJUSTMENT: [
    valid('START_ADJUSTMENT'),
    v('stop', (s) => ({ ...lawful('START_ADJUSTMENT', s), purpose: 'STOP' })),
    v('onEvaluation', () => ({ reason: '后评估建议调整', trigger: 'POST_EVALUATION' })),
    v('noTrigger', () => ({ reason: '领导要求' })),
  ],
};

/** The event of a variant for this decision now: its payload built from the records it concerns (a change round's while one runs). */
export function buildVariantEventV2(type: EventType, variant: PayloadVariant, scope: PayloadScope, by: Actor = defaultActorFor(type)): AnyProcedureEvent {
  return buildVariantEvent(type, variant, { ...scope, context: payloadContext(scope.context, type) }, by);
}

/** The events of every v2 variant of the given types. */
export function variantEventsV2(context: DecisionContext, now: string, types: readonly EventType[] = EVENT_TYPES): AnyProcedureEvent[] {
  return types.flatMap((type) => (PAYLOAD_VARIANTS_V2[type] as PayloadVariant[]).map((variant) => buildVariantEventV2(type, variant, { context, now })));
}
