/**
 * Test factories for the procedure engine: actors, a deterministic
 * working-day calendar, valid payloads per event type, and a harness that
 * drives one decision through `ProcedureEngine` to a named milestone.
 *
 * Everything here is deterministic: time only moves when the harness is told
 * to (or by one minute per accepted event), never from the process clock.
 */
import { type Actor, type Role } from '../actor';
import type { DecisionContext } from '../decision-context';
import type { DecisionView } from '../decision-view';
import type { AnyProcedureEvent, EventType, Payloads } from '../events';
import type { ApplyOutcome, EventOptions, MachineRef, ProcedureEngine, ProcedureSnapshot } from '../procedure-engine';
import { NATIONAL_V1, type ProcedureProfile } from '../profiles';
import type { MeetingPerson } from '../events';
import { NATIONAL_V2 } from '../v2/profiles.v2';
import { HEAD_PERSON, MEMBER_PERSONS, payloadContext, validPayloadsV2 } from './payloads.v2';
import type { Reason } from '../reason';
import {
  actor,
  addDays,
  addMs,
  createEngine,
  defaultActorFor,
  HEAD_MEMBER,
  MEMBERS,
  procedureEvent,
  roundTrip,
  T0,
  validPayloads,
  type PayloadBuilder,
  type PayloadScope,
} from './fixtures';

export * from './fixtures';

// ---------------------------------------------------------------- harness

export interface DecisionFacts {
  confidential?: boolean;
  exploratoryReform?: boolean;
  publicInterest?: boolean;
}

export interface HarnessOptions {
  /** the machine version the decision starts on (default 1: the tests of machine v1) */
  machine?: number;
  profile?: ProcedureProfile;
  facts?: DecisionFacts;
  engine?: ProcedureEngine;
  decisionId?: string;
  start?: string;
}

export interface SendOptions {
  by?: Actor;
  at?: string;
}

/** Raised by `must` when the engine refuses an event the test expected to pass. */
export class UnexpectedRefusal extends Error {
  constructor(
    readonly type: EventType,
    readonly reasons: Reason[],
  ) {
    super(`${type} refused: ${reasons.map((r) => r.code).join(', ')}`);
  }
}

/**
 * One decision driven through the pure engine, with a clock that only moves
 * forward. Every accepted snapshot is JSON round-tripped, as the database
 * would store it.
 */
export class DecisionHarness {
  readonly engine: ProcedureEngine;
  readonly profile: ProcedureProfile;
  readonly machine: MachineRef;
  /** the lawful payloads of the decision's machine version */
  readonly payloads: typeof validPayloads;
  /** the head of the organ as a meeting member */
  readonly head: MeetingPerson;
  snapshot: ProcedureSnapshot;
  now: string;
  /** accepted events, oldest first (the trail) */
  readonly accepted: AnyProcedureEvent[] = [];

  constructor(options: HarnessOptions = {}) {
    this.engine = options.engine ?? createEngine();
    const v2 = (options.machine ?? 1) === 2;
    this.machine = { id: this.engine.currentMachine.id, version: v2 ? 2 : 1 };
    this.profile = options.profile ?? (v2 ? NATIONAL_V2 : NATIONAL_V1);
    this.payloads = v2 ? validPayloadsV2 : validPayloads;
    this.head = v2 ? HEAD_PERSON : { name: HEAD_MEMBER };
    this.now = options.start ?? T0;
    const started = this.engine.start(
      {
        decisionId: options.decisionId ?? 'decision-1',
        profile: this.profile,
        payload: { ...validPayloads.CREATE_DECISION({} as PayloadScope), ...options.facts },
        occurredAt: this.now,
        actor: actor('drafter'),
      },
      this.machine,
    );
    this.snapshot = roundTrip(started.snapshot);
  }

  get context(): DecisionContext {
    return this.engine.context(this.snapshot);
  }

  /** The records of the round under way: a machine v2 change round's while one runs, else the decision's own. */
  get record(): DecisionContext {
    return payloadContext(this.context, 'REVISE_DRAFT');
  }

  get view(): DecisionView {
    return this.engine.view(this.snapshot);
  }

  get status() {
    return this.view.status;
  }

  get stateValue() {
    return this.view.stateValue;
  }

  advanceDays(days: number): this {
    this.now = addDays(this.now, days);
    return this;
  }

