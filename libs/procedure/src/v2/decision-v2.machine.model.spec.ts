import { createActor, getNextTransitions, type AnyMachineSnapshot, type AnyStateMachine, type AnyStateNode, type StateValue } from 'xstate';
import { getAdjacencyMap, type AdjacencyMap } from 'xstate/graph';
import type { DecisionContext } from '../decision-context';
import { DECISION_STATUSES, FINAL_STATUSES, statusOf, type DecisionStatus } from '../decision-view';
import type { AnyProcedureEvent, EventType, MeetingPerson } from '../events';
import type { ProcedureSnapshot } from '../procedure-engine';
import { variantEventsV2 } from '../testing/event-variants.v2';
import { actor, createCalendar, createEngine, driveTo, roundTrip, T0, validPayloads, type DecisionFacts } from '../testing/factories';
import type { DecisionContextV2, MeetingV2, PublicParticipationV2 } from './context.v2';
import { createDecisionMachineV2, DECISION_MACHINE_V2 } from './machine.v2';
import { NATIONAL_V2, STRICT_V2, type ProcedureProfileV2 } from './profiles.v2';

/*
 * Model-based tests of machine v2: the machine definition is the model, fed
 * representative lawful and rule-breaking events (testing/event-variants.v2.ts).
 * The invariants are the law read directly off the snapshots and the events —
 * never through the rule checks — so a weakened guard shows as a violation.
 * Traversal 1 explores the decision's own procedure up to execution; traversal
 * 2 explores execution with change rounds beside it, from a decision in force.
 */

type Snapshot = AnyMachineSnapshot & { context: DecisionContextV2 };
const machine = createDecisionMachineV2({ calendar: createCalendar() }) as unknown as AnyStateMachine;
const engine = createEngine();
const LAWFUL = ['LAWFUL', 'LAWFUL_WITH_RISKS'];
const ADOPTING = ['ADOPTED', 'ADOPTED_WITH_CHANGES'];
const BEFORE_DECISION: DecisionStatus[] = ['proposed', 'drafting', 'legalityReview', 'collectiveDiscussion'];
const LATER_THAN_DISCUSSION: DecisionStatus[] = ['decided', 'implementing', 'suspended', 'closed', 'stopped', 'notAdopted'];
const IN_EXECUTION: DecisionStatus[] = ['implementing', 'suspended'];

// ---------------------------------------------------------------- the law, read off a snapshot

type Round = Pick<DecisionContext, 'draft' | 'publicParticipation' | 'expertArgumentation' | 'riskAssessment' | 'legalityReview' | 'meeting' | 'decision'>;
const roundOf = (c: DecisionContextV2, change: boolean): Round => (change ? c.change!.record : c);
const lawfullyReviewed = (r: Round) => !!r.legalityReview.opinion && LAWFUL.includes(r.legalityReview.opinion.conclusion) && r.legalityReview.opinion.draftHash === r.draft.hash && r.draft.hash !== null;
const settled = (r: Round) =>
  (!!r.publicParticipation.reportedAt || !!r.publicParticipation.waiver) &&
  (!!r.expertArgumentation.reportedAt || !!r.expertArgumentation.waiver) &&
  (!!r.riskAssessment.waiver || r.riskAssessment.lastReport?.controllable === true);
const same = (a: MeetingPerson, b: MeetingPerson) => (a.sub && b.sub ? a.sub === b.sub : a.name === b.name);
const spoke = (m: MeetingV2, p: MeetingPerson) => m.opinions.some((o) => same({ name: o.member, sub: o.memberSub }, p));
/** The change round's own state value (`{ drafting: … }`, `legalityReview`, …), or null. */
function changeValue(value: StateValue): StateValue | null {
  const change = (value as { implementing?: { change?: StateValue } }).implementing?.change;
  return change && typeof change !== 'string' ? (Object.values(change)[0] as StateValue) : null;
}
const unchanged = (a: Snapshot, b: Snapshot) => a === b || (JSON.stringify(a.value) === JSON.stringify(b.value) && JSON.stringify(a.context) === JSON.stringify(b.context));

