import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { EVENT_ROLES } from './event-roles';
import { guardLabel } from './machine-diagram';
import { procedureV1 } from './v1/procedure.v1';
import { procedureV2 } from './v2/procedure.v2';

/** One transition of a state node: the event, where it leads (state paths), the guard that decides. */
export interface MachineTransition {
  event: string;
  /** dot paths of the targets; empty for a transition that stays (an internal action) */
  targets: string[];
  guard: string | null;
  roles: string[];
}

/** A state node of the statechart, children nested as in the machine definition. */
export interface MachineState {
  key: string;
  /** dot path from the root, e.g. `drafting.publicParticipation.open` */
  path: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  initial: string | null;
  transitions: MachineTransition[];
  states: MachineState[];
}

/** The statechart of one machine version, for a diagram (GET /api/procedure/machines/:id/:version). */
export interface MachineStructure {
  id: string;
  version: number;
  root: MachineState;
}

const childrenOf = (node: AnyStateNode): AnyStateNode[] => Object.values(node.states) as AnyStateNode[];
const pathOf = (node: AnyStateNode) => node.path.join('.');
type RawTransition = { eventType: string; target?: AnyStateNode[]; guard?: unknown };

function describe(node: AnyStateNode): MachineState {
  const transitions = [...(node.transitions as Map<string, RawTransition[]>).values()].flat().map((t) => ({
    event: t.eventType,
    targets: (t.target ?? []).map(pathOf),
    guard: guardLabel(t.guard),
    roles: [...((EVENT_ROLES as Record<string, readonly string[]>)[t.eventType] ?? [])],
  }));
  const initial = (node as unknown as { initial?: { target?: AnyStateNode[] } }).initial?.target?.[0];
  return {
    key: node.key,
    path: pathOf(node),
    type: node.type as MachineState['type'],
    initial: initial ? initial.key : null,
    transitions,
    states: childrenOf(node).map(describe),
  };
}

/** A calendar for machines that are only described: guards are named, never evaluated. */
const NO_EVALUATION = {
  calendar: {
    addWorkingDays: () => {
      throw new Error('a machine description never evaluates guards');
    },
  },
};

/** The machine versions this build knows, by `id@version`. */
const MACHINES: ReadonlyMap<string, () => AnyStateMachine> = new Map(
  [procedureV1, procedureV2].map((version) => {
    const { ref } = version(NO_EVALUATION);
    return [`${ref.id}@${ref.version}`, () => version(NO_EVALUATION).machine as unknown as AnyStateMachine] as const;
  }),
);

/** The statechart of machine `id` version `version`, or null when this build does not know it. */
export function describeMachine(id: string, version: number): MachineStructure | null {
  const build = MACHINES.get(`${id}@${version}`);
  return build ? { id, version, root: describe(build().root as AnyStateNode) } : null;
}