  advanceTo(iso: string): this {
    if (Date.parse(iso) < Date.parse(this.now)) throw new Error(`time only moves forward (${iso} < ${this.now})`);
    this.now = iso;
    return this;
  }

  /** The event a client would send now (valid payload unless overridden). */
  event<T extends EventType>(type: T, overrides: Partial<Payloads[T]> = {}, options: SendOptions = {}): AnyProcedureEvent {
    const at = options.at ?? this.now;
    const context = payloadContext(this.context, type);
    const payload = { ...(this.payloads[type] as PayloadBuilder<T>)({ context, now: at }), ...overrides };
    return procedureEvent(type, payload, at, options.by ?? defaultActorFor(type));
  }

  /** Apply an already built event; on acceptance the snapshot moves and the clock ticks one minute. */
  apply(event: AnyProcedureEvent): ApplyOutcome {
    const outcome = this.engine.apply(this.snapshot, event);
    if (outcome.accepted) {
      this.snapshot = roundTrip(outcome.snapshot);
      this.accepted.push(event);
      const next = addMs(event.occurredAt, 60_000);
      if (Date.parse(next) > Date.parse(this.now)) this.now = next;
    }
    return outcome;
  }

  send<T extends EventType>(type: T, overrides: Partial<Payloads[T]> = {}, options: SendOptions = {}): ApplyOutcome {
    return this.apply(this.event(type, overrides, options));
  }

  /** Send an event that must be accepted. */
  must<T extends EventType>(type: T, overrides: Partial<Payloads[T]> = {}, options: SendOptions = {}): this {
    const outcome = this.send(type, overrides, options);
    if (!outcome.accepted) throw new UnexpectedRefusal(type, outcome.reasons);
    return this;
  }

  /** The codes of the reasons an event is refused for ([] when accepted; the snapshot then moves). */
  refusal<T extends EventType>(type: T, overrides: Partial<Payloads[T]> = {}, options: SendOptions = {}): string[] {
    const outcome = this.send(type, overrides, options);
    return outcome.accepted ? [] : outcome.reasons.map((r) => r.code);
  }

  /** Event types this actor may send now. */
  allowed(by: Actor | Role): EventType[] {
    return this.engine.allowedEvents(this.snapshot, typeof by === 'string' ? actor(by) : by, this.now);
  }

  /** What this actor may send now, and what is blocked for which rules. */
  options(by: Actor | Role): EventOptions {
    return this.engine.eventOptions(this.snapshot, typeof by === 'string' ? actor(by) : by, this.now);
  }

  /** A copy of this decision (same engine, same snapshot and clock) to try alternatives on. */
  fork(): DecisionHarness {
    const copy = Object.create(DecisionHarness.prototype) as DecisionHarness;
    Object.assign(copy, { ...this, snapshot: roundTrip(this.snapshot), accepted: [...this.accepted] });
    return copy;
  }

  // ------------------------------------------------------------ step helpers

  draft(): this {
    return this.must('REVISE_DRAFT');
  }

  /** Public participation, lawfully: open comment for the full period (plus a hearing when the profile demands it), close, report. */
  settlePublicParticipation(): this {
    const ctx = this.record;
    const hearingRequired = ctx.profile.hearing.requiredForPublicInterest && ctx.facts.publicInterest;
    if (ctx.facts.confidential) {
      // no public comment on a confidential matter: waived where the profile allows, else performed by other means
      if (ctx.profile.waiversAllowed) return this.must('WAIVE_PUBLIC_PARTICIPATION');
      if (hearingRequired) this.must('RECORD_HEARING');
      return this.must('SUBMIT_PUBLIC_OPINION_REPORT');
    }
    this.must('OPEN_PUBLIC_COMMENT');
    if (hearingRequired) this.advanceDays(10).must('RECORD_HEARING');
    this.advanceTo(this.record.publicParticipation.comment!.endsAt);
    return this.must('CLOSE_PUBLIC_COMMENT').must('SUBMIT_PUBLIC_OPINION_REPORT');
  }

  settleExpertArgumentation(): this {
    this.must('APPOINT_EXPERTS');
    for (let i = 0; i < this.record.expertArgumentation.panel.length; i++) this.must('RECORD_EXPERT_OPINION');
    return this.must('SUBMIT_EXPERT_REPORT');
  }

  settleRiskAssessment(): this {
    return this.must('SUBMIT_RISK_REPORT');
  }

