import type { Actor } from './actor';

/** Decision categories of API.md (重大行政决策事项范围). */
export const CATEGORIES = ['PUBLIC_POLICY', 'DEVELOPMENT_PLAN', 'RESOURCE_POLICY', 'CONSTRUCTION_PROJECT', 'OTHER_MAJOR'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Every event type of API.md, plus the engine's own. */
export const EVENT_TYPES = [
  'CREATE_DECISION',
  'ACCEPT_PROPOSAL',
  'DECLINE_PROPOSAL',
  'REVISE_DRAFT',
  'OPEN_PUBLIC_COMMENT',
  'CLOSE_PUBLIC_COMMENT',
  'PUBLIC_COMMENT_ELAPSED',
  'SCHEDULE_HEARING',
  'RECORD_HEARING',
  'SUBMIT_PUBLIC_OPINION_REPORT',
  'WAIVE_PUBLIC_PARTICIPATION',
  'APPOINT_EXPERTS',
  'RECORD_EXPERT_OPINION',
  'SUBMIT_EXPERT_REPORT',
  'WAIVE_EXPERT_ARGUMENTATION',
  'SUBMIT_RISK_REPORT',
  'WAIVE_RISK_ASSESSMENT',
  'SUBMIT_FOR_LEGALITY_REVIEW',
  'RETURN_FOR_MATERIALS',
  'ISSUE_LEGALITY_OPINION',
  'SUBMIT_FOR_COLLECTIVE_DISCUSSION',
  'HOLD_MEETING',
  'RECORD_OPINION',
  'RECORD_DECISION',
  'REPORT_TO_PARTY_COMMITTEE',
  'REPORT_TO_PEOPLES_CONGRESS',
  'PUBLISH',
  'ASSIGN_EXECUTION',
  'REPORT_EXECUTION',
  'START_POST_EVALUATION',
  'SUBMIT_POST_EVALUATION',
  'SUSPEND_EXECUTION',
  'RESUME_EXECUTION',
  'START_ADJUSTMENT',
  'STOP_EXECUTION',
  'COMPLETE_EXECUTION',
  'WITHDRAW',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Event types a client may send through POST /decisions/:id/events. */
export const CLIENT_EVENT_TYPES = EVENT_TYPES.filter((t) => t !== 'CREATE_DECISION' && t !== 'PUBLIC_COMMENT_ELAPSED');

export interface Expert {
  name: string;
  field: string;
  affiliation: string;
  hasDirectInterest: boolean;
}

/** Public participation methods other than open comment and hearings (Art. 14). */
export const PARTICIPATION_METHODS = ['FORUM', 'FIELD_VISIT', 'WRITTEN_CONSULTATION', 'QUESTIONNAIRE', 'OPINION_POLL', 'GROUP_CONSULTATION'] as const;
export type ParticipationMethod = (typeof PARTICIPATION_METHODS)[number];

/** A participation method other than open comment and hearings, as the opinion report records it (v2). */
export interface ParticipationRecord {
  method: ParticipationMethod;
  heldAt: string;
  summary: string;
  /** the record of the forum, the survey results… (a material) */
  materialId: string;
}

/** A change round beside execution: an adjustment of the decision, or the procedure on stopping its execution. */
export const CHANGE_PURPOSES = ['ADJUST', 'STOP'] as const;
export type ChangePurpose = (typeof CHANGE_PURPOSES)[number];

/** What an adjustment or a stop procedure rests on (Art. 37): a post-evaluation on record, or another stated circumstance. */
export const CHANGE_TRIGGERS = ['POST_EVALUATION', 'OTHER'] as const;
export type ChangeTrigger = (typeof CHANGE_TRIGGERS)[number];

/** A member of the decision organ at a meeting: the user id where the member is a user, the name always. */
export interface MeetingPerson {
  name: string;
  sub?: string;
}

/** The opinion of one legal adviser or public-sector lawyer, recorded in the legality opinion (Art. 28). */
export interface AdviserOpinion {
  name: string;
  kind: 'LEGAL_ADVISER' | 'PUBLIC_SECTOR_LAWYER';
  opinion: string;
}

/**
 * How a group of identical or similar public comments (or the listed comments) was handled: `count` is
 * how many comments the disposition covers, as the drafter states it; the engine checks it against the host's count.
 */
export interface OpinionDisposition {
  groupId?: string;
  commentIds?: string[];
  count: number;
  adopted: boolean;
  reason?: string;
}

/**
 * Added by the host to an opinion report (machine v2): the public comments of the round as the host's
 * records group them, spam excluded, so a report never has to list tens of thousands of ids.
 */
export interface ReceivedCommentSummary {
  /** every comment received in the round, spam included */
  total: number;
  /** comments staff marked as spam (kept, never deleted; not to be accounted for) */
  spam: number;
  /** every other comment in exactly one group; an ungrouped comment is a group of one with groupId `comment:<id>` */
  groups: { groupId: string; count: number; digest: string }[];
}

/** Payloads as recorded in the trail (after validation; hashes added by the host). */
export interface Payloads {
  CREATE_DECISION: { title: string; category: Category; summary?: string; confidential?: boolean; exploratoryReform?: boolean; publicInterest?: boolean; catalogueItemId?: string };
  ACCEPT_PROPOSAL: { undertakingUnit: string; /** v2: units whose duties the matter touches (registered unit ids) */ involvedUnits?: string[] };
  DECLINE_PROPOSAL: { reason: string };
  REVISE_DRAFT: { text?: string; materialId?: string; changeSummary: string; contentHash: string };
  OPEN_PUBLIC_COMMENT: {
    startsAt: string;
    endsAt: string;
    channels: string[];
    urgencyReason?: string;
    explanation?: string;
    /** v2: the published notice of a period that began before it was recorded here */
    evidenceMaterialId?: string;
  };
  CLOSE_PUBLIC_COMMENT: Record<string, never>;
  PUBLIC_COMMENT_ELAPSED: { deadlineId?: string };
  SCHEDULE_HEARING: { plannedAt: string; place: string; participantSelection?: string };
  RECORD_HEARING: { heldAt: string; materialsSentAt: string; participants: string[]; recordMaterialId?: string };
  SUBMIT_PUBLIC_OPINION_REPORT: {
    summary: string;
    adopted: string[];
    notAdopted: { opinion: string; reason: string }[];
    /** how each public comment received online was handled */
    commentDispositions?: { commentId: string; adopted: boolean; reason?: string }[];
    /** added by the host: every comment received in this round, with its content hash */
    receivedComments?: { id: string; sha256: string }[];
    /** v2: participation methods other than open comment and hearings that were held, each with its record */
    otherMethods?: ParticipationRecord[];
    /** v2: how each group of comments (or each listed comment) was handled */
    dispositions?: OpinionDisposition[];
    /** v2, added by the host: the comments of the round as groups, spam excluded */
    receivedCommentSummary?: ReceivedCommentSummary;
  };
  WAIVE_PUBLIC_PARTICIPATION: { ground: 'CONFIDENTIAL'; reason: string };
  APPOINT_EXPERTS: { experts: Expert[] };
  RECORD_EXPERT_OPINION: { expertName: string; opinion: string; signed: boolean; materialId?: string };
  SUBMIT_EXPERT_REPORT: { summary: string; adoption: string; /** v2: the unit that organised the argumentation, when not the undertaking unit */ organizerUnit?: string };
  WAIVE_EXPERT_ARGUMENTATION: { ground: 'NOT_PROFESSIONAL_OR_TECHNICAL'; reason: string };
  SUBMIT_RISK_REPORT: {
    riskPoints: string[];
    measures: string[];
    contingencyPlan: string;
    level: 'LOW' | 'MEDIUM' | 'HIGH';
    controllable: boolean;
    /** v2: the unit that carried out the assessment, when not the undertaking unit */
    assessorUnit?: string;
  };
  WAIVE_RISK_ASSESSMENT: { ground: 'NO_SIGNIFICANT_RISK' | 'ALREADY_ASSESSED'; reason: string; reference?: string };
  SUBMIT_FOR_LEGALITY_REVIEW: { legalBasis: string[]; procedureStatement: string; materialIds?: string[]; opinionNeededBy?: string };
  RETURN_FOR_MATERIALS: { missing: string[] };
  ISSUE_LEGALITY_OPINION: {
    conclusion: 'LAWFUL' | 'LAWFUL_WITH_RISKS' | 'REVISE' | 'UNLAWFUL';
    authority: string;
    procedure: string;
    content: string;
    opinion: string;
    legalRisks?: string[];
    /** v1: names; v2: the advisers' opinions */
    advisers?: (string | AdviserOpinion)[];
  };
  SUBMIT_FOR_COLLECTIVE_DISCUSSION: Record<string, never>;
  /** v1 records attendees by name; v2 also as persons `{name, sub?}` */
  HOLD_MEETING: { meetingType: 'EXECUTIVE' | 'PLENARY' | 'LEADERSHIP'; heldAt: string; membersTotal: number; attendees: string[] };
  RECORD_OPINION: { member: string; memberSub?: string; isHead: boolean; position: 'FOR' | 'AGAINST' | 'ABSTAIN'; text: string };
  RECORD_DECISION: { outcome: 'ADOPTED' | 'ADOPTED_WITH_CHANGES' | 'NOT_ADOPTED' | 'DEFERRED'; deviationReason?: string };
  REPORT_TO_PARTY_COMMITTEE: { reportedAt: string; reference: string };
  REPORT_TO_PEOPLES_CONGRESS: { reportedAt: string; reference: string };
  PUBLISH: { publishedAt?: string; channels?: string[]; interpretation?: string; notPublished?: boolean; ground?: string };
  ASSIGN_EXECUTION: { unit: string; dueAt: string; reportEveryDays: number };
  REPORT_EXECUTION: { progress: string; problems?: string; /** a serious problem: the organ is notified */ serious?: boolean };
  START_POST_EVALUATION: { trigger: 'BELOW_EXPECTATIONS' | 'PUBLIC_CONCERNS' | 'DEEMED_NECESSARY'; evaluator: string };
  SUBMIT_POST_EVALUATION: {
    findings: string;
    recommendation: 'CONTINUE' | 'ADJUST' | 'STOP';
    /** v2: how the public, deputies and organisations took part (Art. 36) */
    publicParticipation?: { methods: string[]; summary: string };
  };
  SUSPEND_EXECUTION: { reason: string };
  RESUME_EXECUTION: { reason: string };
  /** v2: `purpose` STOP starts the collective procedure on stopping execution; `trigger` is required */
  START_ADJUSTMENT: { reason: string; purpose?: ChangePurpose; trigger?: ChangeTrigger; triggerDescription?: string };
  STOP_EXECUTION: { reason: string; meetingReference: string };
  COMPLETE_EXECUTION: { summary: string };
  WITHDRAW: { reason: string };
}

/** An event as the machine sees it: time and actor arrive on the event, never from a clock. */
export interface ProcedureEvent<T extends EventType = EventType> {
  type: T;
  payload: Payloads[T];
  occurredAt: string;
  actor: Actor;
}

export type AnyProcedureEvent = { [T in EventType]: ProcedureEvent<T> }[EventType];

/**
 * The record-only trail entry of newer holiday data: a decision's provisional deadlines dated
 * again (written by libs/decisions' DeadlineRecomputation). It changes no state (replay keeps
 * the state as it was) and no machine knows it.
 */
export const DEADLINES_RECOMPUTED = 'DEADLINES_RECOMPUTED';
