import { ChainVerifier, type FedChainBreak } from '@app/audit';
import type { TrailEntry } from '@app/persistence';
import { Worker } from 'node:worker_threads';
import type { ChainCheckAnswer, ChainCheckRequest } from './chain-check.worker';
import { ChainBatchEncoder } from './chain-transfer';
import { threadScript } from './thread-script';

/** The chain check of one trail: feed its events oldest first (the batches a replay reads), then take the breaks. */
export interface ChainCheck {
  feed(entries: readonly TrailEntry[]): void;
  /** every break, in feed order (no more feeding after this) */
  breaks(): Promise<FedChainBreak[]>;
}

/** The check on the calling thread: what TrailReplayer does inline. */
export function inlineChainCheck(): ChainCheck {
  let verifier: ChainVerifier | null = null;
  let fed = 0;
  const found: FedChainBreak[] = [];
  return {
    feed(entries) {
      for (const e of entries) {
        verifier ??= new ChainVerifier(e.decisionId);
        const broken = verifier.feed(e);
        if (broken) found.push({ ...broken, index: fed });
        fed++;
      }
    },
    breaks: async () => found,
  };
}

/**
 * One worker thread that checks hash chains (seq, prev_hash, every hash recomputed from canonical JSON) while
 * the calling thread replays the machine: the two halves of a replay's work side by side on two cores. Started
 * on first use (35-85 ms here, overlapping the first pages), kept while used, ended after `idleMs` without checks;
 * it never keeps the process alive. Trails are multiplexed on it: concurrent replays share the thread.
 */
export class ChainCheckThread {
  private worker: Worker | null = null;
  private next = 1;
  private readonly answers = new Map<number, { worker: Worker; resolve: (b: FedChainBreak[]) => void; reject: (e: Error) => void }>();
  private idle: NodeJS.Timeout | null = null;

  constructor(private readonly idleMs = 60_000) {}

  /** Is the thread started (a check opened now costs no start)? */
  get running(): boolean {
    return this.worker !== null;
  }

  /** A check on the thread, or on the calling thread when no worker can be started. */
  open(): ChainCheck {
    let worker: Worker;
    try {
      worker = this.started();
    } catch {
      return inlineChainCheck();
    }
    const check = this.next++;
    const encoder = new ChainBatchEncoder();
    const answer = new Promise<FedChainBreak[]>((resolve, reject) => this.answers.set(check, { worker, resolve, reject }));
    // A check abandoned (the replay failed first) must not leave an unhandled rejection behind.
    answer.catch(() => undefined);
    let decisionId: string | null = null;
    let finished = false;
    return {
      feed: (entries) => {
        if (finished) throw new Error('chain check already finished');
        if (!entries.length) return;
        decisionId ??= entries[0].decisionId;
        worker.postMessage({ check, decisionId, batch: encoder.encode(entries) } satisfies ChainCheckRequest);
      },
      breaks: () => {
        if (!finished) worker.postMessage({ check, done: true } satisfies ChainCheckRequest);
        finished = true;
        return answer;
      },
    };
  }

  /** Ends the thread now (checks under way fail). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (this.idle) clearTimeout(this.idle);
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    if (this.worker) return this.worker;
    const script = threadScript('chain-check.worker');
    const worker = new Worker(script.file, { execArgv: script.execArgv });
    worker.unref();
    worker.on('message', (msg: ChainCheckAnswer) => this.answered(msg));
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      // only this thread's checks: a thread ended when idle may exit after the next one started
      for (const [check, a] of this.answers) {
        if (a.worker !== worker) continue;
        this.answers.delete(check);
        a.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`chain check thread exited with ${code}`)));
    this.worker = worker;
    return worker;
  }

  private answered(msg: ChainCheckAnswer): void {
    const waiting = this.answers.get(msg.check);
    this.answers.delete(msg.check);
    if ('error' in msg) waiting?.reject(new Error(`chain check failed: ${msg.error}`));
    else waiting?.resolve(msg.breaks);
    if (this.answers.size === 0 && this.worker && !this.idle) {
      this.idle = setTimeout(() => void this.close(), this.idleMs);
      this.idle.unref();
    }
  }
}
