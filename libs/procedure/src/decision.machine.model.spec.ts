import { createActor, getNextTransitions, initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type AnyStateNode, type StateValue } from 'xstate';
import { createTestModel, getSimplePaths, type AdjacencyMap } from 'xstate/graph';
import type { DecisionContext, DecisionInput } from './decision-context';
import { consultationUnsettled, lawfulOpinionOnCurrentDraft } from './decision.guards';
import { createDecisionMachine, DECISION_MACHINE_ID, DECISION_MACHINE_VERSION } from './decision.machine';
import { DECISION_STATUSES, FINAL_STATUSES, statusOf, viewOf, type DecisionStatus } from './decision-view';
import { ROLES } from './actor';
import { EVENT_TYPES, type AnyProcedureEvent, type EventType } from './events';
import { ProcedureEngine, type ProcedureSnapshot } from './procedure-engine';
import { NATIONAL_V1, STRICT_V1, type ProcedureProfile } from './profiles';
import { PAYLOAD_VARIANTS, buildVariantEvent, variantEvents, type PayloadVariant } from './testing/event-variants';
import { actor, createCalendar, roundTrip, T0, validPayloads, type DecisionFacts } from './testing/factories';

/*
 * Model-based tests: the machine definition is the model. The traversal feeds
 * it representative concrete events (lawful and rule-breaking payloads, see
 * testing/event-variants.ts) and folds snapshots into a finite graph keyed on
 * the state value plus the context facts that guards read in that phase.
 */

type Snapshot = AnyMachineSnapshot & { context: DecisionContext };

const calendar = createCalendar();
const machine = createDecisionMachine({ calendar });
const engine = new ProcedureEngine({ calendar });

const SETTLED = ['completed', 'waived'];
const LATER_THAN_DISCUSSION: DecisionStatus[] = ['collectiveDiscussion', 'decided', 'implementing', 'suspended', 'closed', 'stopped', 'notAdopted'];

function inputFor(profile: ProcedureProfile, facts: DecisionFacts): DecisionInput {
  return {
    decisionId: 'model-decision',
    profile,
    payload: { ...validPayloads.CREATE_DECISION({} as never), ...facts },
    occurredAt: T0,
    actor: actor('drafter'),
  };
}

/** Every atomic and final state node of the machine definition (history pseudo-states excluded). */
function leafStateNodeIds(node: AnyStateNode = machine.root): string[] {
  const children = Object.values(node.states) as AnyStateNode[];
  if (children.length === 0) return node.type === 'history' ? [] : [node.id];
  return children.flatMap((child) => leafStateNodeIds(child));
}

/** The ids of the leaf state nodes a state value is in. */
function leafIdsOf(value: StateValue, prefix = machine.id): string[] {
  if (typeof value === 'string') return [`${prefix}.${value}`];
  return Object.entries(value).flatMap(([key, sub]) => (sub === undefined ? [] : leafIdsOf(sub as StateValue, `${prefix}.${key}`)));
}

const regionsOf = (value: StateValue) => (value as { drafting: Record<'publicParticipation' | 'expertArgumentation' | 'riskAssessment', string> }).drafting;

function historyOf(s: Snapshot): Record<string, string[]> {
  const hv = (s as unknown as { historyValue?: Record<string, { id: string }[]> }).historyValue ?? {};
  return Object.fromEntries(Object.entries(hv).map(([k, nodes]) => [k, nodes.map((n) => n.id).sort()]));
}

function opinionFlag(c: DecisionContext): string | null {
  const op = c.legalityReview.opinion;
  return op && `${op.conclusion}@${op.draftHash === c.draft.hash ? 'current' : 'stale'}`;
}

/**
 * The graph key: state value plus only the context facts the guards of that
 * phase read. Keeps the graph finite (draft versions are bounded by the event
 * filter; opinion lists are reduced to count, majority and whether the head spoke).
 */
