import { join } from 'node:path';
import type { LevelResult } from './load';
import type { MixWeights } from './mix';
import { REPO_ROOT, type ServerOptions } from './server';

/** The bare node:http + pg reference server (bench/bare-server.ts), run from source like the bench itself. */
export function bareServerOptions(): Pick<ServerOptions, 'entry' | 'nodeArgs'> {
  return { entry: join(REPO_ROOT, 'bench', 'bare-server.ts'), nodeArgs: ['-r', '@swc-node/register'] };
}

/** REVISE_DRAFT only: the one request both the app and the bare server take. */
export const REVISE_ONLY: MixWeights = { revise: 1, expertOpinion: 0, appoint: 0, create: 0, path: 0 };

/** More than this many cores busy with other processes (incl. CPU steal) during a measurement, and its figure is not valid. */
export const MAX_OTHER_CORES = 0.3;

/** Whether a measurement ran on a quiet machine: quiet before it, and little other activity while it ran. */
export function validity(quietBefore: { quiet: boolean; busyCores: number }, otherCoresDuring: number | undefined): { valid: boolean; why?: string } {
  if (!quietBefore.quiet) return { valid: false, why: `${quietBefore.busyCores.toFixed(2)} cores busy with other processes before it` };
  if (otherCoresDuring !== undefined && otherCoresDuring > MAX_OTHER_CORES) return { valid: false, why: `${otherCoresDuring.toFixed(2)} cores busy with other processes while it ran` };
  return { valid: true };
}

export interface NodeLimitLevel {
  connections: number;
  app: LevelResult;
  bare: LevelResult;
  valid: boolean;
  why?: string;
}

export interface NodeLimit {
  levels: NodeLimitLevel[];
  appPeak: { connections: number; tps: number; cpuPerTransitionMs: number };
  barePeak: { connections: number; tps: number; cpuPerTransitionMs: number };
  /** app peak / bare peak (REVISE_DRAFT only) */
  ratio: number;
  valid: boolean;
  why?: string;
}

/** The app's and the bare server's peaks over interleaved levels, and their ratio. */
export function nodeLimitOf(levels: NodeLimitLevel[]): NodeLimit {
  const peak = (pick: (l: NodeLimitLevel) => LevelResult) => {
    const best = levels.reduce((a, b) => (pick(b).tps > pick(a).tps ? b : a));
    return { connections: best.connections, tps: pick(best).tps, cpuPerTransitionMs: pick(best).cpuPerTransitionMs.server, level: best };
  };
  const app = peak((l) => l.app);
  const bare = peak((l) => l.bare);
  const invalid = [app.level, bare.level].find((l) => !l.valid);
  return {
    levels,
    appPeak: { connections: app.connections, tps: app.tps, cpuPerTransitionMs: app.cpuPerTransitionMs },
    barePeak: { connections: bare.connections, tps: bare.tps, cpuPerTransitionMs: bare.cpuPerTransitionMs },
    ratio: Math.round((app.tps / bare.tps) * 1000) / 1000,
    valid: !invalid,
    ...(invalid ? { why: `c=${invalid.connections}: ${invalid.why}` } : {}),
  };
}
