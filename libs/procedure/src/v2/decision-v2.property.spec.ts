import fc from 'fast-check';
import { createActor, getNextTransitions, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { ROLES, type Actor } from '../actor';
import { FINAL_STATUSES, type DecisionStatus } from '../decision-view';
import { EVENT_ROLES } from '../event-roles';
import { EVENT_TYPES, type AnyProcedureEvent, type EventType, type MeetingPerson } from '../events';
import type { ProcedureSnapshot } from '../procedure-engine';
import { PAYLOAD_VARIANTS_V2, buildVariantEventV2, INSTITUTE } from '../testing/event-variants.v2';
import type { PayloadVariant } from '../testing/event-variants';
import { actor, addMs, createCalendar, driveTo, MILESTONES, roundTrip, UNITS, type DecisionFacts, type DecisionHarness, type Milestone } from '../testing/factories';
import { createDecisionMachineV2 } from './machine.v2';
import { NATIONAL_V2, STRICT_V2 } from './profiles.v2';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261201) });

/*
 * Property tests of machine v2 against an oracle: a model of the law written
 * from the accepted events' payloads alone — it never reads the engine's
 * context or calls a rule check — so a weakened guard shows as an accepted
 * event the oracle says the law forbids. Each run starts from a lawfully
 * driven point (main procedure, an adjustment or a stop procedure under way)
 * and applies generated events: mostly ones the state knows, payloads lawful
 * or rule-breaking, sent by the usual role or by someone else.
 */

const machine = createDecisionMachineV2({ calendar: createCalendar() }) as unknown as AnyStateMachine;
const PROFILES = { national: NATIONAL_V2, strict: STRICT_V2 };
const DRAFTER_ONLY = EVENT_TYPES.filter((t) => EVENT_ROLES[t].includes('drafter') && EVENT_ROLES[t].length === 1);
const OUTSIDERS: Actor[] = [
  ...ROLES.map((r) => actor(r)),
  actor('system'),
  actor('drafter', '县住房和城乡建设局'),
  actor('drafter', INSTITUTE),
  actor('head', UNITS.government, { sub: 'deputy-head', name: '常务副县长' }),
  actor('legal_reviewer', UNITS.undertaking),
];

// ---------------------------------------------------------------- starting points

const ROUND_STARTS = ['adjustmentReviewed', 'adjustmentInMeeting', 'adjustmentDecided', 'stopReviewed', 'stopInMeeting', 'stopDecided'] as const;
type Start = Milestone | (typeof ROUND_STARTS)[number];
const STARTS: Start[] = [...MILESTONES, ...ROUND_STARTS];
const head = actor('head');

function drive(start: Start, profile: keyof typeof PROFILES, facts: DecisionFacts): DecisionHarness {
  const options = { machine: 2, profile: PROFILES[profile], facts };
  if ((MILESTONES as readonly string[]).includes(start)) return driveTo(start as Milestone, options);
  const h = driveTo('implementing', options);
  if (start.startsWith('adjustment')) h.must('START_ADJUSTMENT').must('REVISE_DRAFT', { contentHash: 'sha256:adjusted' }).settleConsultation();
  else h.must('START_ADJUSTMENT', { purpose: 'STOP' }, { by: head }).must('REVISE_DRAFT', { contentHash: 'sha256:stop' });
  h.must('SUBMIT_FOR_LEGALITY_REVIEW').advanceDays(5).must('ISSUE_LEGALITY_OPINION');
  if (start.endsWith('Reviewed')) return h;
  h.must('SUBMIT_FOR_COLLECTIVE_DISCUSSION').advanceDays(1).must('HOLD_MEETING');
  return start.endsWith('Decided') ? h.recordOpinions().must('RECORD_DECISION') : h;
}

// ---------------------------------------------------------------- generated runs