function modelKey(snapshot: Snapshot): string {
  const s = snapshot;
  const c: DecisionContext = s.context;
  const status = statusOf(s.value);
  switch (status) {
    case 'drafting': {
      const r = regionsOf(s.value);
      return JSON.stringify([
        s.value,
        c.draft.version,
        opinionFlag(c),
        c.profile.hearing.requiredForPublicInterest && c.publicParticipation.hearings.length > 0,
        r.expertArgumentation === 'inProgress' ? c.expertArgumentation.signedOpinions.length : null,
        r.riskAssessment === 'uncontrollable' ? c.riskAssessment.lastReport?.draftVersion === c.draft.version : null,
      ]);
    }
    case 'legalityReview':
      return JSON.stringify([status, c.draft.version, opinionFlag(c), historyOf(s)]);
    case 'collectiveDiscussion': {
      const members = c.meeting?.opinions.filter((o) => !o.isHead) ?? [];
      const forVotes = members.filter((o) => o.position === 'FOR').length;
      const against = members.filter((o) => o.position === 'AGAINST').length;
      return JSON.stringify([s.value, c.draft.version, members.length, Math.sign(forVotes - against), c.meeting?.opinions.some((o) => o.isHead), historyOf(s)]);
    }
    case 'decided':
      return JSON.stringify([status, !!c.reports.partyCommittee, !!c.reports.peoplesCongress]);
    case 'implementing':
      return JSON.stringify([s.value, c.execution.assignments.length > 0]);
    case 'suspended':
      return JSON.stringify([status, c.execution.assignments.length > 0, historyOf(s)]);
    default:
      return JSON.stringify(s.value);
  }
}

/** The event types the current state has transitions for. */
const ownEventTypes = (s: Snapshot): EventType[] => [...new Set(getNextTransitions(s).map((t) => t.eventType as EventType))];

/** Representative events for this snapshot: every variant of every event type the state knows. */
const modelEvents = (s: Snapshot): AnyProcedureEvent[] => variantEvents({ context: s.context, now: T0 }, ownEventTypes(s));

/**
 * Bounds: drafts are revised only when there is a reason to (first draft,
 * uncontrollable risk, a review to invalidate) and at most to version 3;
 * a decision is adjusted at most once.
 */
function boundedEvents(s: Snapshot, e: AnyProcedureEvent): boolean {
  if (!('payload' in e)) return false;
  const c = s.context;
  if (e.type === 'REVISE_DRAFT') {
    if (c.draft.version === 0) return true;
    if (c.draft.version >= 3 || statusOf(s.value) !== 'drafting') return false;
    const riskBlocked = regionsOf(s.value).riskAssessment === 'uncontrollable';
    return riskBlocked || opinionFlag(c) !== null;
  }
  if (e.type === 'START_ADJUSTMENT') return c.round < 2;
  // before the first draft only drafting (and the rule that needs a draft) is explored
  if (statusOf(s.value) === 'drafting' && c.draft.version === 0) return e.type === 'OPEN_PUBLIC_COMMENT' || e.type === 'WITHDRAW';
  return true;
}

interface Scenario {
  name: string;
  profile: ProcedureProfile;
  facts: DecisionFacts;
}

const SCENARIOS: Scenario[] = [
  { name: 'national, public, exploratory reform', profile: NATIONAL_V1, facts: { exploratoryReform: true } },
  { name: 'national, confidential', profile: NATIONAL_V1, facts: { confidential: true } },
  { name: 'strict, public interest', profile: STRICT_V1, facts: { publicInterest: true } },
];

function modelFor(scenario: Scenario) {
  return createTestModel(machine, {
    input: inputFor(scenario.profile, scenario.facts),
    events: (s: unknown) => modelEvents(s as Snapshot),
    filterEvents: (s: unknown, e: unknown) => boundedEvents(s as Snapshot, e as AnyProcedureEvent),
    serializeState: (s: unknown) => modelKey(s as Snapshot),
  } as never);
}

type Edge = { from: Snapshot; event: AnyProcedureEvent; to: Snapshot };

function edgesOf(adjacency: AdjacencyMap<Snapshot, AnyProcedureEvent>): Edge[] {
  return Object.values(adjacency).flatMap(({ state, transitions }) =>
    Object.values(transitions as Record<string, { event: AnyProcedureEvent; state: Snapshot }>).map(({ event, state: to }): Edge => ({ from: state, event, to })),
  );
}

