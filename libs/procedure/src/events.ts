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

/** Payloads as recorded in the trail (after validation; hashes added by the host). */
export interface Payloads {
  CREATE_DECISION: { title: string; category: Category; summary?: string; confidential?: boolean; exploratoryReform?: boolean; publicInterest?: boolean; catalogueItemId?: string };
  ACCEPT_PROPOSAL: { undertakingUnit: string };
  DECLINE_PROPOSAL: { reason: string };
  REVISE_DRAFT: { text?: string; materialId?: string; changeSummary: string; contentHash: string };
  OPEN_PUBLIC_COMMENT: { startsAt: string; endsAt: string; channels: string[]; urgencyReason?: string; explanation?: string };
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
  };
  WAIVE_PUBLIC_PARTICIPATION: { ground: 'CONFIDENTIAL'; reason: string };
  APPOINT_EXPERTS: { experts: Expert[] };
  RECORD_EXPERT_OPINION: { expertName: string; opinion: string; signed: boolean; materialId?: string };
  SUBMIT_EXPERT_REPORT: { summary: string; adoption: string };
  WAIVE_EXPERT_ARGUMENTATION: { ground: 'NOT_PROFESSIONAL_OR_TECHNICAL'; reason: string };
  SUBMIT_RISK_REPORT: { riskPoints: string[]; measures: string[]; contingencyPlan: string; level: 'LOW' | 'MEDIUM' | 'HIGH'; controllable: boolean };
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
    advisers?: string[];
  };
  SUBMIT_FOR_COLLECTIVE_DISCUSSION: Record<string, never>;
  HOLD_MEETING: { meetingType: 'EXECUTIVE' | 'PLENARY' | 'LEADERSHIP'; heldAt: string; membersTotal: number; attendees: string[] };
  RECORD_OPINION: { member: string; isHead: boolean; position: 'FOR' | 'AGAINST' | 'ABSTAIN'; text: string };
  RECORD_DECISION: { outcome: 'ADOPTED' | 'ADOPTED_WITH_CHANGES' | 'NOT_ADOPTED' | 'DEFERRED'; deviationReason?: string };
  REPORT_TO_PARTY_COMMITTEE: { reportedAt: string; reference: string };
  REPORT_TO_PEOPLES_CONGRESS: { reportedAt: string; reference: string };
  PUBLISH: { publishedAt?: string; channels?: string[]; interpretation?: string; notPublished?: boolean; ground?: string };
  ASSIGN_EXECUTION: { unit: string; dueAt: string; reportEveryDays: number };
  REPORT_EXECUTION: { progress: string; problems?: string };
  START_POST_EVALUATION: { trigger: 'BELOW_EXPECTATIONS' | 'PUBLIC_CONCERNS' | 'DEEMED_NECESSARY'; evaluator: string };
  SUBMIT_POST_EVALUATION: { findings: string; recommendation: 'CONTINUE' | 'ADJUST' | 'STOP' };
  SUSPEND_EXECUTION: { reason: string };
  RESUME_EXECUTION: { reason: string };
  START_ADJUSTMENT: { reason: string };
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
