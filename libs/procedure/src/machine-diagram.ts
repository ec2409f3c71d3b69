import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { Role } from './actor';
import { createDecisionMachine, DECISION_MACHINE_ID, DECISION_MACHINE_VERSION } from './decision.machine';
import { EVENT_ROLES } from './event-roles';
import { EVENT_TYPES, type EventType } from './events';

/**
 * The decision machine as documentation, rendered from the machine definition
 * itself: a Mermaid `stateDiagram-v2` (states, parallel regions as concurrent
 * sections, history and final states, every transition labelled with its
 * event and guard) and a table of every event with its roles and guards.
 * Pure: no file system, no clock. `scripts/machine-diagram.ts` writes it to
 * docs/decision-machine.md; a unit test keeps that file in sync.
 */
export interface MachineDiagramOptions {
  machine?: AnyStateMachine;
  /** the machine version shown in the title (default: v1's) */
  version?: number;
  /** the source file named as the origin of the document */
  source?: string;
  eventRoles?: Record<EventType, readonly Role[]>;
}

interface Transition {
  eventType: string;
  target?: AnyStateNode[];
  guard?: unknown;
}

interface Edge {
  from: string;
  to: string;
  label: string;
}

/** The machine as built for documentation: guards are named, never evaluated. */
function documentedMachine(): AnyStateMachine {
  return createDecisionMachine({
    calendar: {
      addWorkingDays: () => {
        throw new Error('the diagram never evaluates guards');
      },
    },
  }) as unknown as AnyStateMachine;
}

const childrenOf = (node: AnyStateNode): AnyStateNode[] => Object.values(node.states) as AnyStateNode[];

function allNodes(node: AnyStateNode): AnyStateNode[] {
  return childrenOf(node).flatMap((child) => [child, ...allNodes(child)]);
}

/** Ancestors from the root down to the node itself. */
function chain(node: AnyStateNode): AnyStateNode[] {
  const out: AnyStateNode[] = [];
  for (let n: AnyStateNode | undefined = node; n; n = n.parent) out.unshift(n);
  return out;
}

function formatParam(value: unknown): string {
  return Array.isArray(value) ? value.join('/') : String(value);
}

/** `guardName` or `guardName(k=v, ...)`, as the machine definition names it. */
export function guardLabel(guard: unknown): string | null {
  if (!guard) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return guard.name || 'inline';
  const { type, params } = guard as { type: string; params?: Record<string, unknown> };
  if (!params || typeof params !== 'object') return type;
  const ps = Object.entries(params).map(([k, v]) => `${k}=${formatParam(v)}`);
  return ps.length ? `${type}(${ps.join(', ')})` : type;
}

const transitionsOf = (node: AnyStateNode): Transition[] => [...(node.transitions as Map<string, Transition[]>).values()].flat();

