import type { RoleName } from './actors';
import type { Job } from './driver';
import { appointExperts, expertOpinion, fullPath, newDecision, pathJob, revise, type PathStep } from './workload';

/** Shares of the mix (they need not sum to 1). `path` is the share of requests that advance a full path. */
export interface MixWeights {
  revise: number;
  expertOpinion: number;
  appoint: number;
  create: number;
  path: number;
}

/** Mostly cheap repeatable events on many decisions, a few registrations, a few whole lawful paths. */
export const DEFAULT_MIX: MixWeights = { revise: 0.75, expertOpinion: 0.12, appoint: 0.04, create: 0.04, path: 0.05 };

interface ActivePath {
  n: number;
  steps: PathStep[];
  index: number;
  id: string | null;
  inFlightSince: number | null;
}

export type Done = (status: number, body: string | unknown) => void;

/**
 * Picks the next request of the mix. Cheap events go to a random prepared
 * decision (collisions on one decision serialise on its row lock, as in life);
 * full paths advance one step at a time (never two requests of a path in flight).
 */
export class Mix {
  private readonly paths: ActivePath[] = [];
  private counter = 0;
  private pathCounter = 0;
  readonly completedPaths: number[] = [];
  failedPaths = 0;

  constructor(
    private readonly decisionIds: readonly string[],
    private readonly tokens: Record<RoleName, string>,
    private readonly rnd: () => number,
    private readonly weights: MixWeights = DEFAULT_MIX,
    private readonly maxConcurrentPaths = 2,
    private readonly seqBase = 1_000_000,
  ) {
    if (decisionIds.length === 0) throw new Error('the mix needs prepared decisions');
  }

  next(): { job: Job; done: Done } {
    const n = this.seqBase + this.counter++;
    const w = this.weights;
    const total = w.revise + w.expertOpinion + w.appoint + w.create + w.path;
    let r = this.rnd() * total;
    if ((r -= w.path) < 0) {
      const step = this.pathStep();
      if (step) return step;
      r = 0; // no path step ready: fall through to a cheap event
    }
    const id = this.decisionIds[Math.floor(this.rnd() * this.decisionIds.length)];
    const event = (kind: string, body: unknown): { job: Job; done: Done } => ({
      job: { method: 'POST', path: `/api/decisions/${id}/events`, token: this.tokens.drafter, body, kind },
      done: () => undefined,
    });
    if ((r -= w.create) < 0) return { job: { method: 'POST', path: '/api/decisions', token: this.tokens.drafter, body: newDecision(n), kind: 'CREATE_DECISION' }, done: () => undefined };
    if ((r -= w.appoint) < 0) return event('APPOINT_EXPERTS', appointExperts());
    if ((r -= w.expertOpinion) < 0) return event('RECORD_EXPERT_OPINION', expertOpinion(n));
    return event('REVISE_DRAFT', revise(n));
  }

  /** Paths in progress (for reports). */
  get activePaths(): number {
    return this.paths.length;
  }

  private pathStep(): { job: Job; done: Done } | null {
    const now = Date.now();
    // a request lost to a client timeout must not wedge its path for ever
    for (const p of this.paths) if (p.inFlightSince !== null && now - p.inFlightSince > 60_000) this.drop(p);
    let path = this.paths.find((p) => p.inFlightSince === null);
    if (!path && this.paths.length < this.maxConcurrentPaths) {
      path = { n: this.seqBase * 2 + this.pathCounter++, steps: [], index: 0, id: null, inFlightSince: null };
      path.steps = fullPath(path.n);
      this.paths.push(path);
    }
    if (!path) return null;
    const p = path;
    p.inFlightSince = now;
    const step = p.steps[p.index];
    const job = pathJob(step, p.id, this.tokens);
    if (step.timerMayPreempt) job.kind = 'PATH_TIMER_RACE';
    return {
      job,
      done: (status, body) => {
        p.inFlightSince = null;
        const preempted = step.timerMayPreempt && status === 422 && String(typeof body === 'string' ? body : JSON.stringify(body)).includes('COMMENT_PERIOD_ALREADY_CLOSED');
        if (status !== 200 && status !== 201 && !preempted) return this.drop(p, true);
        if (p.index === 0) p.id = (typeof body === 'string' ? JSON.parse(body) : (body as { id: string })).id;
        p.index++;
        if (p.index === p.steps.length) {
          this.completedPaths.push(p.steps.length);
          this.drop(p);
        }
      },
    };
  }

  private drop(p: ActivePath, failed = false) {
    const i = this.paths.indexOf(p);
    if (i >= 0) this.paths.splice(i, 1);
    if (failed) this.failedPaths++;
  }
}
