import { CHANGE_PURPOSES, CHANGE_TRIGGERS, PARTICIPATION_METHODS, type ChangePurpose, type ChangeTrigger, type EventType, type ParticipationMethod } from '@app/procedure';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsUUID,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ExactlyOneOf, Excludes, Instant, LIMITS, Optional, OptionalText, Text, TextList, TextOrObjectList } from './field-rules';

// One DTO per event type of API.md: the body of POST /api/decisions/:id/events is `{type, ...fields}`.
// Cross-field rules that are law (30 days, 7 days notice...) live in the procedure's guards, not here.
// Fields the host adds to a payload (receivedComments, receivedCommentSummary, contentHash, materials) are
// in no DTO: a client sending one is refused (400), and the host strips them again before enrichment.

/** Units named by id (registered units of the jurisdiction: 422 UNIT_NOT_REGISTERED otherwise). */
const MAX_UNITS = 50;
/** A user id as tokens carry it. */
const SUB_CHARS = 500;
/** How many comments one disposition or one report may name (a flood is disposed of by groups). */
const MAX_DISPOSED = 50_000;

export class AcceptProposalEvent {
  @Text(LIMITS.short) undertakingUnit: string;
  /** units whose duties the matter touches (v2) */
  @Optional() @TextList(LIMITS.short, MAX_UNITS) involvedUnits?: string[];
}

export class ReasonEvent {
  @Text() reason: string;
}

export class ReviseDraftEvent {
  @ExactlyOneOf('materialId') @Text(LIMITS.long) text?: string;
  @Optional() @IsUUID() materialId?: string;
  @Text() changeSummary: string;
}

export class OpenPublicCommentEvent {
  @Instant() startsAt: string;
  @Instant() endsAt: string;
  @TextList() @ArrayMinSize(1) channels: string[];
  @OptionalText() urgencyReason?: string;
  /** 起草说明: published with the draft */
  @Text(LIMITS.long) explanation: string;
  /** the published notice of a period that began before it was recorded here */
  @Optional() @IsUUID() evidenceMaterialId?: string;
}

export class EmptyEvent {}

export class ScheduleHearingEvent {
  @Instant() plannedAt: string;
  @Text(LIMITS.short) place: string;
  @OptionalText() participantSelection?: string;
}

export class RecordHearingEvent {
  @Instant() heldAt: string;
  @Instant() materialsSentAt: string;
  @TextList() @ArrayMinSize(1) participants: string[];
  @Optional() @IsUUID() recordMaterialId?: string;
}

export class NotAdoptedOpinion {
  @Text() opinion: string;
  @Text() reason: string;
}

export class CommentDisposition {
  @IsUUID() commentId: string;
  @IsBoolean() adopted: boolean;
  // Required when not adopted; given when adopted it is recorded too.
  @ValidateIf((o, value) => value !== undefined || o.adopted === false) @Text() reason?: string;
}

/** A participation method other than open comment and hearings that was held, with its record (v2). */
export class ParticipationRecordDto {
  @IsIn(PARTICIPATION_METHODS) method: ParticipationMethod;
  @Instant() heldAt: string;
  @Text() summary: string;
  /** the record of the forum, the survey results… */
  @IsUUID() materialId: string;
}

/** How a group of comments (GET /decisions/:id/comments/summary), or the listed comments, was handled (v2). */
export class OpinionDispositionDto {
  @ExactlyOneOf('commentIds') @Text(LIMITS.short) groupId?: string;
  @Optional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_DISPOSED) @IsUUID('all', { each: true }) commentIds?: string[];
  /** how many comments the disposition covers */
  @IsInt() @Min(1) @Max(10_000_000) count: number;
  @IsBoolean() adopted: boolean;
  // Required when not adopted; given when adopted it is recorded too.
  @ValidateIf((o, value) => value !== undefined || o.adopted === false) @Text() reason?: string;
}

