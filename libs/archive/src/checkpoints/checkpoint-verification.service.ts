import { keysForSize, openKeyLogEntry, verifyKeyLog } from '@app/audit';
import { keyLog, latestCheckpoint, SqlTransactions } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { VerifyReport } from '../trail-verification';
import { CheckpointLog } from './checkpoint-log';
import { verifyTree, type TreeBreak, type TreeReport } from './tree-verification';

/** GET /api/audit/verify's answer: the chains' report, and the tree's against the last checkpoint. */
export interface AuditVerifyReport extends Omit<VerifyReport, 'firstBroken'> {
  firstBroken?: { decisionId?: string; catalogueId?: string; unitId?: string; seq?: number; reason: string; checkpoint?: TreeBreak['checkpoint'] };
  /** the tree against the jurisdiction's last signed checkpoint (null: none signed yet) */
  tree: (TreeReport & { checkpoint: { treeSize: number; time: string } }) | null;
}

/** The checkpoint half of the jurisdiction's verification (the chains' half is TrailQueryService.verifyJurisdiction). */
@Injectable()
export class CheckpointVerification {
  constructor(
    private readonly sql: SqlTransactions,
    private readonly log: CheckpointLog,
  ) {}

  /** The tree of the jurisdiction against its last checkpoint, signature checked with the key its key log names for that size. */
  async verify(jurisdiction: string): Promise<AuditVerifyReport['tree']> {
    return this.sql.session(async (s) => {
      const latest = await latestCheckpoint(s, jurisdiction);
      if (!latest) return null;
      let keys;
      try {
        // The log's first key is taken as it is (a deployment's own record); each handover must be signed by the key before.
        const notes = (await keyLog(s, jurisdiction)).map((r) => r.note);
        if (notes.length === 0) throw new Error('密钥日志为空');
        keys = keysForSize(verifyKeyLog(notes, openKeyLogEntry(notes[0]).new), Number(latest.tree_size));
      } catch (err) {
        return { ok: false, checkedLeaves: 0, checkpoints: [], checkpoint: at(latest), firstBroken: { leafIndex: 0, reason: `密钥日志无法验证：${(err as Error).message}` } };
      }
      const report = await verifyTree(s, { jurisdiction, origin: this.log.origin(jurisdiction), checkpointNotes: [latest.note], keys });
      return { ...report, checkpoint: at(latest) };
    });
  }

  /** One report from the chains' and the tree's: a broken chain is named first, then the tree's first break. */
  merge(chains: VerifyReport, tree: AuditVerifyReport['tree']): AuditVerifyReport {
    // A broken chain is named first; then what the signed tree says (an event missing or rewritten since a
    // checkpoint); a projection that disagrees with its trail last, as it follows from either.
    const projectionBreak = /^(CATALOGUE_)?PROJECTION_/.test(chains.firstBroken?.reason ?? '');
    if (!chains.ok && !(projectionBreak && tree && !tree.ok && tree.firstBroken)) return { ...chains, tree };
    if (tree && !tree.ok && tree.firstBroken) {
      const { decisionId, catalogueId, unitId, seq, reason, checkpoint } = tree.firstBroken;
      const where = decisionId ? { decisionId, seq } : catalogueId ? { catalogueId, seq } : unitId ? { unitId, seq } : {};
      return { ...chains, ok: false, firstBroken: { ...where, reason, checkpoint: checkpoint ?? tree.checkpoint }, tree };
    }
    return { ...chains, tree };
  }
}

const at = (row: { tree_size: string; signed_at: Date }) => ({ treeSize: Number(row.tree_size), time: row.signed_at.toISOString() });