interface Step {
  /** 0: among the events someone may send now (allowedEvents of every role); 1: among those the state knows; 2: any type */
  pool: number;
  typeIndex: number;
  variantIndex: number;
  actorChoice: number;
  minutes: number;
  jump: boolean;
}
interface Run {
  profile: keyof typeof PROFILES;
  facts: DecisionFacts;
  start: Start;
  steps: Step[];
}
const weighted = (percent: number) => fc.integer({ min: 0, max: 99 }).map((n) => n < percent);
const stepArb: fc.Arbitrary<Step> = fc.record({
  pool: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }),
  typeIndex: fc.nat(1000),
  variantIndex: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat(10) }),
  actorChoice: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(OUTSIDERS.length + 1) }),
  minutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  jump: weighted(8),
});
const runArb = (maxSteps = 30): fc.Arbitrary<Run> =>
  fc.record({
    profile: fc.constantFrom('national' as const, 'strict' as const),
    facts: fc.record({ confidential: weighted(20), exploratoryReform: fc.boolean(), publicInterest: fc.boolean() }),
    // weighted towards the points where the gates are: a lawful opinion, a meeting, a change round
    start: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom<Start>('reviewedLawful', 'opinionsRecorded', 'inMeeting', ...ROUND_STARTS) },
      { weight: 3, arbitrary: fc.constantFrom(...STARTS) },
    ),
    steps: fc.array(stepArb, { minLength: 1, maxLength: maxSteps }),
  });

const startCache = new Map<string, DecisionHarness>();
function startOf(run: Run): DecisionHarness {
  const key = JSON.stringify([run.profile, run.facts, run.start]);
  if (!startCache.has(key)) startCache.set(key, drive(run.start, run.profile, run.facts));
  return startCache.get(key)!.fork();
}

const known = (snapshot: ProcedureSnapshot): EventType[] => {
  const s = createActor(machine, { snapshot: snapshot.state as never }).getSnapshot() as AnyMachineSnapshot;
  return [...new Set(getNextTransitions(s).map((t) => t.eventType as EventType))];
};

const allowedForSomeone = (h: DecisionHarness): EventType[] => {
  const types = new Set<EventType>();
  for (const role of [...ROLES, 'system'] as const) h.options(actor(role)).allowedEvents.forEach((t) => types.add(t));
  return EVENT_TYPES.filter((t) => types.has(t));
};

function actorFor(type: EventType, choice: number): Actor {
  if (choice === 0) return actor(EVENT_ROLES[type][0]);
  if (choice === 1) return actor(EVENT_ROLES[type][1] ?? EVENT_ROLES[type][0]);
  return OUTSIDERS[(choice - 2) % OUTSIDERS.length];
}

function eventFor(h: DecisionHarness, step: Step): AnyProcedureEvent {
  if (step.jump) h.advanceDays(31);
  h.advanceTo(addMs(h.now, step.minutes * 60_000));
  const types = step.pool === 0 ? allowedForSomeone(h) : step.pool === 1 ? known(h.snapshot) : [];
  const pool: readonly EventType[] = types.length ? types : EVENT_TYPES;
  let type = pool[step.typeIndex % pool.length];
  // withdrawal ends a run: kept rare so runs go on to the gates
  if (type === 'WITHDRAW' && pool.length > 1 && step.typeIndex % 5 !== 0) type = pool[(step.typeIndex + 1) % pool.length];
  const variants = PAYLOAD_VARIANTS_V2[type] as PayloadVariant[];
  const event = buildVariantEventV2(type, variants[step.variantIndex % variants.length], { context: h.context, now: h.now }, actorFor(type, step.actorChoice));
  if (Date.parse(event.occurredAt) < Date.parse(h.now)) return { ...event, occurredAt: h.now };
  h.advanceTo(event.occurredAt);
  return event;
}

// ---------------------------------------------------------------- the oracle

interface RoundModel {
  draft: string | null;
  submitted: string | null;
  /** the draft a lawful opinion covers (none once a later opinion is not lawful) */
  reviewed: string | null;
  consulted: boolean;
  attendees: MeetingPerson[];
  membersTotal: number;
  spoken: MeetingPerson[];
  headSpoke: MeetingPerson | null;
  outcome: string | null;
}
interface LawModel {
  owner: string;
  main: RoundModel;
  /** the decision was made (adopted): it can no longer be withdrawn */
  decided: boolean;
  published: boolean;
  change: { purpose: string; round: RoundModel } | null;
}

const freshRound = (draft: string | null = null): RoundModel => ({ draft, submitted: null, reviewed: null, consulted: false, attendees: [], membersTotal: 0, spoken: [], headSpoke: null, outcome: null });
const same = (a: MeetingPerson, b: MeetingPerson) => (a.sub && b.sub ? a.sub === b.sub : a.name === b.name);
const personsOf = (list: unknown[]): MeetingPerson[] =>
  list.reduce<MeetingPerson[]>((out, a) => {
    const p = typeof a === 'string' ? { name: a } : (a as MeetingPerson);
    return out.some((q) => same(q, p)) ? out : [...out, p];
  }, []);