export class SubmitPublicOpinionReportEvent {
  @Text() summary: string;
  @TextList(LIMITS.text) adopted: string[];
  @IsArray() @ArrayMaxSize(LIMITS.items) @ValidateNested({ each: true }) @Type(() => NotAdoptedOpinion) notAdopted: NotAdoptedOpinion[];
  /** one entry per public comment received online (GET /decisions/:id/comments) */
  @Optional() @IsArray() @ArrayMaxSize(10_000) @ValidateNested({ each: true }) @Type(() => CommentDisposition) commentDispositions?: CommentDisposition[];
  /** v2: forums, field visits, written consultations, questionnaires, polls, group consultations held */
  @Optional() @IsArray() @ArrayMaxSize(LIMITS.items) @ValidateNested({ each: true }) @Type(() => ParticipationRecordDto) otherMethods?: ParticipationRecordDto[];
  /** v2: how each group of comments, or the listed comments, was handled */
  @Optional() @IsArray() @ArrayMaxSize(MAX_DISPOSED) @ValidateNested({ each: true }) @Type(() => OpinionDispositionDto) dispositions?: OpinionDispositionDto[];
}

export class WaivePublicParticipationEvent {
  @IsIn(['CONFIDENTIAL']) ground: 'CONFIDENTIAL';
  @Text() reason: string;
}

export class ExpertDto {
  @Text(LIMITS.short) name: string;
  @Text(LIMITS.short) field: string;
  @Text(LIMITS.short) affiliation: string;
  @IsBoolean() hasDirectInterest: boolean;
}

export class AppointExpertsEvent {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(LIMITS.items) @ValidateNested({ each: true }) @Type(() => ExpertDto) experts: ExpertDto[];
}

export class RecordExpertOpinionEvent {
  @Text(LIMITS.short) expertName: string;
  @Text(LIMITS.long) opinion: string;
  @IsBoolean() signed: boolean;
  @Optional() @IsUUID() materialId?: string;
}

export class SubmitExpertReportEvent {
  @Text(LIMITS.long) summary: string;
  @Text(LIMITS.long) adoption: string;
  /** v2: the unit that organised the argumentation, when not the undertaking unit (it may not evaluate the decision afterwards) */
  @OptionalText(LIMITS.short) organizerUnit?: string;
}

export class WaiveExpertArgumentationEvent {
  @IsIn(['NOT_PROFESSIONAL_OR_TECHNICAL']) ground: 'NOT_PROFESSIONAL_OR_TECHNICAL';
  @Text() reason: string;
}

export class SubmitRiskReportEvent {
  @TextList(LIMITS.text) riskPoints: string[];
  @TextList(LIMITS.text) measures: string[];
  @Text(LIMITS.long) contingencyPlan: string;
  @IsIn(['LOW', 'MEDIUM', 'HIGH']) level: 'LOW' | 'MEDIUM' | 'HIGH';
  @IsBoolean() controllable: boolean;
  /** v2: the unit that carried out the assessment, when not the undertaking unit (it may not evaluate the decision afterwards) */
  @OptionalText(LIMITS.short) assessorUnit?: string;
}

export class WaiveRiskAssessmentEvent {
  @IsIn(['NO_SIGNIFICANT_RISK', 'ALREADY_ASSESSED']) ground: 'NO_SIGNIFICANT_RISK' | 'ALREADY_ASSESSED';
  @Text() reason: string;
  @OptionalText(LIMITS.short) reference?: string;
}

export class SubmitForLegalityReviewEvent {
  @TextList(LIMITS.text) @ArrayMinSize(1) legalBasis: string[];
  @Text(LIMITS.long) procedureStatement: string;
  @Optional() @IsArray() @ArrayMaxSize(LIMITS.items) @IsUUID('all', { each: true }) materialIds?: string[];
  @Optional() @Instant() opinionNeededBy?: string;
}

export class ReturnForMaterialsEvent {
  @TextList(LIMITS.text) @ArrayMinSize(1) missing: string[];
}

/** The opinion of one legal adviser or public-sector lawyer (Art. 28). */
export class AdviserOpinionDto {
  @Text(LIMITS.short) name: string;
  @IsIn(['LEGAL_ADVISER', 'PUBLIC_SECTOR_LAWYER']) kind: 'LEGAL_ADVISER' | 'PUBLIC_SECTOR_LAWYER';
  @Text(LIMITS.long) opinion: string;
}
const ADVISER_SCHEMA = {
  properties: { name: { type: 'string', minLength: 1 }, kind: { enum: ['LEGAL_ADVISER', 'PUBLIC_SECTOR_LAWYER'] }, opinion: { type: 'string', minLength: 1 } },
  required: ['name', 'kind', 'opinion'],
};

