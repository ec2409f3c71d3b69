import type { MachineState } from '../api/types';
import { t, words } from '../i18n';

// top-level states are the API's statuses; nested ones (regions and their states) have their own names
const label = (state: MachineState) => (state.path.includes('.') ? words(t.states, state.key) : words(t.statuses, state.key));

function Node({ state, visits, current }: { state: MachineState; visits: Map<string, number>; current: Set<string> }) {
  const count = visits.get(state.path) ?? 0;
  const classes = ['statechart-node', state.type, current.has(state.path) ? 'current' : count ? 'visited' : ''].filter(Boolean).join(' ');
  const children = state.states.filter((s) => s.type !== 'history');
  const events = [...new Set(state.transitions.map((tr) => tr.event))];
  return (
    <div className={classes} data-state={state.path} data-visits={count} title={events.map((e) => words(t.events, e)).join('、')}>
      <span className="statechart-label">{label(state)}</span>
      {count > 0 && <span className="statechart-visits">×{count}</span>}
      {children.length > 0 && <div className="statechart-children">{children.map((c) => <Node key={c.path} state={c} visits={visits} current={current} />)}</div>}
    </div>
  );
}

/** The statechart as nested boxes: the current state filled, states on the path taken outlined with their visit counts. */
export function Statechart({ root, visits, current }: { root: MachineState; visits: Map<string, number>; current: Set<string> }) {
  return (
    <div className="statechart" data-testid="statechart">
      {root.states.map((s) => <Node key={s.path} state={s} visits={visits} current={current} />)}
    </div>
  );
}