/** Invariants of one snapshot; returns the violations. */
function stateViolations(s: Snapshot): string[] {
  const out: string[] = [];
  const c = s.context;
  const view = viewOf(s.value, c);
  if (!DECISION_STATUSES.includes(view.status)) out.push(`status ${view.status} is not an API status`);
  if (FINAL_STATUSES.includes(view.status) !== (s.status === 'done')) out.push(`final status ${view.status} but snapshot ${s.status}`);
  if (view.status === 'drafting') {
    const r = regionsOf(s.value);
    if (view.steps.publicParticipation.status !== r.publicParticipation) out.push(`publicParticipation view ${view.steps.publicParticipation.status} ≠ region ${r.publicParticipation}`);
    if (view.steps.expertArgumentation.status !== r.expertArgumentation) out.push(`expertArgumentation view ${view.steps.expertArgumentation.status} ≠ region ${r.expertArgumentation}`);
    const risk = r.riskAssessment === 'uncontrollable' ? 'inProgress' : r.riskAssessment;
    if (view.steps.riskAssessment.status !== risk) out.push(`riskAssessment view ${view.steps.riskAssessment.status} ≠ region ${r.riskAssessment}`);
  }
  if (LATER_THAN_DISCUSSION.includes(view.status)) {
    const lawful = lawfulOpinionOnCurrentDraft(c);
    if (lawful.length) out.push(`${view.status} without a lawful opinion on the current draft: ${lawful.map((r) => r.code)}`);
    const unsettled = consultationUnsettled(c);
    if (unsettled.length) out.push(`${view.status} with consultation unsettled: ${unsettled.map((r) => r.code)}`);
  }
  if (view.steps.legalityReview.status === 'completed' && lawfulOpinionOnCurrentDraft(c).length) out.push('legality review shown completed without a lawful opinion on this draft');
  return out;
}

/** Invariants of one transition; returns the violations. */
function edgeViolations({ from, event, to }: Edge): string[] {
  const out: string[] = [];
  const before = statusOf(from.value);
  const after = statusOf(to.value);
  if (before === 'drafting' && after === 'collectiveDiscussion') {
    const op = from.context.legalityReview.opinion;
    const lawful = op && (op.conclusion === 'LAWFUL' || op.conclusion === 'LAWFUL_WITH_RISKS');
    if (!lawful || op.draftHash !== from.context.draft.hash) out.push('entered discussion without a lawful opinion bound to the draft submitted');
    if (to.context.draft.hash !== from.context.draft.hash) out.push('the draft changed on submission to discussion');
  }
  if (before === 'drafting' && after === 'legalityReview' && consultationUnsettled(from.context).length) out.push('submitted for review with steps unsettled');
  if (before === 'drafting' && after === 'drafting' && event.type !== 'START_ADJUSTMENT') {
    const r0 = regionsOf(from.value);
    const r1 = regionsOf(to.value);
    for (const region of Object.keys(r0) as (keyof typeof r0)[]) {
      if (SETTLED.includes(r0[region]) && r1[region] !== r0[region]) out.push(`${region} left ${r0[region]} on ${event.type}`);
    }
  }
  if (event.type === 'START_ADJUSTMENT' && after === 'drafting') {
    const r = regionsOf(to.value);
    if (Object.values(r).some((x) => x !== 'pending') || to.context.legalityReview.opinion) out.push('adjustment did not reopen every step');
  }
  return out.map((m) => `${m} (${event.type} from ${JSON.stringify(from.value)})`);
}

const restore = (p: ProcedureSnapshot): Snapshot => createActor(machine as AnyStateMachine, { snapshot: p.state as never }).getSnapshot() as unknown as Snapshot;
const V1 = { id: DECISION_MACHINE_ID, version: DECISION_MACHINE_VERSION };
const persisted = (s: Snapshot): ProcedureSnapshot => roundTrip({ machine: V1, state: machine.getPersistedSnapshot(s) });

