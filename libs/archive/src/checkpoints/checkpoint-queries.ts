import { consistencyProof, inclusionProof, merkleHasher, type HashAlgorithm } from '@app/audit';
import { DomainError } from '@app/common';
import { DecisionQueryService } from '@app/decisions';
import {
  checkpointOfSize, keyLog, latestCheckpoint, leafIndexOf, listCheckpoints, SqlTransactions, type CheckpointRow,
} from '@app/persistence';
import type { Actor } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { storedSubtreeHashes } from './stored-subtrees';
import { presentCheckpoint, presentKeys, type CheckpointView, type PublishedKey } from './checkpoint-view';

export interface InclusionProofView {
  decisionId: string;
  seq: number;
  /** the event's hash, as the trail records it */
  hash: string;
  /** the leaf data hashed into the tree: canonical JSON of {hash, id, seq, trail} */
  leaf: { trail: 'decision'; id: string; seq: number; hash: string };
  leafIndex: number;
  treeSize: number;
  /** base64 hashes, the leaf's sibling first (RFC 9162 §2.1.3) */
  proof: string[];
  checkpoint: CheckpointView;
}

export interface ConsistencyProofView {
  from: CheckpointView;
  to: CheckpointView;
  /** base64 hashes (RFC 9162 §2.1.4) */
  proof: string[];
}

const b64 = (h: Uint8Array) => Buffer.from(h).toString('base64');

/** Reads of the signed checkpoints: lists, the latest, proofs, the published keys. */
@Injectable()
export class CheckpointQueries {
  constructor(
    private readonly sql: SqlTransactions,
    private readonly decisions: DecisionQueryService,
  ) {}

  async list(jurisdiction: string, page: number, pageSize: number): Promise<{ items: CheckpointView[]; total: number; page: number; pageSize: number }> {
    const { rows, total } = await this.sql.session((s) => listCheckpoints(s, jurisdiction, pageSize, (page - 1) * pageSize));
    return { items: rows.map(presentCheckpoint), total, page, pageSize };
  }

  async latest(jurisdiction: string): Promise<CheckpointView> {
    const row = await this.sql.session((s) => latestCheckpoint(s, jurisdiction));
    if (!row) throw new DomainError('NO_CHECKPOINT', '本辖区尚无已签名的检查点');
    return presentCheckpoint(row);
  }

  async keys(jurisdiction: string): Promise<{ keys: PublishedKey[] }> {
    return { keys: presentKeys(await this.sql.session((s) => keyLog(s, jurisdiction))) };
  }

  /** The inclusion proof of a decision's event against the latest checkpoint of its jurisdiction. */
  async inclusion(decisionId: string, seq: number, actor: Actor): Promise<InclusionProofView> {
    const decision = await this.decisions.visible(decisionId, actor);
    if (seq > decision.version) throw DomainError.notFound('event');
    return this.sql.session(async (s) => {
      const latest = await latestCheckpoint(s, decision.jurisdiction);
      const leaf = await leafIndexOf(s, decision.jurisdiction, 'decision', decisionId, seq);
      if (!latest || leaf === undefined || leaf.index >= Number(latest.tree_size)) throw pending();
      const index = leaf.index;
      const hasher = merkleHasher(latest.hash_alg as HashAlgorithm);
      const size = Number(latest.tree_size);
      const proof = await inclusionProof(hasher, storedSubtreeHashes(s, hasher, decision.jurisdiction, size), index, size);
      return {
        decisionId, seq, hash: leaf.hash,
        leaf: { trail: 'decision', id: decisionId, seq, hash: leaf.hash },
        leafIndex: index, treeSize: size, proof: proof.map(b64), checkpoint: presentCheckpoint(latest),
      };
    });
  }

  /** The consistency proof between two checkpoints of the jurisdiction (tree sizes), `to` defaulting to the latest. */
  async consistency(jurisdiction: string, from: number, to?: number): Promise<ConsistencyProofView> {
    return this.sql.session(async (s) => {
      const second = to === undefined ? await latestCheckpoint(s, jurisdiction) : await checkpointOfSize(s, jurisdiction, to);
      const first = await checkpointOfSize(s, jurisdiction, from);
      if (!first || !second) throw new DomainError('NO_CHECKPOINT', '没有该树大小的检查点');
      if (Number(first.tree_size) > Number(second.tree_size)) throw DomainError.validation('from 的树大小不能大于 to', 'from');
      const hasher = merkleHasher(second.hash_alg as HashAlgorithm);
      const size = Number(second.tree_size);
      const proof = await consistencyProof(hasher, storedSubtreeHashes(s, hasher, jurisdiction, size), Number(first.tree_size), size);
      return { from: presentCheckpoint(first), to: presentCheckpoint(second), proof: proof.map(b64) };
    });
  }

  /** The latest checkpoint row (the dossier's). */
  latestRow(jurisdiction: string): Promise<CheckpointRow | undefined> {
    return this.sql.session((s) => latestCheckpoint(s, jurisdiction));
  }
}

const pending = () => new DomainError('CHECKPOINT_PENDING', '该记录尚未纳入已签名的检查点，请稍后再试（检查点每隔 CHECKPOINT_INTERVAL_MS 签发）');

