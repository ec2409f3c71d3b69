import { canonicalJson, sha256Hex } from '@app/audit';
import { canSee, Clock, DomainError } from '@app/common';
import { DecisionRepository, IdempotencyRepository, SqlTransactions, type DecisionRow, type SqlTransaction } from '@app/persistence';
import type { Actor } from '@app/procedure';
import { Injectable } from '@nestjs/common';

/** One request through the gate: on a decision (locked first), or registering a new one. */
export interface GatedRequest {
  /** the decision the request changes; absent when it registers a new decision */
  decisionId?: string;
  /** the caller's Idempotency-Key, if any */
  key?: string;
  request: { type: string; payload: unknown };
  actor: Actor;
  /** the HTTP status of a first answer, replayed with it */
  statusCode: number;
}

/**
 * The transaction of a locked write, at most once per Idempotency-Key: the decision's row is
 * locked with BEGIN (and must exist and be visible: 404 otherwise), then a repeat of the same
 * request returns the first answer (recording nothing), the same key with another request is
 * refused (409 IDEMPOTENCY_KEY_REUSED), and a new request runs `work` and stores its answer in
 * the same transaction. Keys are per caller: nobody reads another user's answer by reusing a key.
 */
@Injectable()
export class IdempotencyGate {
  constructor(
    private readonly sql: SqlTransactions,
    private readonly decisions: DecisionRepository,
    private readonly keys: IdempotencyRepository,
    private readonly clock: Clock,
  ) {}

  async once<R, A>(req: GatedRequest, work: (tx: SqlTransaction, locked: DecisionRow | undefined) => Promise<R>, answer: (recorded: R) => A): Promise<{ answer: A; recorded?: R }> {
    const { decisionId, actor } = req;
    const scope = decisionId ?? `create:${actor.jurisdiction}`;
    const callerKey = req.key && `${actor.jurisdiction}:${actor.sub}:${req.key}`;
    // Only a keyed request is compared with a stored one (hashing a large draft costs).
    const requestHash = callerKey ? sha256Hex(canonicalJson(req.request)) : '';
    const lock = decisionId === undefined ? undefined : this.decisions.lockStatement(decisionId);
    if (decisionId !== undefined && !lock) throw DomainError.notFound('decision');
    return this.sql.run(async (tx, locked: DecisionRow[]) => {
      const row = locked[0];
      if (decisionId !== undefined && (!row || !canSee(row, actor))) throw DomainError.notFound('decision');
      if (callerKey) {
        // A registration has no row to lock: concurrent repeats of one key serialise on the key itself.
        if (decisionId === undefined) await this.keys.lockKey(tx, `${scope}:${callerKey}`);
        const stored = await this.keys.find(tx, scope, callerKey);
        if (stored) {
          if (stored.requestHash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一请求');
          return { answer: stored.response as A };
        }
      }
      const recorded = await work(tx, row);
      const first = answer(recorded);
      if (callerKey) await this.keys.save(tx, scope, callerKey, { requestHash, statusCode: req.statusCode, response: first }, this.clock.now());
      return { answer: first, recorded };
    }, lock);
  }
}
