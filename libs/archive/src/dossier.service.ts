import { dossierFiles, inclusionProof, merkleHasher, type DossierMaterial, type HashAlgorithm } from '@app/audit';
import { DomainError } from '@app/common';
import { DecisionQueryService } from '@app/decisions';
import { MaterialService } from '@app/materials';
import { keyLog, latestCheckpoint, leafIndexesOfDecision, readTrail, SqlTransactions, type TrailEntry } from '@app/persistence';
import type { Actor } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { CheckpointLog } from './checkpoints/checkpoint-log';
import { storedSubtreeHashes } from './checkpoints/stored-subtrees';
import { keysOfLog } from './checkpoints/checkpoint-view';
import { renderRecordHtml } from './dossier-record.html';
import { TrailQueryService } from './trail-query.service';

/**
 * The archive package of one decision (过程记录和材料归档), self-proving (libs/audit dossierFiles):
 * manifest.json, every event's hashed text, the materials, the jurisdiction's signed checkpoint
 * with the inclusion proof of every event and the public keys, a Chinese timeline (record.html),
 * and verify.mjs / verify.sh / VERIFY.md to check chain, proofs and signature offline.
 */
@Injectable()
export class DossierService {
  constructor(
    private readonly queries: DecisionQueryService,
    private readonly trails: TrailQueryService,
    private readonly materials: MaterialService,
    private readonly sql: SqlTransactions,
    private readonly checkpoints: CheckpointLog,
  ) {}

  async build(id: string, actor: Actor): Promise<{ filename: string; stream: Readable }> {
    const decision = await this.queries.get(id, actor);
    const { events: presented } = await this.trails.history(id, actor);
    const replay = await this.trails.replay(id, actor);
    const events = await this.sql.session(async (s) => {
      const out: TrailEntry[] = [];
      for await (const batch of readTrail(s, { decisionId: id })) out.push(...batch);
      return out;
    });
    const proved = await this.proofs(decision.jurisdiction, id, events);
    const materialIds = [...new Set(events.flatMap((e) => ((e.payload as { materials?: { id: string }[] }).materials ?? []).map((m) => m.id)))];
    const infos = await Promise.all(materialIds.map((m) => this.materials.read(m, actor)));
    const materials: DossierMaterial[] = infos.map((m) => ({ id: m.id, filename: m.filename, size: m.size, sha256: m.sha256 }));
    const files = dossierFiles({
      decision: {
        id: decision.id, title: decision.title, category: decision.category, jurisdiction: decision.jurisdiction, status: decision.status,
        version: decision.version, machine: decision.machine, profile: decision.profile, lastHash: decision.lastHash,
      },
      events,
      materials,
      readMaterial: async (m) => infos.find((x) => x.id === m.id)!.content,
      checkpointNote: proved.note,
      proofs: proved.proofs,
      keys: proved.keys,
      extraFiles: [{ path: 'record.html', content: Buffer.from(renderRecordHtml(decision, presented)) }],
      notes: { verifiedAtExport: { verified: replay.verified, mismatches: replay.mismatches } },
    });
    const zip = new ZipFile();
    for await (const file of files) zip.addBuffer(Buffer.from(file.content), file.path);
    zip.end();
    return { filename: `dossier-${decision.id}.zip`, stream: zip.outputStream as Readable };
  }

  /** The latest checkpoint (signed now if the decision's last event is not in one yet), each event's inclusion proof, the keys. */
  private async proofs(jurisdiction: string, id: string, events: readonly TrailEntry[]) {
    const covered = () =>
      this.sql.session(async (s) => {
        const latest = await latestCheckpoint(s, jurisdiction);
        const indexes = await leafIndexesOfDecision(s, jurisdiction, id);
        const size = latest ? Number(latest.tree_size) : 0;
        return latest && events.every((e) => (indexes.get(e.seq) ?? Infinity) < size) ? { latest, indexes } : undefined;
      });
    let found = await covered();
    if (!found) {
      await this.checkpoints.checkpoint(jurisdiction, { onlyWithLoggedKey: true });
      found = await covered();
    }
    if (!found) throw new DomainError('CHECKPOINT_PENDING', '该决策的记录尚未全部纳入已签名的检查点，请稍后再导出案卷');
    const { latest, indexes } = found;
    return this.sql.session(async (s) => {
      const hasher = merkleHasher(latest.hash_alg as HashAlgorithm);
      const size = Number(latest.tree_size);
      const nodes = storedSubtreeHashes(s, hasher, jurisdiction, size);
      const proofs = [];
      for (const e of events) {
        const index = indexes.get(e.seq)!;
        proofs.push({ index, hashes: await inclusionProof(hasher, nodes, index, size) });
      }
      return { note: latest.note, proofs, keys: keysOfLog(await keyLog(s, jurisdiction)) };
    });
  }
}
