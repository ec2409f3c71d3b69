import { CATEGORIES, DECISION_MACHINE_ID, DECISION_STATUSES, describeMachine, EVENT_TYPES, RULES, type MachineState } from '@app/procedure';
import { zhCN } from '../../../web/src/i18n/zh-CN';

// The console names every state, event, status, category and rule in words from its message file; a code the
// law adds without words there would reach the screen as a code. This keeps the two in step.
const keysOf = (state: MachineState): string[] => [state.key, ...state.states.flatMap(keysOf)];

describe('the console message file', () => {
  it.each([1, 2])('has words for every state of the statechart of machine v%i', (version) => {
    const root = describeMachine(DECISION_MACHINE_ID, version)!.root;
    const missing = [...new Set(root.states.flatMap(keysOf))].filter((key) => !zhCN.states[key] && !zhCN.statuses[key]);
    expect(missing).toEqual([]);
  });

  it('has words for every event, status, category and rule code', () => {
    expect(EVENT_TYPES.filter((e) => !zhCN.events[e])).toEqual([]);
    expect(DECISION_STATUSES.filter((s) => !zhCN.statuses[s])).toEqual([]);
    expect(CATEGORIES.filter((c) => !zhCN.categories[c])).toEqual([]);
    expect(Object.keys(RULES).filter((code) => !zhCN.rules[code])).toEqual([]);
  });
});