function stateViolations(s: Snapshot): string[] {
  const out: string[] = [];
  const c = s.context;
  const status = statusOf(s.value);
  if (!DECISION_STATUSES.includes(status)) out.push(`status ${status}`);
  if (FINAL_STATUSES.includes(status) !== (s.status === 'done')) out.push(`final ${status} vs ${s.status}`);
  if (LATER_THAN_DISCUSSION.includes(status) && (!lawfullyReviewed(c) || !settled(c))) out.push(`${status} without a lawful opinion on the draft in force, or steps unsettled`);
  const sub = changeValue(s.value);
  if ((sub !== null) !== !!c.change) out.push('a change round in the state value and the context disagree');
  if (sub !== null && ['collectiveDiscussion', 'decided'].includes(statusOf(sub)) && !lawfullyReviewed(c.change!.record)) out.push(`change round in ${statusOf(sub)} without a lawful opinion on its draft`);
  return out;
}

function edgeViolations(from: Snapshot, event: AnyProcedureEvent, to: Snapshot, profile: ProcedureProfileV2): string[] {
  if (unchanged(from, to)) return [];
  const out: string[] = [];
  const [before, after] = [statusOf(from.value), statusOf(to.value)];
  const inChange = !!from.context.change && IN_EXECUTION.includes(before);
  const r = roundOf(from.context, inChange);
  const p = event.payload as Record<string, any>;
  const meeting = r.meeting as MeetingV2 | null;
  const enteredDiscussion = inChange
    ? statusOf(changeValue(to.value) ?? 'none') === 'collectiveDiscussion' && statusOf(changeValue(from.value) ?? 'none') !== 'collectiveDiscussion'
    : after === 'collectiveDiscussion' && before !== 'collectiveDiscussion';
  if (enteredDiscussion && !lawfullyReviewed(r)) out.push('discussion of a draft without a lawful opinion on it');
  if (IN_EXECUTION.includes(before) && to.context.draft.hash !== from.context.draft.hash) {
    const round = from.context.change?.record;
    if (event.type !== 'PUBLISH' || !round || round.draft.hash !== to.context.draft.hash || !lawfullyReviewed(round) || !ADOPTING.includes(round.decision?.outcome ?? '')) out.push('the decision in force changed otherwise than by a published, adopted adjustment');
  }
  if (after === 'stopped' && !(from.context.change?.purpose === 'STOP' && ADOPTING.includes(from.context.change.record.decision?.outcome ?? ''))) out.push('stopped without a collective decision to stop');
  if (after === 'withdrawn' && !BEFORE_DECISION.includes(before)) out.push(`withdrawn from ${before}`);
  if (event.type === 'HOLD_MEETING') {
    const present = new Set((p.attendees as (string | MeetingPerson)[]).map((a) => (typeof a === 'string' ? a : (a.sub ?? a.name)))).size;
    if (present < p.membersTotal * profile.collectiveDiscussion.quorumRatio) out.push(`a meeting of ${present} of ${p.membersTotal}`);
  }
  if (event.type === 'RECORD_OPINION' && meeting) {
    if (meeting.opinions.some((o) => o.isHead)) out.push('an opinion after the head');
    const speaker = { name: p.member, sub: p.memberSub };
    if (p.isHead && meeting.persons.some((a) => !same(a, speaker) && !spoke(meeting, a))) out.push('the head before another attendee');
  }
  if (event.type === 'RECORD_DECISION' && meeting) {
    const headOpinion = meeting.opinions.find((o) => o.isHead);
    if (!headOpinion || meeting.persons.some((a) => !spoke(meeting, a))) out.push('a decision before every attendee (the head last) spoke');
    else if (!same({ name: headOpinion.member, sub: headOpinion.memberSub }, { name: event.actor.name, sub: event.actor.sub })) out.push('a decision by another head');
  }
  if (event.type === 'SUBMIT_PUBLIC_OPINION_REPORT') {
    const pp = r.publicParticipation as DecisionContext['publicParticipation'] & PublicParticipationV2;
    if (!pp.comment && pp.hearings.length === 0 && !p.otherMethods?.length) out.push('an opinion report with no participation held');
  }
  return out.map((m) => `${m} (${event.type} from ${JSON.stringify(from.value)})`);
}

