import type { Actor } from './actor';
import type { Category, Expert, Payloads } from './events';
import type { ProcedureProfile } from './profiles';
import type { ReviewTimeRisk } from './review-time';

/** Who did something, as the record needs it for lifetime accountability. */
export interface ActorRef {
  sub: string;
  name: string;
  unit: string;
}

export interface RecordedHearing {
  heldAt: string;
  materialsSentAt: string;
  participants: string[];
  recordMaterialId?: string;
}

export interface LegalityOpinion {
  conclusion: Payloads['ISSUE_LEGALITY_OPINION']['conclusion'];
  /** the opinion covers exactly this draft (content hash) */
  draftHash: string;
  draftVersion: number;
  issuedAt: string;
  reviewer: ActorRef;
}

export interface MeetingOpinion {
  member: string;
  isHead: boolean;
  position: Payloads['RECORD_OPINION']['position'];
  recordedAt: string;
}

export interface ExecutionAssignment {
  unit: string;
  dueAt: string;
  reportEveryDays: number;
  assignedAt: string;
  lastReportAt: string | null;
  reports: number;
}

/**
 * Everything the procedure remembers about one decision: facts fixed at
 * creation, the pinned profile, and what each step produced. Plain JSON, so
 * the persisted snapshot is the whole state of the procedure.
 */
export interface DecisionContext {
  decisionId: string;
  facts: {
    title: string;
    category: Category;
    confidential: boolean;
    exploratoryReform: boolean;
    publicInterest: boolean;
    jurisdiction: string;
    proposer: ActorRef;
    createdAt: string;
  };
  profile: ProcedureProfile;
  /** 1 for the original procedure, +1 for every adjustment that reopened it */
  round: number;
  undertakingUnit: string | null;
  draft: { version: number; hash: string | null; revisedAt: string | null };
  publicParticipation: {
    comment: { startsAt: string; endsAt: string; urgencyReason?: string; closedAt?: string; closedBy?: 'DRAFTER' | 'TIMER' } | null;
    plannedHearings: { plannedAt: string; place: string }[];
    hearings: RecordedHearing[];
    reportedAt: string | null;
    waiver: { ground: string; reason: string } | null;
  };
  expertArgumentation: {
    panel: Expert[];
    /** names of experts whose signed written opinion is on record */
    signedOpinions: string[];
    reportedAt: string | null;
    waiver: { ground: string; reason: string } | null;
  };
  riskAssessment: {
    lastReport: { level: string; controllable: boolean; draftVersion: number; at: string } | null;
    waiver: { ground: string; reason: string; reference?: string } | null;
  };
  legalityReview: {
    submissions: number;
    submission: {
      submittedAt: string;
      submittedBy: ActorRef;
      opinionNeededBy: string | null;
      draftHash: string;
      draftVersion: number;
      /** present when `opinionNeededBy` may leave the reviewer too little time, depending on holidays not yet published */
      reviewTimeRisk?: ReviewTimeRisk;
    } | null;
    opinion: LegalityOpinion | null;
    returnedAt: string | null;
  };
  meeting: {
    type: string;
    heldAt: string;
    membersTotal: number;
    attendees: string[];
    opinions: MeetingOpinion[];
  } | null;
  decision: { outcome: Payloads['RECORD_DECISION']['outcome']; decidedAt: string; deviationReason?: string } | null;
  reports: { partyCommittee: { reportedAt: string; reference: string } | null; peoplesCongress: { reportedAt: string; reference: string } | null };
  publication: { published: boolean; at: string } | null;
  execution: {
    assignments: ExecutionAssignment[];
    postEvaluation: { trigger: string; evaluator: string; startedAt: string } | null;
    evaluations: { recommendation: string; at: string }[];
  };
  suspension: { since: string; reason: string } | null;
  endedAt: string | null;
}

/** Input of a new decision: event 1 of its trail. */
export interface DecisionInput {
  decisionId: string;
  profile: ProcedureProfile;
  payload: Payloads['CREATE_DECISION'];
  occurredAt: string;
  actor: Actor;
}

/** The reference to an actor kept in the context (the full actor is in the trail). */
export function actorRef(actor: Actor): ActorRef {
  return { sub: actor.sub, name: actor.name, unit: actor.unit };
}

/** Fresh step records: at creation and when an adjustment reopens the procedure. */
export function freshProcedure(): Pick<
  DecisionContext,
  'publicParticipation' | 'expertArgumentation' | 'riskAssessment' | 'legalityReview' | 'meeting' | 'decision' | 'reports' | 'publication' | 'execution'
> {
  return {
    publicParticipation: { comment: null, plannedHearings: [], hearings: [], reportedAt: null, waiver: null },
    expertArgumentation: { panel: [], signedOpinions: [], reportedAt: null, waiver: null },
    riskAssessment: { lastReport: null, waiver: null },
    legalityReview: { submissions: 0, submission: null, opinion: null, returnedAt: null },
    meeting: null,
    decision: null,
    reports: { partyCommittee: null, peoplesCongress: null },
    publication: null,
    execution: { assignments: [], postEvaluation: null, evaluations: [] },
  };
}

/** The context of a decision just created (state `proposed`). */
export function initialContext(input: DecisionInput): DecisionContext {
  const p = input.payload;
  return {
    decisionId: input.decisionId,
    facts: {
      title: p.title,
      category: p.category,
      confidential: p.confidential ?? false,
      exploratoryReform: p.exploratoryReform ?? false,
      publicInterest: p.publicInterest ?? false,
      jurisdiction: input.actor.jurisdiction,
      proposer: actorRef(input.actor),
      createdAt: input.occurredAt,
    },
    profile: input.profile,
    round: 1,
    undertakingUnit: null,
    draft: { version: 0, hash: null, revisedAt: null },
    ...freshProcedure(),
    suspension: null,
    endedAt: null,
  };
}