export class IssueLegalityOpinionEvent {
  @IsIn(['LAWFUL', 'LAWFUL_WITH_RISKS', 'REVISE', 'UNLAWFUL']) conclusion: 'LAWFUL' | 'LAWFUL_WITH_RISKS' | 'REVISE' | 'UNLAWFUL';
  @Text(LIMITS.long) authority: string;
  @Text(LIMITS.long) procedure: string;
  @Text(LIMITS.long) content: string;
  @Text(LIMITS.long) opinion: string;
  @Optional() @TextList(LIMITS.text) legalRisks?: string[];
  /** v1: names; v2: each legal adviser's or public-sector lawyer's opinion */
  @Optional() @TextOrObjectList(AdviserOpinionDto, ADVISER_SCHEMA) advisers?: (string | AdviserOpinionDto)[];
}

/** A member of the decision organ at a meeting: the name, and the user id where the member is a user. */
export class MeetingPersonDto {
  @Text(LIMITS.short) name: string;
  @OptionalText(SUB_CHARS) sub?: string;
}
const PERSON_SCHEMA = { properties: { name: { type: 'string', minLength: 1 }, sub: { type: 'string', minLength: 1 } }, required: ['name'] };

export class HoldMeetingEvent {
  @IsIn(['EXECUTIVE', 'PLENARY', 'LEADERSHIP']) meetingType: 'EXECUTIVE' | 'PLENARY' | 'LEADERSHIP';
  @Instant() heldAt: string;
  @IsInt() @Min(1) @Max(1000) membersTotal: number;
  /** v1: names; v2: persons `{name, sub?}` (the head as the user who records the decision) */
  @TextOrObjectList(MeetingPersonDto, PERSON_SCHEMA) @ArrayMinSize(1) attendees: (string | MeetingPersonDto)[];
}

export class RecordOpinionEvent {
  @Text(LIMITS.short) member: string;
  /** the member's user id, where the member is a user (v2) */
  @OptionalText(SUB_CHARS) memberSub?: string;
  @IsBoolean() isHead: boolean;
  @IsIn(['FOR', 'AGAINST', 'ABSTAIN']) position: 'FOR' | 'AGAINST' | 'ABSTAIN';
  @Text(LIMITS.long) text: string;
}

export class RecordDecisionEvent {
  @IsIn(['ADOPTED', 'ADOPTED_WITH_CHANGES', 'NOT_ADOPTED', 'DEFERRED']) outcome: 'ADOPTED' | 'ADOPTED_WITH_CHANGES' | 'NOT_ADOPTED' | 'DEFERRED';
  @OptionalText() deviationReason?: string;
}

export class ReportEvent {
  @Instant() reportedAt: string;
  @Text(LIMITS.short) reference: string;
}

const unlessNotPublished = (o: { notPublished?: unknown }, value: unknown) => value !== undefined || o.notPublished === undefined;

export class PublishEvent {
  // Published: when and where. Not published (confidential): the ground, and nothing of a publication.
  @ValidateIf(unlessNotPublished) @Excludes('notPublished') @Instant() publishedAt?: string;
  @ValidateIf(unlessNotPublished) @Excludes('notPublished') @TextList() @ArrayMinSize(1) channels?: string[];
  @Optional() @Excludes('notPublished') @Text(LIMITS.long) interpretation?: string;
  @Optional() @Equals(true) notPublished?: true;
  @ValidateIf((o, value) => value !== undefined || o.notPublished !== undefined) @Excludes('publishedAt', 'channels') @Text() ground?: string;
}

export class AssignExecutionEvent {
  @Text(LIMITS.short) unit: string;
  @Instant() dueAt: string;
  @IsInt() @Min(1) @Max(366) reportEveryDays: number;
}

export class ReportExecutionEvent {
  @Text(LIMITS.long) progress: string;
  @OptionalText(LIMITS.long) problems?: string;
  /** a serious problem: the decision organ is notified (Art. 35) */
  @Optional() @IsBoolean() serious?: boolean;
}

export class StartPostEvaluationEvent {
  @IsIn(['BELOW_EXPECTATIONS', 'PUBLIC_CONCERNS', 'DEEMED_NECESSARY']) trigger: 'BELOW_EXPECTATIONS' | 'PUBLIC_CONCERNS' | 'DEEMED_NECESSARY';
  @Text(LIMITS.short) evaluator: string;
}