const LAWFUL = ['LAWFUL', 'LAWFUL_WITH_RISKS'];
const ADOPTING = ['ADOPTED', 'ADOPTED_WITH_CHANGES'];

/** The round an accepted event belongs to: the change round once the decision is in force and one runs. */
const roundOf = (law: LawModel) => (law.published && law.change ? law.change.round : law.main);

/** What the law forbids of an event the engine accepted (empty: nothing). Reads the model and the event only. */
function violations(law: LawModel, e: AnyProcedureEvent, quorumRatio: number): string[] {
  const r = roundOf(law);
  const p = e.payload as Record<string, any>;
  const out: string[] = [];
  if (DRAFTER_ONLY.includes(e.type) && e.actor.unit !== law.owner) out.push(`${e.type} by a drafter of ${e.actor.unit}, not of ${law.owner}`);
  switch (e.type) {
    case 'SUBMIT_FOR_COLLECTIVE_DISCUSSION':
      if (!r.reviewed || r.reviewed !== r.draft) out.push(`discussion of draft ${r.draft} with a lawful opinion on ${r.reviewed}`);
      break;
    case 'HOLD_MEETING': {
      const present = personsOf(p.attendees).length;
      if (present < p.membersTotal * quorumRatio || present > p.membersTotal) out.push(`meeting of ${present} of ${p.membersTotal}`);
      break;
    }
    case 'RECORD_OPINION': {
      const speaker = { name: p.member, ...(p.memberSub ? { sub: p.memberSub } : {}) };
      if (r.headSpoke) out.push('an opinion after the head');
      if (p.isHead && r.attendees.some((a) => !same(a, speaker) && !r.spoken.some((s) => same(s, a)))) out.push('the head before an attendee');
      break;
    }
    case 'RECORD_DECISION':
      if (!r.headSpoke) out.push('a decision before the head spoke');
      else if (!same(r.headSpoke, { name: e.actor.name, sub: e.actor.sub })) out.push(`a decision by ${e.actor.sub}, the head recorded was ${r.headSpoke.sub}`);
      if (r.attendees.some((a) => !r.spoken.some((s) => same(s, a)))) out.push('a decision with a position missing');
      break;
    case 'SUBMIT_PUBLIC_OPINION_REPORT':
      if (!r.consulted && !p.otherMethods?.length) out.push('an opinion report with no participation held');
      break;
    case 'WITHDRAW':
      if (law.decided && !law.change) out.push('withdrawal of a decision already made');
      break;
    case 'STOP_EXECUTION':
      if (law.change?.purpose !== 'STOP' || !ADOPTING.includes(law.change.round.outcome ?? '')) out.push('stopped without a collective decision to stop');
      break;
  }
  return out;
}

/** The model after an accepted event. */
function learn(law: LawModel, e: AnyProcedureEvent): void {
  const r = roundOf(law);
  const p = e.payload as Record<string, any>;
  switch (e.type) {
    case 'ACCEPT_PROPOSAL':
      law.owner = p.undertakingUnit;
      break;
    case 'REVISE_DRAFT':
      r.draft = p.contentHash;
      break;
    case 'SUBMIT_FOR_LEGALITY_REVIEW':
      r.submitted = r.draft;
      break;
    case 'RETURN_FOR_MATERIALS':
      r.submitted = null;
      break;
    case 'ISSUE_LEGALITY_OPINION':
      r.reviewed = LAWFUL.includes(p.conclusion) ? r.submitted : null;
      break;
    case 'OPEN_PUBLIC_COMMENT':
    case 'RECORD_HEARING':
      r.consulted = true;
      break;
    case 'HOLD_MEETING':
      Object.assign(r, { attendees: personsOf(p.attendees), membersTotal: p.membersTotal, spoken: [], headSpoke: null });
      break;
    case 'RECORD_OPINION': {
      const speaker = { name: p.member, ...(p.memberSub ? { sub: p.memberSub } : {}) };
      r.spoken.push(speaker);
      if (p.isHead) r.headSpoke = speaker;
      break;
    }
    case 'RECORD_DECISION':
      r.outcome = p.outcome;
      if (p.outcome === 'DEFERRED') Object.assign(r, { attendees: [], spoken: [], headSpoke: null });
      if (r === law.main && ADOPTING.includes(p.outcome)) law.decided = true;
      if (r !== law.main && p.outcome === 'NOT_ADOPTED') law.change = null;
      break;
    case 'PUBLISH':
      if (r === law.main) law.published = true;
      else {
        // an adopted adjustment, published, is the decision's content from now on
        law.main = { ...r };
        law.change = null;
      }
      break;
    case 'START_ADJUSTMENT':
      law.change = { purpose: p.purpose ?? 'ADJUST', round: freshRound() };
      break;
    case 'WITHDRAW':
      law.change = null;
      break;
  }
}

