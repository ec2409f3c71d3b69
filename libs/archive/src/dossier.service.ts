import { dossierFileStream, inclusionProof, merkleHasher, type DossierMaterial, type HashAlgorithm } from '@app/audit';
import { DomainError } from '@app/common';
import { DecisionQueryService, presentEvent } from '@app/decisions';
import { MaterialService, type MaterialHandle } from '@app/materials';
import { keyLog, latestCheckpoint, leafIndexesOfDecision, MaterialRepository, SqlTransactions, type TrailEntry } from '@app/persistence';
import type { Actor } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { CheckpointLog } from './checkpoints/checkpoint-log';
import { keysOfLog } from './checkpoints/checkpoint-view';
import { storedSubtreeHashes } from './checkpoints/stored-subtrees';
import { recordHtmlChunks } from './dossier-record.html';
import { TrailQueryService } from './trail-query.service';
import { zipStream, type ZipEntry } from './zip-writer';

async function* mapped<T, R>(batches: AsyncIterable<readonly T[]>, f: (t: T) => R): AsyncGenerator<R[]> {
  for await (const batch of batches) yield batch.map(f);
}

async function* textBytes(chunks: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) yield Buffer.from(chunk, 'utf8');
}

/**
 * The archive package of one decision (过程记录和材料归档), self-proving (libs/audit dossierFiles):
 * manifest.json, every event's hashed text, the materials, the jurisdiction's signed checkpoint
 * with the inclusion proof of every event and the public keys, a Chinese timeline (record.html),
 * and verify.mjs / verify.sh / VERIFY.md to check chain, proofs and signature offline. The zip is
 * written as the client reads it: manifest, chain, event files, proofs and timeline batch by batch from
 * the trail (read once per file that lists it), one material at a time, stored as is.
 */
@Injectable()
export class DossierService {
  constructor(
    private readonly queries: DecisionQueryService,
    private readonly trails: TrailQueryService,
    private readonly materials: MaterialService,
    private readonly citations: MaterialRepository,
    private readonly sql: SqlTransactions,
    private readonly checkpoints: CheckpointLog,
  ) {}

  /** Access, the replay check, the checkpoint and every material's access are settled here, before the first byte. */
  async build(id: string, actor: Actor): Promise<{ filename: string; chunks: AsyncIterable<Buffer> }> {
    const decision = await this.queries.get(id, actor);
    const replay = await this.trails.replay(id, actor);
    const proved = await this.checkpointCovering(decision.jurisdiction, id, decision.version);
    const handles: MaterialHandle[] = [];
    for (const materialId of await this.citations.citedBy(id, decision.version)) handles.push(await this.materials.open(materialId, actor));
    const materials: DossierMaterial[] = handles.map((m) => ({ id: m.id, filename: m.filename, size: m.size, sha256: m.sha256 }));
    const trail = () => this.trails.trailBatches(id, decision.version);
    const files = dossierFileStream({
      decision: {
        id: decision.id, title: decision.title, category: decision.category, jurisdiction: decision.jurisdiction, status: decision.status,
        version: decision.version, machine: decision.machine, profile: decision.profile, lastHash: decision.lastHash,
      },
      eventBatches: trail,
      proofsOf: (batch) => proved.proofsOf(batch),
      materials,
      // streamed chunk by chunk into its zip entry (checked against its hash as it passes)
      readMaterial: (m) => handles.find((h) => h.id === m.id)!.bytes(),
      checkpointNote: proved.note,
      keys: proved.keys,
      extraFiles: [{ path: 'record.html', content: () => textBytes(recordHtmlChunks(decision, mapped(trail(), presentEvent))) }],
      notes: { verifiedAtExport: { verified: replay.verified, mismatches: replay.mismatches } },
    });
    async function* entries(): AsyncGenerator<ZipEntry> {
      // materials are stored as they are: mostly compressed formats already, and the big part of the archive
      for await (const file of files) yield { ...file, compress: !file.path.startsWith('materials/') };
    }
    return { filename: `dossier-${decision.id}.zip`, chunks: zipStream(entries(), new Date(decision.updatedAt)) };
  }

  /**
   * The latest checkpoint (signed now if the decision's last event is not in one yet), the keys, and the inclusion
   * proofs of a batch of events against it, computed when the batch's proof files are written (one session a batch).
   */
  private async checkpointCovering(jurisdiction: string, id: string, version: number) {
    const covered = () =>
      this.sql.session(async (s) => {
        const latest = await latestCheckpoint(s, jurisdiction);
        const indexes = await leafIndexesOfDecision(s, jurisdiction, id);
        const size = latest ? Number(latest.tree_size) : 0;
        let all = true;
        for (let seq = 1; seq <= version && all; seq++) all = (indexes.get(seq) ?? Infinity) < size;
        return latest && all ? { latest, indexes } : undefined;
      });
    let found = await covered();
    if (!found) {
      await this.checkpoints.checkpoint(jurisdiction, { onlyWithLoggedKey: true });
      found = await covered();
    }
    if (!found) throw new DomainError('CHECKPOINT_PENDING', '该决策的记录尚未全部纳入已签名的检查点，请稍后再导出案卷');
    const { latest, indexes } = found;
    const hasher = merkleHasher(latest.hash_alg as HashAlgorithm);
    const size = Number(latest.tree_size);
    const keys = await this.sql.session(async (s) => keysOfLog(await keyLog(s, jurisdiction)));
    const proofsOf = (batch: readonly TrailEntry[]) =>
      this.sql.session(async (s) => {
        const nodes = storedSubtreeHashes(s, hasher, jurisdiction, size);
        const proofs = [];
        for (const e of batch) {
          const index = indexes.get(e.seq)!;
          proofs.push({ index, hashes: await inclusionProof(hasher, nodes, index, size) });
        }
        return proofs;
      });
    return { note: latest.note, keys, proofsOf };
  }
}