// ---------------------------------------------------------------- the model

/** The facts the guards of a round's phase read: its state value and only what matters there. */
function phaseKey(value: StateValue, r: Round & Pick<DecisionContext, 'reports'>, history: unknown): unknown {
  const status = statusOf(value);
  const op = r.legalityReview.opinion;
  const opinion = op && `${op.conclusion}@${op.draftHash === r.draft.hash}`;
  switch (status) {
    case 'drafting': {
      const regions = (typeof value === 'string' ? {} : (value as { drafting: Record<string, string> }).drafting) as Record<string, string>;
      const comment = r.publicParticipation.comment as (PublicParticipationV2['comment'] & { draftHashAtClose?: string }) | null;
      return [
        value,
        r.draft.version,
        opinion,
        comment && [comment.draftHash === r.draft.hash, !!comment.closedAt, comment.draftHashAtClose === comment.draftHash],
        r.publicParticipation.hearings.length > 0,
        regions.expertArgumentation === 'inProgress' ? r.expertArgumentation.signedOpinions.length : null,
        regions.riskAssessment === 'uncontrollable' ? r.riskAssessment.lastReport?.draftVersion === r.draft.version : null,
      ];
    }
    case 'legalityReview':
      return [status, r.draft.version, opinion, history];
    case 'collectiveDiscussion': {
      const meeting = r.meeting as MeetingV2 | null;
      const members = meeting?.opinions.filter((o) => !o.isHead) ?? [];
      const majority = Math.sign(members.filter((o) => o.position === 'FOR').length - members.filter((o) => o.position === 'AGAINST').length);
      return [value, r.draft.version, opinion, meeting && [members.length, majority, meeting.opinions.some((o) => o.isHead)], history];
    }
    case 'decided':
      return [status, !!r.reports.partyCommittee, !!r.reports.peoplesCongress, !!r.publicParticipation.reportedAt || !!r.expertArgumentation.reportedAt];
    default:
      return value;
  }
}

/** The graph key: per phase, the state value plus the facts its guards read (keeps the graph finite). */
function modelKey(s: Snapshot): string {
  const c = s.context;
  const status = statusOf(s.value);
  const history = Object.fromEntries(Object.entries((s as { historyValue?: Record<string, { id: string }[]> }).historyValue ?? {}).map(([k, v]) => [k, v.map((n) => n.id).sort()]));
  if (!IN_EXECUTION.includes(status)) return JSON.stringify(phaseKey(s.value, c, history));
  const sub = changeValue(s.value);
  const change = c.change && sub !== null ? [c.change.purpose, phaseKey(sub, c.change.record, history)] : null;
  const execution = (s.value as { implementing: { execution: unknown } }).implementing.execution;
  return JSON.stringify([execution, c.execution.assignments.length > 0, c.execution.evaluations.length > 0, c.changes.map((x: { purpose: string }) => x.purpose), change]);
}

const ownEventTypes = (s: Snapshot): EventType[] => [...new Set(getNextTransitions(s).map((t) => t.eventType as EventType))];
const EXECUTION: EventType[] = ['ASSIGN_EXECUTION', 'REPORT_EXECUTION', 'START_POST_EVALUATION', 'SUBMIT_POST_EVALUATION', 'COMPLETE_EXECUTION'];