describe(`${createDecisionMachine.name} (model-based)`, () => {
  const ALL_LEAVES = leafStateNodeIds();

  it('has the leaf state nodes the procedure describes', () => {
    expect(ALL_LEAVES).toEqual(
      expect.arrayContaining([
        'decision.proposed',
        'decision.drafting.publicParticipation.open',
        'decision.drafting.riskAssessment.uncontrollable',
        'decision.legalityReview',
        'decision.collectiveDiscussion.inMeeting',
        'decision.implementing.postEvaluation',
        'decision.suspended',
        'decision.withdrawn',
      ]),
    );
    expect(ALL_LEAVES).not.toContain('decision.drafting.hist');
  });

  const traversals = SCENARIOS.map((scenario) => {
    const model = modelFor(scenario);
    const adjacency = model.getAdjacencyMap() as unknown as AdjacencyMap<Snapshot, AnyProcedureEvent>;
    const paths = model.getShortestPaths({ allowDuplicatePaths: true });
    return { scenario, adjacency, paths, edges: edgesOf(adjacency) };
  });

  it('shortest paths reach every leaf state node of the machine', () => {
    const reached = new Set<string>();
    for (const { paths } of traversals) {
      for (const path of paths) {
        leafIdsOf(path.state.value).forEach((id) => reached.add(id));
      }
    }
    expect(ALL_LEAVES.filter((id) => !reached.has(id))).toEqual([]);
    expect([...reached].filter((id) => !ALL_LEAVES.includes(id))).toEqual([]);
  });

  describe.each(traversals.map((t) => [t.scenario.name, t] as const))('%s', (_name, { scenario, adjacency, paths, edges }) => {
    it('keeps the graph finite and non-trivial', () => {
      const states = Object.keys(adjacency).length;
      expect(states).toBeGreaterThan(50);
      expect(states).toBeLessThan(5000);
    });

    it('holds the state invariants at every reached state (API status, regions agree with the view, no discussion without a lawful opinion on this draft)', () => {
      const violations = new Set<string>();
      for (const { to } of edges) stateViolations(to).forEach((v) => violations.add(`${v} @ ${JSON.stringify(to.value)}`));
      for (const { state } of Object.values(adjacency)) stateViolations(state).forEach((v) => violations.add(`${v} @ ${JSON.stringify(state.value)}`));
      expect([...violations]).toEqual([]);
    });

    it('holds the transition invariants on every explored edge (gate on review and discussion, settled steps stay settled, adjustment reopens)', () => {
      const violations = new Set<string>();
      for (const edge of edges) edgeViolations(edge).forEach((v) => violations.add(v));
      expect([...violations]).toEqual([]);
    });

    it('final states accept nothing, in the machine and in the engine', () => {
      const finals = Object.values(adjacency)
        .map((a) => a.state)
        .filter((s) => s.status === 'done');
      expect(finals.length).toBeGreaterThan(0);
      for (const s of finals) {
        const everything = variantEvents({ context: s.context, now: T0 }, EVENT_TYPES);
        for (const event of everything) {
          expect(s.can(event)).toBe(false);
          const [next] = transition(machine, s as never, event) as unknown as [Snapshot];
          expect({ value: next.value, context: next.context }).toEqual({ value: s.value, context: s.context });
        }
        const p = persisted(s);
        for (const role of [...ROLES, 'system' as const]) expect(engine.allowedEvents(p, actor(role), T0)).toEqual([]);
        for (const event of everything) expect(engine.apply(p, event).accepted).toBe(false);
      }
    });

    it('the engine follows the model along a shortest path to each leaf state node', async () => {
      const byLeaf = new Map<string, (typeof paths)[number]>();
      for (const path of [...paths].sort((a, b) => a.weight - b.weight)) {
        for (const id of leafIdsOf(path.state.value)) if (!byLeaf.has(id)) byLeaf.set(id, path);
      }
      for (const path of new Set(byLeaf.values())) {
        let sut: ProcedureSnapshot = engine.start(inputFor(scenario.profile, scenario.facts), V1).snapshot;
        const exec = ({ event }: { event: AnyProcedureEvent }) => {
          const outcome = engine.apply(sut, event);
          if (!outcome.accepted) throw new Error(`engine refused ${event.type}: ${outcome.reasons.map((r) => r.code)}`);
          sut = roundTrip(outcome.snapshot);
        };
        await path.test({
          events: Object.fromEntries(EVENT_TYPES.map((t) => [t, exec])) as never,
          states: {
            '*': (state) => {
              // paths carry one representative snapshot per graph key: the engine must land on the same key
              const s = state as Snapshot;
              expect(engine.view(sut).stateValue).toEqual(s.value);
              expect(modelKey(restore(sut))).toEqual(modelKey(s));
            },
          },
        });
      }
    });
  });

  describe('simple paths through the three consultation regions', () => {
    // A profile with a one-expert panel keeps each region's chain short enough to enumerate every simple path.
    const small: ProcedureProfile = { ...NATIONAL_V1, id: 'model-small', experts: { minPanel: 1, oddPanel: false } };
    const CONSULTATION: EventType[] = [
      'OPEN_PUBLIC_COMMENT',
      'PUBLIC_COMMENT_ELAPSED',
      'RECORD_HEARING',
      'SUBMIT_PUBLIC_OPINION_REPORT',
      'APPOINT_EXPERTS',
      'RECORD_EXPERT_OPINION',
      'SUBMIT_EXPERT_REPORT',
      'WAIVE_EXPERT_ARGUMENTATION',
      'SUBMIT_RISK_REPORT',
      'WAIVE_RISK_ASSESSMENT',
    ];
    const startOfDrafting = (() => {
      let [s] = initialTransition(machine, inputFor(small, {})) as unknown as [Snapshot];
      for (const type of ['ACCEPT_PROPOSAL', 'REVISE_DRAFT'] as const) {
        [s] = transition(machine, s as never, buildVariantEvent(type, PAYLOAD_VARIANTS[type][0] as PayloadVariant, { context: s.context, now: T0 })) as unknown as [Snapshot];
      }
      return s;
    })();
    // lawful variants only (refused ones are self-loops, never on a simple path), plus the uncontrollable risk outcome
    const SIMPLE_VARIANTS = ['valid', 'uncontrollable'];

    const paths = getSimplePaths(machine, {
      fromState: startOfDrafting,
      events: (s: unknown) =>
        ownEventTypes(s as Snapshot)
          .filter((t) => CONSULTATION.includes(t))
          .flatMap((type) =>
            (PAYLOAD_VARIANTS[type] as PayloadVariant[])
              .filter((variant) => SIMPLE_VARIANTS.includes(variant.name))
              .map((variant) => buildVariantEvent(type, variant, { context: (s as Snapshot).context, now: T0 })),
          ),
      serializeState: (s: unknown) => modelKey(s as Snapshot),
    } as never) as unknown as { state: Snapshot; steps: { state: Snapshot; event: AnyProcedureEvent }[] }[];

    it('enumerates a bounded but complete set of interleavings', () => {
      expect(paths.length).toBeGreaterThan(100);
      expect(paths.length).toBeLessThan(20000);
      const ends = new Set(paths.map((p) => JSON.stringify(regionsOf(p.state.value))));
      expect(ends).toContain(JSON.stringify({ publicParticipation: 'completed', expertArgumentation: 'completed', riskAssessment: 'completed' }));
      expect(ends).toContain(JSON.stringify({ publicParticipation: 'completed', expertArgumentation: 'waived', riskAssessment: 'uncontrollable' }));
    });

    it('every simple path keeps the invariants at each step', () => {
      const violations = new Set<string>();
      for (const path of paths) {
        // alterPath: steps[i].state is the state after steps[i].event (step 0 is the initial state)
        const states = path.steps.map((s) => s.state);
        states.forEach((s, i) => {
          stateViolations(s).forEach((v) => violations.add(v));
          if (i > 0) edgeViolations({ from: states[i - 1], event: path.steps[i].event, to: s }).forEach((v) => violations.add(v));
        });
      }
      expect([...violations]).toEqual([]);
    });

    it('at the end of every simple path, legality review is open exactly when all three steps are settled', () => {
      const mismatches: string[] = [];
      for (const { state } of paths) {
        const settled = Object.values(regionsOf(state.value)).every((r) => SETTLED.includes(r));
        const submit = buildVariantEvent('SUBMIT_FOR_LEGALITY_REVIEW', PAYLOAD_VARIANTS.SUBMIT_FOR_LEGALITY_REVIEW[0] as PayloadVariant, { context: state.context, now: T0 });
        if (state.can(submit) !== settled) mismatches.push(JSON.stringify(state.value));
      }
      expect(mismatches).toEqual([]);
    });
  });
});

