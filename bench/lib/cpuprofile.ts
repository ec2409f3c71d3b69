import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** self time by package / repo library / runtime */
  byCategory: { category: string; ms: number; pct: number }[];
  /** functions with the most self time */
  topSelf: { fn: string; ms: number; pct: number }[];
  /** inclusive time of the named functions (recursion counted once) */
  inclusive: { fn: string; ms: number; pct: number }[];
}

/** Where a frame's code lives: a package, a library or app of this repo, the runtime. */
export function categoryOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node:internals';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const repo = /\/(libs|apps)\/([^/]+)\//.exec(url);
  if (repo) return `${repo[1]}/${repo[2]}`;
  return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
}

const short = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^.*\/(dist\/)?(libs|apps)\//, '$2/');

/**
 * Summarises V8 .cpuprofile files (node --cpu-prof writes one per thread:
 * pass them all to count worker threads too): self time per category and per
 * function, and inclusive time of `watch` functions (by name).
 */
export function summarizeCpuProfile(files: string | string[], watch: string[] = [], top = 15, window?: { fromUs: number; toUs: number }): ProfileSummary {
  const acc: Totals = { cat: new Map(), fns: new Map(), inclusive: new Map(watch.map((w) => [w, 0])), ms: 0 };
  for (const file of ([] as string[]).concat(files)) addProfile(file, acc, window);
  const pct = (ms: number) => Math.round((ms / acc.ms) * 1000) / 10;
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: Math.round(acc.ms),
    byCategory: sorted(acc.cat).slice(0, top).map(([category, ms]) => ({ category, ms: Math.round(ms), pct: pct(ms) })),
    topSelf: sorted(acc.fns).slice(0, top).map(([fn, ms]) => ({ fn, ms: Math.round(ms), pct: pct(ms) })),
    inclusive: sorted(acc.inclusive).map(([fn, ms]) => ({ fn, ms: Math.round(ms), pct: pct(ms) })),
  };
}

interface Totals {
  cat: Map<string, number>;
  fns: Map<string, number>;
  inclusive: Map<string, number>;
  ms: number;
}

function addProfile(file: string, acc: Totals, window?: { fromUs: number; toUs: number }): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    // V8's sample clock is the monotonic clock of process.hrtime: a window taken in another process applies
    if (window && (t < window.fromUs || t > window.toUs)) continue;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000; // µs → ms, attributed to the sample it ends
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const idle = [...byId.values()].filter((n) => n.callFrame.functionName === '(idle)').reduce((s, n) => s + (self.get(n.id) ?? 0), 0);
  acc.ms += [...self.values()].reduce((a, b) => a + b, 0) - idle;
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)') continue;
    const c = categoryOf(n.callFrame.url, n.callFrame.functionName);
    acc.cat.set(c, (acc.cat.get(c) ?? 0) + ms);
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url ? `${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
    acc.fns.set(key, (acc.fns.get(key) ?? 0) + ms);
  }
  // inclusive time: walk the tree once, counting a watched name only at its outermost frame
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const root = profile.nodes.find((n) => !parent.has(n.id))!;
  const visit = (id: number, open: Set<string>): number => {
    const n = byId.get(id)!;
    const name = n.callFrame.functionName;
    const isWatched = acc.inclusive.has(name) && !open.has(name);
    if (isWatched) open.add(name);
    let total = n.callFrame.functionName === '(idle)' ? 0 : self.get(id) ?? 0;
    for (const c of n.children ?? []) total += visit(c, open);
    if (isWatched) {
      open.delete(name);
      acc.inclusive.set(name, acc.inclusive.get(name)! + total);
    }
    return total;
  };
  visit(root.id, new Set());
}

if (require.main === module) {
  const [file, ...watch] = process.argv.slice(2);
  process.stdout.write(`${JSON.stringify(summarizeCpuProfile(file, watch), null, 1)}\n`);
}