/** Bounds: at most two revisions per round and a reason to revise; one change round of each purpose; execution paused while a round runs. */
function bounded(s: Snapshot, e: AnyProcedureEvent, start: number): boolean {
  const c = s.context;
  const inChange = !!c.change;
  const r = roundOf(c, inChange);
  if (e.type === 'REVISE_DRAFT') {
    // an adjusted draft continues the decision's numbering; a stop proposal starts at version 1
    const base = c.change?.purpose === 'ADJUST' ? c.draft.version : 0;
    if (r.draft.version === base) return true;
    return r.draft.version - base < 2 && (r.legalityReview.opinion !== null || r.riskAssessment.lastReport?.controllable === false || r.publicParticipation.comment !== null);
  }
  // one change round per traversal, started from plain execution
  if (e.type === 'START_ADJUSTMENT') return c.changes.length === 0 && JSON.stringify(s.value).includes('"executing"');
  // execution pauses in the model while a round runs (suspension beside a round: decision-v2.change.spec.ts)
  if (inChange && [...EXECUTION, 'SUSPEND_EXECUTION', 'RESUME_EXECUTION'].includes(e.type)) return false;
  if (e.type === 'START_POST_EVALUATION') return c.execution.evaluations.length === 0;
  return statusOf(s.value) !== 'drafting' || r.draft.version > start || ['OPEN_PUBLIC_COMMENT', 'WITHDRAW'].includes(e.type);
}

interface Scenario {
  name: string;
  profile: ProcedureProfileV2;
  facts: DecisionFacts;
  /** where the traversal starts: the initial state, or a decision in force */
  from: 'proposed' | 'implementing';
}
const SCENARIOS: Scenario[] = [
  { name: 'own procedure, national, public, exploratory reform', profile: NATIONAL_V2, facts: { exploratoryReform: true }, from: 'proposed' },
  { name: 'own procedure, strict, public interest', profile: STRICT_V2, facts: { publicInterest: true }, from: 'proposed' },
  { name: 'own procedure, national, confidential', profile: NATIONAL_V2, facts: { confidential: true }, from: 'proposed' },
  { name: 'change rounds beside execution, national, public', profile: NATIONAL_V2, facts: {}, from: 'implementing' },
  { name: 'change rounds beside execution, national, confidential', profile: NATIONAL_V2, facts: { confidential: true }, from: 'implementing' },
];

function traverse(scenario: Scenario) {
  const input = { decisionId: 'model-decision', profile: scenario.profile, payload: { ...validPayloads.CREATE_DECISION({} as never), ...scenario.facts }, occurredAt: T0, actor: actor('drafter') };
  const h = scenario.from === 'implementing' ? driveTo('implementing', { machine: 2, profile: scenario.profile, facts: scenario.facts }) : null;
  const fromState = h ? (createActor(machine, { snapshot: h.snapshot.state as never }).getSnapshot() as Snapshot) : undefined;
  const now = h?.now ?? T0;
  const options = {
    input,
    ...(fromState ? { fromState } : {}),
    events: (s: unknown) => variantEventsV2((s as Snapshot).context, now, ownEventTypes(s as Snapshot)),
    filterEvents: (s: unknown, e: unknown) => bounded(s as Snapshot, e as AnyProcedureEvent, 0),
    serializeState: (s: unknown) => modelKey(s as Snapshot),
    // the decision's own procedure is explored up to execution; execution and change rounds by the other traversal
    ...(h ? {} : { stopWhen: (s: unknown) => IN_EXECUTION.includes(statusOf((s as Snapshot).value)) }),
    limit: 200_000,
  };
  const adjacency = getAdjacencyMap(machine, options as never) as unknown as AdjacencyMap<Snapshot, AnyProcedureEvent>;
  return { scenario, h, options, adjacency };
}

interface Step {
  event: AnyProcedureEvent;
  to: Snapshot;
}

