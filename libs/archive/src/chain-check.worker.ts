// Worker thread of replay: checks the hash chains of the trails a replay sends it, beside the replaying thread.
import { ChainVerifier, type FedChainBreak } from '@app/audit';
import { parentPort } from 'node:worker_threads';
import { ChainBatchDecoder, type WireBatch } from './chain-transfer';

export type ChainCheckRequest = { check: number; decisionId: string; batch: WireBatch } | { check: number; done: true };
export type ChainCheckAnswer = { check: number; breaks: FedChainBreak[] } | { check: number; error: string };

interface Check {
  decoder: ChainBatchDecoder;
  verifier: ChainVerifier;
  fed: number;
  breaks: FedChainBreak[];
}

const checks = new Map<number, Check>();
/** checks that failed (their error answered): later batches of theirs are dropped */
const failed = new Set<number>();

parentPort!.on('message', (msg: ChainCheckRequest) => {
  try {
    if (failed.has(msg.check)) {
      if ('done' in msg) failed.delete(msg.check);
      return;
    }
    if ('done' in msg) {
      const c = checks.get(msg.check);
      checks.delete(msg.check);
      parentPort!.postMessage({ check: msg.check, breaks: c?.breaks ?? [] } satisfies ChainCheckAnswer);
      return;
    }
    let c = checks.get(msg.check);
    if (!c) checks.set(msg.check, (c = { decoder: new ChainBatchDecoder(), verifier: new ChainVerifier(msg.decisionId), fed: 0, breaks: [] }));
    for (const event of c.decoder.decode(msg.batch)) {
      const broken = c.verifier.feed(event);
      if (broken) c.breaks.push({ ...broken, index: c.fed });
      c.fed++;
    }
  } catch (error) {
    checks.delete(msg.check);
    failed.add(msg.check);
    parentPort!.postMessage({ check: msg.check, error: (error as Error).message } satisfies ChainCheckAnswer);
  }
});
