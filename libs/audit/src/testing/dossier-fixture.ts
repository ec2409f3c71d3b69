import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cryptoProvider, type CryptoProfileId, type NoteSigner } from '../crypto-provider';
import { dossierFiles, type DossierMaterial } from '../dossier-files';
import { digestHex } from '../hash-algorithms';
import { GENESIS_HASH, hashEvent, type ChainedEvent } from '../hash-chain';
import { inclusionProof, memorySubtreeHashes } from '../merkle-proofs';
import { MerkleFrontier } from '../merkle-tree';
import { formatVerifierKey, verifierKeyOf } from '../signed-note';
import { signCheckpoint } from '../tlog-checkpoint';
import { trailLeafHash, type TrailLeaf } from '../trail-leaf';

export const DECISION_ID = '6f1c2d8e-4b7a-4c3e-9d2f-1a2b3c4d5e6f';
const ORIGIN = 'decisions.example.gov.cn/county-a';

/** Two materials, one of them with a name that tries to leave the folder. */
export const MATERIALS = [
  { id: 'a1b2c3d4-0000-4000-8000-000000000001', filename: '风险评估报告.pdf', bytes: Buffer.from('%PDF-1.7 风险评估报告 …', 'utf8') },
  { id: 'a1b2c3d4-0000-4000-8000-000000000002', filename: '../专家意见.txt', bytes: Buffer.from('专家意见：同意。\n', 'utf8') },
];

/** A decision's trail of `n` events with the profile's hash; event 3 cites both materials; an SHA-256 start when `mixed`. */
export function syntheticTrail(profile: CryptoProfileId, n = 5, mixed = false): (ChainedEvent & { hash: string })[] {
  const alg = cryptoProvider(profile).profile.hash;
  const events: (ChainedEvent & { hash: string })[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e: ChainedEvent = {
      ...(mixed && seq <= 2 ? {} : { alg }),
      decisionId: DECISION_ID, seq, type: seq === 1 ? 'CREATE_DECISION' : 'REVISE_DRAFT',
      payload: seq === 3 ? { materials: MATERIALS.map((m) => ({ id: m.id, sha256: digestHex('sha256', m.bytes), filename: m.filename })) } : { text: `第${seq}稿 \u{1F4C4} 1e-7`, ratio: 1e-7 },
      actor: { sub: 'u1', name: '张三', roles: ['drafter'], unit: 'agri-bureau', jurisdiction: 'county-a' },
      occurredAt: new Date(Date.UTC(2026, 0, seq)).toISOString(), stateBefore: seq === 1 ? null : 'drafting', stateAfter: 'drafting',
      machine: { id: 'major-decision', version: 1 }, profile: { id: 'national', version: 1 }, prevHash,
    };
    prevHash = hashEvent(e);
    events.push({ ...e, hash: prevHash });
  }
  return events;
}

/**
 * Builds the dossier of a synthetic trail whose events are interleaved with a
 * catalogue's in the jurisdiction's tree, signed with a fresh key of the
 * profile, and writes it to a new temp folder (returned).
 */
export async function writeSyntheticDossier(profile: CryptoProfileId, options: { mixed?: boolean; signer?: NoteSigner } = {}): Promise<{ dir: string; vkey: string }> {
  const provider = cryptoProvider(profile);
  const signer = options.signer ?? provider.softwareSigner(ORIGIN, provider.generateKeyPair().privateKey);
  const events = syntheticTrail(profile, 5, options.mixed);
  const leaves: TrailLeaf[] = [];
  const indexOf: number[] = [];
  events.forEach((e, i) => {
    for (let k = 0; k <= i % 3; k++) leaves.push({ trail: 'catalogue', id: 'c-2026', seq: leaves.filter((l) => l.trail === 'catalogue').length + 1, hash: digestHex('sha256', `c${leaves.length}`) });
    indexOf.push(leaves.length);
    leaves.push({ trail: 'decision', id: e.decisionId, seq: e.seq, hash: e.hash });
  });
  const leafHashes = leaves.map((l) => trailLeafHash(provider.merkle, l));
  const frontier = new MerkleFrontier(provider.merkle);
  leafHashes.forEach((h) => frontier.append(h));
  const checkpointNote = await signCheckpoint({ origin: ORIGIN, size: frontier.size, root: frontier.root(), hash: provider.profile.hash, time: '2026-11-24T07:00:00.000Z' }, [signer]);
  const nodes = memorySubtreeHashes(provider.merkle, leafHashes);
  const proofs = await Promise.all(indexOf.map(async (index) => ({ index, hashes: await inclusionProof(provider.merkle, nodes, index, frontier.size) })));
  const materials: DossierMaterial[] = MATERIALS.map((m) => ({ id: m.id, filename: m.filename, size: m.bytes.length, sha256: digestHex('sha256', m.bytes) }));
  const dir = mkdtempSync(join(tmpdir(), 'audit-dossier-'));
  const files = dossierFiles({
    decision: { id: DECISION_ID, title: '关于推进高标准农田建设的实施意见', lastHash: events.at(-1)!.hash },
    events, materials, checkpointNote, proofs, keys: [verifierKeyOf(signer)],
    readMaterial: async (m) => MATERIALS.find((x) => x.id === m.id)!.bytes,
    extraFiles: [{ path: 'record.html', content: Buffer.from('<!doctype html><title>过程记录</title>') }],
  });
  for await (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
  return { dir, vkey: formatVerifierKey(verifierKeyOf(signer)) };
}