/** Breadth-first from the traversal's first state: the shortest event path to every state of the graph. */
function shortestPaths(graph: AdjacencyMap<Snapshot, AnyProcedureEvent>): Map<string, Step[]> {
  const adjacency = graph as unknown as Record<string, { transitions: Record<string, { event: AnyProcedureEvent; state: Snapshot }> }>;
  const [first] = Object.keys(adjacency);
  const paths = new Map<string, Step[]>([[first, []]]);
  const queue = [first];
  while (queue.length) {
    const key = queue.shift()!;
    const { transitions } = adjacency[key];
    for (const { event, state } of Object.values(transitions)) {
      const next = modelKey(state);
      if (paths.has(next) || !adjacency[next]) continue;
      paths.set(next, [...paths.get(key)!, { event, to: state }]);
      queue.push(next);
    }
  }
  return paths;
}

/** Every atomic and final state node (history pseudo-states excluded). */
function leaves(node: AnyStateNode = machine.root): string[] {
  const children = Object.values(node.states) as AnyStateNode[];
  if (children.length === 0) return node.type === 'history' ? [] : [node.id];
  return children.flatMap((child) => leaves(child));
}
function leafIdsOf(value: StateValue, prefix = machine.id): string[] {
  if (typeof value === 'string') return [`${prefix}.${value}`];
  return Object.entries(value).flatMap(([k, sub]) => leafIdsOf(sub as StateValue, `${prefix}.${k}`));
}

describe(`${createDecisionMachineV2.name} (model-based)`, () => {
  const traversals = SCENARIOS.map(traverse);

  it('reaches every leaf state node of the machine between the traversals', () => {
    const reached = new Set<string>();
    for (const { adjacency } of traversals) for (const { state } of Object.values(adjacency)) leafIdsOf(state.value).forEach((id) => reached.add(id));
    expect(leaves().filter((id) => !reached.has(id))).toEqual([]);
  });

  describe.each(traversals.map((t) => [t.scenario.name, t] as const))('%s', (_name, { scenario, h, options, adjacency }) => {
    const edges = Object.values(adjacency).flatMap(({ state, transitions }) =>
      Object.values(transitions as Record<string, { event: AnyProcedureEvent; state: Snapshot }>).map(({ event, state: to }) => ({ from: state, event, to })),
    );

    it('is finite and not trivial', () => {
      const states = Object.keys(adjacency).length;
      expect(states).toBeGreaterThan(100);
      expect(states).toBeLessThan(20_000);
    });

    it('holds the state invariants at every reached state', () => {
      const violations = new Set<string>();
      for (const { state } of Object.values(adjacency)) stateViolations(state).forEach((v) => violations.add(`${v} @ ${JSON.stringify(state.value)}`));
      expect([...violations]).toEqual([]);
    });

    it('holds the law on every explored transition (gates, meeting, participation, decision in force, stopping, withdrawal)', () => {
      const violations = new Set<string>();
      for (const { from, event, to } of edges) edgeViolations(from, event, to, scenario.profile).forEach((v) => violations.add(v));
      expect([...violations]).toEqual([]);
    });

    it('the engine follows the model along a shortest path to each leaf state node', () => {
      const paths = shortestPaths(adjacency);
      const byLeaf = new Map<string, Step[]>();
      for (const path of [...paths.values()].sort((a, b) => a.length - b.length)) {
        const last = path.at(-1);
        if (last) for (const id of leafIdsOf(last.to.value)) if (!byLeaf.has(id)) byLeaf.set(id, path);
      }
      expect(byLeaf.size).toBeGreaterThan(10);
      for (const path of new Set(byLeaf.values())) {
        let sut: ProcedureSnapshot = h ? roundTrip(h.snapshot) : engine.start(options.input, DECISION_MACHINE_V2).snapshot;
        for (const step of path) {
          const outcome = engine.apply(sut, step.event);
          if (!outcome.accepted) throw new Error(`engine refused ${step.event.type}: ${outcome.reasons.map((r) => r.code)}`);
          sut = roundTrip(outcome.snapshot);
          expect(engine.view(sut).stateValue).toEqual(step.to.value);
          expect(modelKey(createActor(machine, { snapshot: sut.state as never }).getSnapshot() as Snapshot)).toEqual(modelKey(step.to));
        }
      }
    });
  });
});
