/**
 * Micro-benchmark of the record's cryptography on the verify hot path:
 * canonical JSON and hashInput of one trail entry, hashEvent with SHA-256 and
 * SM3, the Merkle leaf of a trail event and one append to the frontier. Run: `node -r @swc-node/register libs/audit/src/testing/audit-crypto.bench.ts`
 * (prints JSON; figures are µs per call, best of 3 rounds after a warm-up).
 */
import { performance } from 'node:perf_hooks';
import * as audit from '../index';

const CLAUSE = '坚持最严格的耕地保护制度，严守耕地红线，确保高标准农田建设任务按期完成。';

/** One REVISE_DRAFT entry as the verify path sees it (actor and states interned, as the trail reader does). */
function entry(interned: boolean): audit.ChainedEvent {
  const interner = new audit.JsonInterner();
  const json = (v: unknown) => (interned ? interner.parse(JSON.stringify(v)) : v);
  const state = { drafting: { publicParticipation: 'pending', expertArgumentation: 'inProgress', riskAssessment: 'pending' } };
  return {
    decisionId: '6f1c2d8e-4b7a-4c3e-9d2f-1a2b3c4d5e6f',
    seq: 1234,
    type: 'REVISE_DRAFT',
    payload: { text: `关于推进高标准农田建设的实施意见（草案）第7稿：${CLAUSE}${CLAUSE}`, changeSummary: '根据征求意见修改第7条', contentHash: 'a'.repeat(64) },
    actor: json({ sub: 'u-drafter', name: '张三', roles: ['drafter'], unit: 'agri-bureau', jurisdiction: 'county-a' }) as audit.ChainedEvent['actor'],
    occurredAt: '2026-11-24T07:00:00.000Z',
    stateBefore: json(state),
    stateAfter: json(state),
    machine: json({ id: 'major-decision', version: 1 }) as audit.ChainedEvent['machine'],
    profile: json({ id: 'national', version: 1 }) as audit.ChainedEvent['profile'],
    prevHash: 'b'.repeat(64),
  };
}

/** µs per call of `fn`, best of 3 rounds of n calls after a warm-up of n calls. */
function timeUs(n: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < n; i++) fn(i);
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fn(i);
    best = Math.min(best, ((performance.now() - t) * 1000) / n);
  }
  return Math.round(best * 100) / 100;
}

function run(): Record<string, number> {
  const plain = entry(false);
  const interned = entry(true);
  const text = audit.hashInput(interned);
  const out: Record<string, number> = {
    hashInputBytes: Buffer.byteLength(text),
    canonicalJsonEntryUs: timeUs(50_000, () => audit.canonicalJson(plain)),
    hashInputPlainUs: timeUs(50_000, () => audit.hashInput(plain)),
    hashInputInternedUs: timeUs(50_000, () => audit.hashInput(interned)),
    sha256OfHashInputUs: timeUs(50_000, () => audit.sha256Hex(text)),
    hashEventSha256Us: timeUs(50_000, () => audit.hashEvent(interned)),
  };
  out.sm3OfHashInputUs = timeUs(50_000, () => audit.digestHex('sm3', text));
  out.hashEventSm3Us = timeUs(50_000, () => audit.hashEvent({ ...interned, alg: 'sm3' }));
  for (const alg of audit.HASH_ALGORITHMS) {
    const hasher = audit.merkleHasher(alg);
    const leaf: audit.TrailLeaf = { trail: 'decision', id: interned.decisionId, seq: 1234, hash: 'c'.repeat(64) };
    const frontier = new audit.MerkleFrontier(hasher);
    const leafHash = audit.trailLeafHash(hasher, leaf);
    out[`trailLeafHash_${alg}_Us`] = timeUs(50_000, () => audit.trailLeafHash(hasher, leaf));
    out[`merkleAppend_${alg}_Us`] = timeUs(200_000, () => frontier.append(leafHash));
  }
  return out;
}

if (require.main === module) process.stdout.write(`${JSON.stringify(run(), null, 1)}\n`);