export function renderMachineDiagram(options: MachineDiagramOptions = {}): string {
  const machine = options.machine ?? documentedMachine();
  const eventRoles = options.eventRoles ?? EVENT_ROLES;
  const root = machine.root as AnyStateNode;
  const nodes = allNodes(root);

  // Mermaid ids are global: a state's key when unique in the machine, else its path.
  const keyCount = new Map<string, number>();
  nodes.forEach((n) => keyCount.set(n.key, (keyCount.get(n.key) ?? 0) + 1));
  const idOf = (n: AnyStateNode) => (n === root ? '[*]' : keyCount.get(n.key) === 1 ? n.key : n.path.join('_'));
  const nameOf = (n: AnyStateNode) => (n.type === 'history' ? (n.history === 'deep' ? 'H*' : 'H') : n.key);

  // Every transition is drawn between the two siblings under the closest common
  // ancestor of its source and target (Mermaid cannot draw into a concurrent
  // region from outside); the label says where it really starts or ends.
  const edgesIn = new Map<AnyStateNode, Edge[]>();
  for (const source of [root, ...nodes]) {
    for (const t of transitionsOf(source)) {
      const guard = guardLabel(t.guard);
      const base = guard ? `${t.eventType} [${guard}]` : t.eventType;
      for (const target of t.target?.length ? t.target : [source]) {
        const s = chain(source);
        const d = chain(target);
        let i = 0;
        while (i < s.length - 1 && i < d.length - 1 && s[i + 1] === d[i + 1]) i++;
        // self transitions are drawn on the state itself, in its parent's block
        if (source === target) i = Math.max(0, s.length - 2);
        const scope = s[i];
        const from = s[i + 1] ?? source;
        const to = d[i + 1] ?? target;
        const notes = [from !== source ? `from ${nameOf(source)}` : '', to !== target ? `→ ${target.type === 'history' ? nameOf(target) : target.path.join('.')}` : '']
          .filter(Boolean)
          .join(' ');
        const label = notes ? `${base} ${notes}` : base;
        const list = edgesIn.get(scope) ?? edgesIn.set(scope, []).get(scope)!;
        list.push({ from: idOf(from), to: idOf(to), label });
      }
    }
  }

  const lines: string[] = [];
  const out = (depth: number, text: string) => lines.push(`${'    '.repeat(depth)}${text}`);

  /** The contents of a compound (or the root): declarations, initial, children, edges, finals. */
  function body(node: AnyStateNode, depth: number) {
    const children = childrenOf(node);
    const initial = (node as unknown as { initial?: { target?: AnyStateNode[] } }).initial?.target?.[0];
    if (initial) out(depth, `[*] --> ${idOf(initial)}`);
    for (const child of children) declare(child, depth);
    for (const e of edgesIn.get(node) ?? []) out(depth, `${e.from} --> ${e.to} : ${e.label}`);
    for (const child of children) if (child.type === 'final') out(depth, `${idOf(child)} --> [*]`);
  }

  function declare(node: AnyStateNode, depth: number) {
    const id = idOf(node);
    if (node.type === 'history') {
      out(depth, `state "${nameOf(node)}" as ${id}`);
      out(depth, `note right of ${id} : ${node.history} history of ${node.parent!.key}`);
      return;
    }
    if (node.type === 'atomic' || node.type === 'final') {
      if (id !== node.key) out(depth, `state "${node.key}" as ${id}`);
      else out(depth, id);
      return;
    }
    out(depth, `state ${id} {`);
    if (node.type === 'parallel') {
      // each region is a concurrent section; history pseudo-states get a section of their own
      const sections = childrenOf(node);
      sections.forEach((region, i) => {
        if (i > 0) out(depth + 1, '--');
        declare(region, depth + 1);
      });
      for (const e of edgesIn.get(node) ?? []) out(depth + 1, `${e.from} --> ${e.to} : ${e.label}`);
    } else {
      body(node, depth + 1);
    }
    out(depth, '}');
  }

  out(0, 'stateDiagram-v2');
  body(root, 1);
  const diagram = lines.join('\n');

  // the event table
  const handlers = new Map<string, { states: string[]; guards: string[] }>();
  for (const node of [root, ...nodes]) {
    for (const t of transitionsOf(node)) {
      const h = handlers.get(t.eventType) ?? handlers.set(t.eventType, { states: [], guards: [] }).get(t.eventType)!;
      const where = node === root ? '(any)' : node.path.join('.');
      if (!h.states.includes(where)) h.states.push(where);
      const guard = guardLabel(t.guard);
      if (guard && !h.guards.includes(guard)) h.guards.push(guard);
    }
  }
  const code = (s: string) => `\`${s}\``;
  const events = [...new Set<string>([...EVENT_TYPES, ...handlers.keys()])];
  const rows = events.map((type) => {
    const h = handlers.get(type);
    const roles = (eventRoles as Record<string, readonly string[]>)[type] ?? [];
    const states = h ? h.states.map(code).join(', ') : type === 'CREATE_DECISION' ? `(creates the decision in ${code(idOf(childrenOf(root)[0]))})` : '—';
    const guards = h?.guards.length ? h.guards.map(code).join('<br>') : '—';
    return `| ${code(type)} | ${roles.join(', ') || '—'} | ${states} | ${guards} |`;
  });

  return [
    `# Decision machine \`${DECISION_MACHINE_ID}\` v${options.version ?? DECISION_MACHINE_VERSION}`,
    '',
    `<!-- Generated by \`npm run docs:machine\` from ${options.source ?? 'libs/procedure/src/decision.machine.ts'}. Do not edit: a unit test fails when this file is stale. -->`,
    '',
    'The statutory procedure (see shared PROCEDURE.md) as the engine runs it. Transitions are labelled',
    '`EVENT [guard]`; a refused guard answers 422 with its rule codes. Parallel regions of `drafting` are',
    'drawn as concurrent sections; `H*` is a deep history state. Transitions that start or end inside a',
    'composite state are drawn on the composite, with `from …` / `→ …` naming the real source or target.',
    '',
    '```mermaid',
    diagram,
    '```',
    '',
    '## Events, roles and guards',
    '',
    'Roles come from `EVENT_ROLES` (403 `FORBIDDEN_ROLE` otherwise); states are where the machine handles the',
    'event (anywhere else: 422 `EVENT_NOT_ALLOWED`).',
    '',
    '| event | roles | handled in | guards |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
