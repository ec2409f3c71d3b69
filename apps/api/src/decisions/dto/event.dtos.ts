import type { EventType } from '@app/procedure';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsUUID,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ExactlyOneOf, Excludes, Instant, LIMITS, Optional, OptionalText, Text, TextList } from './field-rules';

// One DTO per event type of API.md: the body of POST /api/decisions/:id/events is `{type, ...fields}`.
// Cross-field rules that are law (30 days, 7 days notice...) live in the procedure's guards, not here.

export class AcceptProposalEvent {
  @Text(LIMITS.short) undertakingUnit: string;
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
  @OptionalText(LIMITS.long) explanation?: string;
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

export class SubmitPublicOpinionReportEvent {
  @Text() summary: string;
  @TextList(LIMITS.text) adopted: string[];
  @IsArray() @ArrayMaxSize(LIMITS.items) @ValidateNested({ each: true }) @Type(() => NotAdoptedOpinion) notAdopted: NotAdoptedOpinion[];
  /** one entry per public comment received online (GET /decisions/:id/comments) */
  @Optional() @IsArray() @ArrayMaxSize(10_000) @ValidateNested({ each: true }) @Type(() => CommentDisposition) commentDispositions?: CommentDisposition[];
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

export class IssueLegalityOpinionEvent {
  @IsIn(['LAWFUL', 'LAWFUL_WITH_RISKS', 'REVISE', 'UNLAWFUL']) conclusion: 'LAWFUL' | 'LAWFUL_WITH_RISKS' | 'REVISE' | 'UNLAWFUL';
  @Text(LIMITS.long) authority: string;
  @Text(LIMITS.long) procedure: string;
  @Text(LIMITS.long) content: string;
  @Text(LIMITS.long) opinion: string;
  @Optional() @TextList(LIMITS.text) legalRisks?: string[];
  @Optional() @TextList() advisers?: string[];
}

export class HoldMeetingEvent {
  @IsIn(['EXECUTIVE', 'PLENARY', 'LEADERSHIP']) meetingType: 'EXECUTIVE' | 'PLENARY' | 'LEADERSHIP';
  @Instant() heldAt: string;
  @IsInt() @Min(1) @Max(1000) membersTotal: number;
  @TextList() @ArrayMinSize(1) attendees: string[];
}

export class RecordOpinionEvent {
  @Text(LIMITS.short) member: string;
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
}

export class StartPostEvaluationEvent {
  @IsIn(['BELOW_EXPECTATIONS', 'PUBLIC_CONCERNS', 'DEEMED_NECESSARY']) trigger: 'BELOW_EXPECTATIONS' | 'PUBLIC_CONCERNS' | 'DEEMED_NECESSARY';
  @Text(LIMITS.short) evaluator: string;
}

export class SubmitPostEvaluationEvent {
  @Text(LIMITS.long) findings: string;
  @IsIn(['CONTINUE', 'ADJUST', 'STOP']) recommendation: 'CONTINUE' | 'ADJUST' | 'STOP';
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
  START_ADJUSTMENT: ReasonEvent,
  STOP_EXECUTION: StopExecutionEvent,
  COMPLETE_EXECUTION: CompleteExecutionEvent,
  WITHDRAW: ReasonEvent,
};
