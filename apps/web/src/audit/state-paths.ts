import type { TrailEvent } from '../api/types';
import { STEP_ORDER } from '../decision/event-steps';
import { t, words } from '../i18n';

// regions in the order of the law (the trail's JSON keeps keys in storage order)
const inStepOrder = (entries: [string, unknown][]) =>
  [...entries].sort(([a], [b]) => (STEP_ORDER.indexOf(a as never) + 1 || 99) - (STEP_ORDER.indexOf(b as never) + 1 || 99));

/** The active state paths of a state value: `{drafting: {publicParticipation: 'open'}}` → drafting, drafting.publicParticipation, drafting.publicParticipation.open. */
export function activePaths(value: unknown, prefix = ''): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...activePaths(child, path)];
  });
}

/** How often each state was entered over the first `toSeq` events, and the states active after event `toSeq`. */
export function visitsUpTo(events: TrailEvent[], toSeq: number): { visits: Map<string, number>; current: Set<string> } {
  const visits = new Map<string, number>();
  let current = new Set<string>();
  for (const e of events) {
    if (e.seq > toSeq) break;
    const before = new Set(activePaths(e.stateBefore));
    const after = activePaths(e.stateAfter);
    // entered: active after the event and not before it (a self-transition is no new visit)
    for (const path of after) if (!before.has(path)) visits.set(path, (visits.get(path) ?? 0) + 1);
    current = new Set(after);
  }
  return { visits, current };
}

/** A state value in words: the top-level stage, then each active region's state, e.g. 起草与论证（公众参与：征求意见中；专家论证：未开始）. */
export function stateInWords(value: unknown): string {
  if (value === null || value === undefined) return t.app.none;
  if (typeof value === 'string') return words(t.statuses, value);
  return Object.entries(value as Record<string, unknown>)
    .map(([key, child]) => {
      const name = words(t.statuses, key) === key ? words(t.states, key) : words(t.statuses, key);
      if (typeof child === 'string') return `${name}：${words(t.states, child)}`;
      return `${name}（${inStepOrder(Object.entries(child as Record<string, unknown>)).map(([k, v]) => typeof v === 'string' ? `${words(t.states, k)}：${words(t.states, v)}` : stateInWords({ [k]: v })).join('；')}）`;
    })
    .join('；');
}