function modelOf(h: DecisionHarness): LawModel {
  const law: LawModel = { owner: actor('drafter').unit, main: freshRound(), decided: false, published: false, change: null };
  for (const e of h.accepted) learn(law, e);
  return law;
}

// ---------------------------------------------------------------- properties

const isFinal = (s: DecisionStatus) => FINAL_STATUSES.includes(s);
const exercised = new Map<string, number>();
const count = (what: string) => exercised.set(what, (exercised.get(what) ?? 0) + 1);

describe(`${createDecisionMachineV2.name} (property-based, with an oracle of the law)`, () => {
  it('accepts no event the law forbids; refuses without changing anything; offers exactly what it accepts; keeps the decision in force during a change round', () => {
    fc.assert(
      fc.property(runArb(), (run) => {
        const h = startOf(run);
        const law = modelOf(h);
        const ratio = h.profile.collectiveDiscussion.quorumRatio;
        let ended = isFinal(h.status);
        for (const step of run.steps) {
          const event = eventFor(h, step);
          const before = roundTrip(h.snapshot);
          const options = h.engine.eventOptions(before, event.actor, event.occurredAt);
          const outcome = h.apply(event);
          if (!outcome.accepted) {
            expect(h.snapshot).toEqual(before);
            count(`refused ${outcome.reasons[0].code}`);
            continue;
          }
          expect({ type: event.type, ended }).toEqual({ type: event.type, ended: false });
          expect({ type: event.type, violations: violations(law, event, ratio) }).toEqual({ type: event.type, violations: [] });
          expect(options.allowedEvents).toContain(event.type);
          count(`accepted ${event.type}`);
          learn(law, event);
          if (law.change) {
            expect(h.view.draft.hash).toBe(law.main.draft);
            count('in force during a change round');
          }
          ended = isFinal(h.status);
        }
      }),
      { numRuns: 150 },
    );
    if (process.env.SHOW_EXERCISED) console.log([...exercised].sort().join("\n"));
    // the properties were exercised, not vacuous
    for (const what of ['accepted SUBMIT_FOR_COLLECTIVE_DISCUSSION', 'accepted RECORD_DECISION', 'accepted STOP_EXECUTION', 'accepted WITHDRAW', 'in force during a change round', 'refused NOT_UNDERTAKING_UNIT', 'refused DRAFT_CHANGED_SINCE_REVIEW']) {
      expect({ what, exercised: (exercised.get(what) ?? 0) > 0 }).toEqual({ what, exercised: true });
    }
  });

  it('refuses an event allowedEvents lists as blocked, whatever its payload', () => {
    let blocked = 0;
    fc.assert(
      fc.property(runArb(15), (run) => {
        const h = startOf(run);
        for (const step of run.steps) {
          const event = eventFor(h, step);
          const { blockedEvents } = h.engine.eventOptions(h.snapshot, event.actor, event.occurredAt);
          for (const b of blockedEvents) {
            blocked++;
            for (const variant of PAYLOAD_VARIANTS_V2[b.type] as PayloadVariant[]) {
              const probe = buildVariantEventV2(b.type, variant, { context: h.context, now: event.occurredAt }, event.actor);
              expect({ type: b.type, variant: variant.name, accepted: h.engine.apply(h.snapshot, { ...probe, occurredAt: event.occurredAt }).accepted }).toEqual({
                type: b.type,
                variant: variant.name,
                accepted: false,
              });
            }
          }
          h.apply(event);
        }
      }),
      { numRuns: 60 },
    );
    expect(blocked).toBeGreaterThan(50);
  });

  it('is deterministic: the same run twice gives the same snapshots and refusals', () => {
    fc.assert(
      fc.property(runArb(15), (run) => {
        const trace = () => {
          const h = drive(run.start, run.profile, run.facts);
          return run.steps.map((s) => {
            const o = h.apply(eventFor(h, s));
            return o.accepted ? JSON.stringify(o.snapshot) : o.reasons.map((r) => r.code).join();
          });
        };
        expect(trace()).toEqual(trace());
      }),
      { numRuns: 15 },
    );
  });
});
