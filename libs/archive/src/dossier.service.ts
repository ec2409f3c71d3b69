import { DomainError } from '@app/common';
import { DecisionQueryService } from '@app/decisions';
import { MaterialService } from '@app/materials';
import { keyLog, latestCheckpoint, decisionLeavesWithin, MaterialRepository, SqlTransactions } from '@app/persistence';
import type { Actor } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { CheckpointLog } from './checkpoints/checkpoint-log';
import { keysOfLog } from './checkpoints/checkpoint-view';
import type { DossierJob, DossierJobMaterial } from './dossier-export';
import type { ExportOutput } from './export-channel';
import { exportLimits, exportThread } from './export-thread';
import { TrailQueryService } from './trail-query.service';

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

  /**
   * Access, the checkpoint and every material's access are settled here, and the replay check (in the thread,
   * before it says it is ready), before the first byte. The zip is written by an export thread (its garbage in a
   * heap of its own, see exportLimits) and read at the pace of the consumer.
   */
  async build(id: string, actor: Actor): Promise<{ filename: string; chunks: ExportOutput }> {
    const decision = await this.queries.get(id, actor);
    const checkpoint = await this.checkpointCovering(decision.jurisdiction, id, decision.version);
    const materials: DossierJobMaterial[] = [];
    for (const materialId of await this.citations.citedBy(id, decision.version)) {
      const m = await this.materials.open(materialId, actor);
      materials.push({ id: m.id, filename: m.filename, size: m.size, sha256: m.sha256, stored: m.stored });
    }
    const job: DossierJob = {
      decision: {
        id: decision.id, title: decision.title, category: decision.category, jurisdiction: decision.jurisdiction, status: decision.status,
        version: decision.version, machine: decision.machine, profile: decision.profile, lastHash: decision.lastHash,
      },
      mtime: new Date(decision.updatedAt).toISOString(),
      replay: await this.trails.replaySetup(decision.jurisdiction),
      checkpoint,
      materials,
    };
    const chunks = await exportThread({ kind: 'dossier', connectionString: this.sql.connectionUrl, ...job }, this.limits(decision.version));
    return { filename: `dossier-${decision.id}.zip`, chunks };
  }

  /** The export thread's heap for a decision of `events` events (a field: tests make it too small). */
  limits = exportLimits;

  /**
   * The latest checkpoint (signed now if the decision's last event is not in one yet) and the keys (the thread computes
   * the inclusion proofs against it batch by batch, as it writes them).
   */
  private async checkpointCovering(jurisdiction: string, id: string, version: number): Promise<DossierJob['checkpoint']> {
    const covered = () =>
      this.sql.session(async (s) => {
        const latest = await latestCheckpoint(s, jurisdiction);
        const all = latest !== undefined && (await decisionLeavesWithin(s, jurisdiction, id, version, Number(latest.tree_size))) === version;
        return all ? latest : undefined;
      });
    let found = await covered();
    if (!found) {
      await this.checkpoints.checkpoint(jurisdiction, { onlyWithLoggedKey: true });
      found = await covered();
    }
    if (!found) throw new DomainError('CHECKPOINT_PENDING', '该决策的记录尚未全部纳入已签名的检查点，请稍后再导出案卷');
    const latest = found;
    const keys = await this.sql.session(async (s) => keysOfLog(await keyLog(s, jurisdiction)));
    return { note: latest.note, keys, hashAlg: latest.hash_alg, size: Number(latest.tree_size) };
  }
}