  /** All three consultation steps, with the expert and risk work done while the comment period runs. */
  settleConsultation(): this {
    const ctx = this.record;
    if (ctx.facts.confidential) {
      this.settlePublicParticipation();
      return this.settleExpertArgumentation().settleRiskAssessment();
    }
    this.must('OPEN_PUBLIC_COMMENT');
    this.settleExpertArgumentation().settleRiskAssessment();
    if (ctx.profile.hearing.requiredForPublicInterest && ctx.facts.publicInterest) this.advanceDays(10).must('RECORD_HEARING');
    this.advanceTo(this.record.publicParticipation.comment!.endsAt);
    return this.must('CLOSE_PUBLIC_COMMENT').must('SUBMIT_PUBLIC_OPINION_REPORT');
  }

  /** Record every member's opinion (FOR unless given), then the head's. */
  recordOpinions(positions: Payloads['RECORD_OPINION']['position'][] = MEMBERS.map(() => 'FOR'), head: Payloads['RECORD_OPINION']['position'] = 'FOR'): this {
    const v2 = this.machine.version === 2;
    positions.forEach((position, i) =>
      this.must('RECORD_OPINION', { member: MEMBERS[i], ...(v2 ? { memberSub: MEMBER_PERSONS[i].sub } : {}), isHead: false, position, text: position }),
    );
    return this.must('RECORD_OPINION', { member: this.head.name, ...(this.head.sub ? { memberSub: this.head.sub } : {}), isHead: true, position: head, text: '行政首长意见' });
  }

  /** Party committee (and people's congress when the profile requires it). */
  fileReports(): this {
    this.must('REPORT_TO_PARTY_COMMITTEE');
    if (this.context.profile.reports.peoplesCongress) this.must('REPORT_TO_PEOPLES_CONGRESS');
    return this;
  }
}

// ---------------------------------------------------------------- milestones

/** Named points of the procedure, in order. */
export const MILESTONES = [
  'proposed',
  'drafting',
  'drafted',
  'readyForReview',
  'underReview',
  'reviewedLawful',
  'awaitingMeeting',
  'inMeeting',
  'opinionsRecorded',
  'decided',
  'reported',
  'implementing',
  'postEvaluation',
  'suspended',
] as const;
export type Milestone = (typeof MILESTONES)[number];

const STEPS: Record<Milestone, (h: DecisionHarness) => void> = {
  proposed: () => undefined,
  drafting: (h) => h.must('ACCEPT_PROPOSAL'),
  drafted: (h) => h.draft(),
  readyForReview: (h) => h.settleConsultation(),
  underReview: (h) => h.must('SUBMIT_FOR_LEGALITY_REVIEW', { opinionNeededBy: addDays(h.now, 14) }),
  reviewedLawful: (h) => h.advanceDays(5).must('ISSUE_LEGALITY_OPINION'),
  awaitingMeeting: (h) => h.must('SUBMIT_FOR_COLLECTIVE_DISCUSSION'),
  inMeeting: (h) => h.advanceDays(3).must('HOLD_MEETING'),
  opinionsRecorded: (h) => h.recordOpinions(),
  decided: (h) => h.must('RECORD_DECISION'),
  reported: (h) => h.advanceDays(1).fileReports(),
  implementing: (h) => h.advanceDays(1).must('PUBLISH').must('ASSIGN_EXECUTION'),
  postEvaluation: (h) => h.advanceDays(90).must('START_POST_EVALUATION'),
  suspended: (h) => h.must('SUSPEND_EXECUTION'),
};

/**
 * A decision driven lawfully through the engine up to `milestone`:
 * `driveTo('reviewedLawful')` is back in drafting with a lawful opinion on the
 * current draft; `driveTo('implementing')` is published with execution assigned.
 * `postEvaluation` and `suspended` branch off `implementing`.
 */
export function driveTo(milestone: Milestone, options: HarnessOptions = {}): DecisionHarness {
  return continueTo(new DecisionHarness(options), 'proposed', milestone);
}

/** Drive a decision that stands at milestone `from` on, lawfully, to `to`. */
export function continueTo(h: DecisionHarness, from: Milestone, to: Milestone): DecisionHarness {
  for (const m of MILESTONES.slice(MILESTONES.indexOf(from) + 1, MILESTONES.indexOf(to) + 1)) {
    if (m === 'postEvaluation' && to === 'suspended') continue;
    STEPS[m](h);
  }
  return h;
}
