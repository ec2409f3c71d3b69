import {
  CRYPTO_PROFILES, formatVerifierKey, isHashAlgorithm, MerkleFrontier, merkleHasher, signCheckpoint, signKeyLogEntry, trailLeafHash, verifierKeyOf, type HashAlgorithm, type MerkleNode,
} from '@app/audit';
import { Clock, DomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  appendKeyLog, insertCheckpoint, insertLeaves, insertNodes, jurisdictionsWithPendingLeaves, keyLog, latestCheckpoint, lockJurisdictionTree, pendingLeaves, SqlTransactions,
  type CheckpointRow, type SqlTransaction,
} from '@app/persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { setImmediate } from 'node:timers/promises';
import { CheckpointSigners } from './signing-keys';
import { STORED_LEVEL } from './stored-subtrees';

/** Most leaves one checkpoint appends (a backlog is signed in several). */
const MAX_LEAVES_PER_CHECKPOINT = 100_000;
/** Leaves hashed between two turns of the event loop (a few milliseconds of work). */
const LEAVES_PER_SLICE = 2_000;

/**
 * The writer of each jurisdiction's tree: appends the events not yet in it (in a fixed order,
 * under a per-jurisdiction advisory lock, so a leaf is never placed before one already signed)
 * and signs a checkpoint of the new size in the same transaction; records the signing key in the
 * jurisdiction's key log first (its first key, or a handover signed by the old and the new key).
 */
@Injectable()
export class CheckpointLog {
  private readonly logger = new Logger(CheckpointLog.name);

  constructor(
    private readonly sql: SqlTransactions,
    private readonly signers: CheckpointSigners,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The origin of a jurisdiction's tree: `<CHECKPOINT_ORIGIN>/<jurisdiction>`. */
  origin(jurisdiction: string): string {
    if (/[\s+]/u.test(jurisdiction) || jurisdiction.length === 0) throw DomainError.validation('辖区代码不能用作检查点来源');
    return `${this.config.checkpoints.origin}/${jurisdiction}`;
  }

  /** Signs a checkpoint of every jurisdiction whose trail grew; returns the checkpoints made. */
  async checkpointAll(): Promise<CheckpointRow[]> {
    const made: CheckpointRow[] = [];
    const jurisdictions = await this.sql.run((tx) => jurisdictionsWithPendingLeaves(tx));
    for (const j of jurisdictions) {
      try {
        for (let c = await this.checkpoint(j); c; c = await this.checkpoint(j)) made.push(c);
      } catch (err) {
        this.logger.error(`checkpoint of ${j} failed: ${(err as Error).message}`);
      }
    }
    return made;
  }

  /**
   * Appends the jurisdiction's new events and signs a checkpoint; undefined when nothing changed.
   * `onlyWithLoggedKey` (a checkpoint asked for by an API process, e.g. for a dossier): sign only
   * when this process holds the key the key log names (or the log is empty), never rotate from here.
   * API and worker processes share the key (one DATA_DIR, or CHECKPOINT_SIGNING_KEY).
   */
  async checkpoint(jurisdiction: string, options: { onlyWithLoggedKey?: boolean } = {}): Promise<CheckpointRow | undefined> {
    const origin = this.origin(jurisdiction);
    return this.sql.run(async (tx) => {
      await lockJurisdictionTree(tx, jurisdiction);
      const latest = await latestCheckpoint(tx, jurisdiction);
      const now = this.clock.now();
      if (options.onlyWithLoggedKey) {
        const last = (await keyLog(tx, jurisdiction)).at(-1);
        if (last && last.vkey !== formatVerifierKey(verifierKeyOf(this.signers.current()))) return undefined;
      }
      await this.recordKey(tx, jurisdiction, latest ? Number(latest.tree_size) : 0, now);
      const pending = await pendingLeaves(tx, jurisdiction, MAX_LEAVES_PER_CHECKPOINT);
      if (pending.length === 0) return undefined;
      const alg: HashAlgorithm = latest && isHashAlgorithm(latest.hash_alg) ? latest.hash_alg : CRYPTO_PROFILES[this.config.cryptoProfile].hash;
      const frontier = latest ? MerkleFrontier.restore(merkleHasher(alg), latest.frontier) : new MerkleFrontier(merkleHasher(alg));
      if (latest && frontier.size !== Number(latest.tree_size)) throw new Error(`the frontier of ${jurisdiction}'s last checkpoint does not match its size`);
      const from = frontier.size;
      const nodes: MerkleNode[] = [];
      // a backlog of up to MAX_LEAVES_PER_CHECKPOINT leaves is hashed in slices, the event loop served between them
      // (in MODE=all the API shares this thread: one 100,000-leaf loop held requests for up to a second)
      for (let i = 0; i < pending.length; i++) {
        if (i > 0 && i % LEAVES_PER_SLICE === 0) await setImmediate();
        frontier.append(trailLeafHash(frontier.hasher, pending[i]), (n) => n.level >= STORED_LEVEL && nodes.push(n));
      }
      await insertLeaves(tx, jurisdiction, from, pending);
      await insertNodes(tx, jurisdiction, nodes);
      const signer = this.signers.current();
      const root = Buffer.from(frontier.root()).toString('base64');
      const note = await signCheckpoint({ origin, size: frontier.size, root: frontier.root(), hash: alg, time: now.toISOString() }, [signer]);
      return insertCheckpoint(tx, {
        jurisdiction, origin, size: frontier.size, root, hashAlg: alg, signedAt: now,
        keyId: verifierKeyOf(signer).keyId.toString(16).padStart(8, '0'), note, frontier: frontier.state(),
      });
    });
  }

  /** The key log of the jurisdiction names the current key: its first entry, or a handover from the key before. */
  private async recordKey(tx: SqlTransaction, jurisdiction: string, size: number, at: Date): Promise<void> {
    const signer = this.signers.current();
    const key = verifierKeyOf(signer);
    const vkey = formatVerifierKey(key);
    const last = (await keyLog(tx, jurisdiction)).at(-1);
    if (last?.vkey === vkey) return;
    let old;
    if (last) {
      old = this.signers.retired(last.vkey);
      if (!old) throw new Error(`the checkpoint key of ${jurisdiction} changed, but the old key (${last.vkey}) is not available to hand over: put it in checkpoint-keys/retired/`);
    }
    const origin = this.origin(jurisdiction);
    const note = await signKeyLogEntry({ origin, size: last ? size : 0, time: at.toISOString() }, { ...(old ? { old } : {}), new: signer });
    await appendKeyLog(tx, { jurisdiction, keyId: key.keyId.toString(16).padStart(8, '0'), vkey, size: last ? size : 0, note, at });
    this.logger.log(last ? `checkpoint key of ${jurisdiction} rotated to ${vkey} at size ${size}` : `checkpoint key of ${jurisdiction}: ${vkey}`);
  }
}