/** How the public, deputies and organisations took part in a post-evaluation (Art. 36). */
export class EvaluationParticipationDto {
  @TextList() @ArrayMinSize(1) methods: string[];
  @Text(LIMITS.long) summary: string;
}

export class SubmitPostEvaluationEvent {
  @Text(LIMITS.long) findings: string;
  @IsIn(['CONTINUE', 'ADJUST', 'STOP']) recommendation: 'CONTINUE' | 'ADJUST' | 'STOP';
  /** v2: required by the rule POST_EVALUATION_PARTICIPATION_REQUIRED */
  @Optional() @IsObject() @ValidateNested() @Type(() => EvaluationParticipationDto) publicParticipation?: EvaluationParticipationDto;
}

/** START_ADJUSTMENT: an adjustment round (ADJUST, default) or the procedure on stopping execution (STOP), on what it rests (v2). */
export class StartAdjustmentEvent {
  @Text() reason: string;
  @Optional() @IsIn(CHANGE_PURPOSES) purpose?: ChangePurpose;
  @Optional() @IsIn(CHANGE_TRIGGERS) trigger?: ChangeTrigger;
  @OptionalText() triggerDescription?: string;
}

export class StopExecutionEvent {
  @Text() reason: string;
  @Text(LIMITS.short) meetingReference: string;
}

export class CompleteExecutionEvent {
  @Text(LIMITS.long) summary: string;
}

/** The DTO of each event a client may send. Event types missing here are refused with 400. */
export const EVENT_DTOS: Partial<Record<EventType, new () => object>> = {
  ACCEPT_PROPOSAL: AcceptProposalEvent,
  DECLINE_PROPOSAL: ReasonEvent,
  REVISE_DRAFT: ReviseDraftEvent,
  OPEN_PUBLIC_COMMENT: OpenPublicCommentEvent,
  CLOSE_PUBLIC_COMMENT: EmptyEvent,
  SCHEDULE_HEARING: ScheduleHearingEvent,
  RECORD_HEARING: RecordHearingEvent,
  SUBMIT_PUBLIC_OPINION_REPORT: SubmitPublicOpinionReportEvent,
  WAIVE_PUBLIC_PARTICIPATION: WaivePublicParticipationEvent,
  APPOINT_EXPERTS: AppointExpertsEvent,
  RECORD_EXPERT_OPINION: RecordExpertOpinionEvent,
  SUBMIT_EXPERT_REPORT: SubmitExpertReportEvent,
  WAIVE_EXPERT_ARGUMENTATION: WaiveExpertArgumentationEvent,
  SUBMIT_RISK_REPORT: SubmitRiskReportEvent,
  WAIVE_RISK_ASSESSMENT: WaiveRiskAssessmentEvent,
  SUBMIT_FOR_LEGALITY_REVIEW: SubmitForLegalityReviewEvent,
  RETURN_FOR_MATERIALS: ReturnForMaterialsEvent,
  ISSUE_LEGALITY_OPINION: IssueLegalityOpinionEvent,
  SUBMIT_FOR_COLLECTIVE_DISCUSSION: EmptyEvent,
  HOLD_MEETING: HoldMeetingEvent,
  RECORD_OPINION: RecordOpinionEvent,
  RECORD_DECISION: RecordDecisionEvent,
  REPORT_TO_PARTY_COMMITTEE: ReportEvent,
  REPORT_TO_PEOPLES_CONGRESS: ReportEvent,
  PUBLISH: PublishEvent,
  ASSIGN_EXECUTION: AssignExecutionEvent,
  REPORT_EXECUTION: ReportExecutionEvent,
  START_POST_EVALUATION: StartPostEvaluationEvent,
  SUBMIT_POST_EVALUATION: SubmitPostEvaluationEvent,
  SUSPEND_EXECUTION: ReasonEvent,
  RESUME_EXECUTION: ReasonEvent,
  START_ADJUSTMENT: StartAdjustmentEvent,
  STOP_EXECUTION: StopExecutionEvent,
  COMPLETE_EXECUTION: CompleteExecutionEvent,
  WITHDRAW: ReasonEvent,
};
