import { freshProcedure, initialContext, type ActorRef, type DecisionContext, type DecisionInput, type MeetingOpinion } from '../decision-context';
import type { AdviserOpinion, ChangePurpose, ChangeTrigger, MeetingPerson, ParticipationMethod, Payloads } from '../events';
import type { ProcedureProfileV2 } from './profiles.v2';

/**
 * The memory of a machine v2 decision: v1's context, whose records keep their
 * v1 shape (so v1's rules apply to them unchanged), plus what v2 adds.
 */

/** Where a rule or a record applies: the decision's own procedure, or the change round running beside its execution. */
export type Scope = 'main' | 'change';

/** What one procedure round produces (the decision's own round, or a change round's). */
export const RECORD_KEYS = ['draft', 'publicParticipation', 'expertArgumentation', 'riskAssessment', 'legalityReview', 'meeting', 'decision', 'reports', 'publication'] as const;
export type RecordKey = (typeof RECORD_KEYS)[number];
export type ProcedureRecord = Pick<DecisionContext, RecordKey>;

/** A comment period as v2 records it: bound to the draft it consults on, and how it came to be recorded. */
export interface CommentPeriodV2 {
  startsAt: string;
  endsAt: string;
  urgencyReason?: string;
  closedAt?: string;
  closedBy?: 'DRAFTER' | 'TIMER' | 'SUPERSEDED';
  closedByName?: string;
  /** when it was recorded here; the period counts from then unless evidence shows an earlier start */
  openedAt: string;
  explanation: string;
  draftHash: string;
  draftVersion: number;
  /** held (in part) before it was recorded here, on the evidence of the published notice */
  recordedAfterwards?: true;
  evidenceMaterialId?: string;
  /** 1 for the round's first period, +1 for each period on a new draft */
  number: number;
}

export interface MeetingOpinionV2 extends MeetingOpinion {
  memberSub?: string;
  text: string;
}

/** A meeting as v2 records it: attendees are persons; `attendees` keeps their names, as v1 did. */
export interface MeetingV2 {
  type: string;
  heldAt: string;
  membersTotal: number;
  attendees: string[];
  persons: MeetingPerson[];
  opinions: MeetingOpinionV2[];
}

/** A change round beside execution (Art. 37): an adjustment, or the procedure on stopping execution. */
export interface ChangeRound {
  number: number;
  purpose: ChangePurpose;
  reason: string;
  trigger: ChangeTrigger;
  triggerDescription?: string;
  startedAt: string;
  startedBy: ActorRef;
  record: ProcedureRecord;
}

export interface ChangeSummary {
  number: number;
  purpose: ChangePurpose;
  startedAt: string;
  endedAt: string;
  outcome: 'ADOPTED' | 'NOT_ADOPTED' | 'WITHDRAWN' | 'STOPPED';
  draftHash: string | null;
}

export interface DecisionContextV2 extends DecisionContext {
  profile: ProcedureProfileV2;
  /** units whose duties the matter touches (registered unit ids) */
  involvedUnits: string[];
  /** units that did the main argumentation or assessment before a decision: none of them evaluates it afterwards (Art. 36) */
  assessmentUnits: string[];
  /** serious problems reported in execution (the organ was notified of each) */
  seriousProblems: { unit: string; reportedAt: string }[];
  change: ChangeRound | null;
  changes: ChangeSummary[];
}

/** The v2 parts of the step records (optional on the v1 shape they extend). */
export interface PublicParticipationV2 {
  comment: CommentPeriodV2 | null;
  /** comment periods opened in this round */
  periods?: number;
  /** methods other than open comment and hearings, as the opinion report recorded them */
  otherMethods?: { method: ParticipationMethod; heldAt: string; materialId: string }[];
}

export interface LegalityOpinionV2 {
  advisers?: AdviserOpinion[];
}

/** Steps that do not apply to a stop procedure: it is a legality review and a collective decision on stopping. */
const NOT_FOR_STOP = { ground: 'NOT_REQUIRED_FOR_STOP', reason: '停止执行决策的程序为合法性审查和集体讨论决定，不适用公众参与、专家论证、风险评估' };

/** The records of a new change round: an adjustment goes through every step again; a stop procedure through review and discussion. */
export function freshRecord(purpose: ChangePurpose): ProcedureRecord {
  const { execution: _execution, ...steps } = freshProcedure();
  const record: ProcedureRecord = { draft: { version: 0, hash: null, revisedAt: null }, ...steps };
  if (purpose === 'ADJUST') return record;
  return {
    ...record,
    publicParticipation: { ...record.publicParticipation, waiver: NOT_FOR_STOP },
    expertArgumentation: { ...record.expertArgumentation, waiver: NOT_FOR_STOP },
    riskAssessment: { ...record.riskAssessment, waiver: NOT_FOR_STOP },
  };
}

/** The context of a v2 decision just created. */
export function initialContextV2(input: DecisionInput): DecisionContextV2 {
  return { ...initialContext(input), profile: input.profile as ProcedureProfileV2, involvedUnits: [], assessmentUnits: [], seriousProblems: [], change: null, changes: [] };
}

/**
 * The context as a rule of this scope sees it: for the change round, its records in place of the
 * decision's, so the same (v1) rule applies to either round unchanged.
 */
export function scoped(ctx: DecisionContextV2, scope: Scope | undefined): DecisionContextV2 {
  return scope === 'change' && ctx.change ? { ...ctx, ...ctx.change.record } : ctx;
}

/** A patch computed on the scoped context, written back: record parts into the round's records, the rest into the decision. */
export function unscoped(ctx: DecisionContextV2, scope: Scope | undefined, patch: Partial<DecisionContextV2>): Partial<DecisionContextV2> {
  if (scope !== 'change' || !ctx.change) return patch;
  const record: Partial<ProcedureRecord> = {};
  const rest: Partial<DecisionContextV2> = {};
  for (const [key, value] of Object.entries(patch)) {
    if ((RECORD_KEYS as readonly string[]).includes(key)) (record as Record<string, unknown>)[key] = value;
    else (rest as Record<string, unknown>)[key] = value;
  }
  return { ...rest, change: { ...ctx.change, record: { ...ctx.change.record, ...record } } };
}

/** A person at a meeting: the user where the member is one (same `sub`), else the same name. */
export function samePerson(a: MeetingPerson, b: MeetingPerson): boolean {
  return a.sub && b.sub ? a.sub === b.sub : a.name === b.name;
}

/** The attendees of a HOLD_MEETING payload as persons (v1 clients send names). */
export function personsOf(attendees: Payloads['HOLD_MEETING']['attendees'] | (string | MeetingPerson)[] | undefined): MeetingPerson[] {
  const out: MeetingPerson[] = [];
  for (const a of attendees ?? []) {
    const person = typeof a === 'string' ? { name: a } : { name: a.name, ...(a.sub ? { sub: a.sub } : {}) };
    if (!out.some((p) => samePerson(p, person))) out.push(person);
  }
  return out;
}
