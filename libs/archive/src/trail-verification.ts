import { ChainVerifier } from '@app/audit';
// The files, not the @app/persistence barrel: verification worker threads load only pg and these.
// eslint-disable-next-line architecture/boundaries -- the verification threads load only the reader, not the persistence barrel (TypeORM and every entity)
import type { SqlSession } from '../../persistence/src/sql/sql-session';
// eslint-disable-next-line architecture/boundaries -- the verification threads load only the reader, not the persistence barrel (TypeORM and every entity)
import { decisionHeads, LAST_ID, readTrail, type IdRange, type TrailEntry } from '../../persistence/src/repositories/trail.reader';

export interface VerifyReport {
  ok: boolean;
  checkedEvents: number;
  checkedDecisions: number;
  /** decision projections compared with a replay of their trail (absent when a chain broke first) */
  checkedProjections?: number;
  /** catalogues whose chain and projection were checked (absent when a decision broke first) */
  checkedCatalogues?: number;
  /** `catalogueId` when the break is in a catalogue (decisionId then carries the catalogue's id too) */
  firstBroken?: { decisionId: string; seq: number; reason: string; catalogueId?: string };
}

/**
 * Verify every chain of a jurisdiction's decisions in one id range, streaming
 * the trail (memory stays flat however long it is): seq without gaps, each
 * prev_hash and hash, and each decision's projection pointing at the last
 * event of its chain. Stops at the first break, in (decision id, seq) order.
 */
export async function verifyChains(session: SqlSession, jurisdiction: string, range: IdRange): Promise<VerifyReport> {
  const check = new ChainCheck(await decisionHeads(session, jurisdiction, range));
  for await (const batch of readTrail(session, { jurisdiction, range }, 1000)) {
    for (const event of batch) if (check.feed(event)) return check.report();
  }
  return check.finish();
}

/**
 * verifyChains' check, fed the events of an id range in (decision id, seq) order (by it, or by a
 * pass that checks more on the same events): `feed` returns true once a chain broke (feed no more).
 */
export class ChainCheck {
  private readonly heads = new Map<string, { version: number; last_hash: string }>();
  private checked = 0;
  private chains = 0;
  private verifier: ChainVerifier | null = null;
  private lastSeq = 0;
  private lastHash = '';
  private broken: VerifyReport['firstBroken'];

  constructor(heads: readonly { id: string; version: number; last_hash: string }[]) {
    for (const d of heads) this.heads.set(d.id, d);
  }

  feed(event: TrailEntry): boolean {
    if (!this.verifier || this.verifier.decisionId !== event.decisionId) {
      if ((this.broken = this.closeChain())) return true;
      this.verifier = new ChainVerifier(event.decisionId);
    }
    this.checked++;
    const broken = this.verifier.feed(event);
    if (broken) {
      this.broken = { decisionId: event.decisionId, ...broken };
      return true;
    }
    this.lastSeq = event.seq;
    this.lastHash = event.hash;
    return false;
  }

  /** After the last event: the last chain's head, then a decision without events. */
  finish(): VerifyReport {
    if (!this.broken) this.broken = this.closeChain();
    if (!this.broken) {
      const [orphan] = this.heads.keys();
      if (orphan) this.broken = { decisionId: orphan, seq: 1, reason: 'the decision has no events in the trail' };
    }
    return this.report();
  }

  report(): VerifyReport {
    const counts = { checkedEvents: this.checked, checkedDecisions: this.chains };
    return this.broken ? { ok: false, ...counts, firstBroken: this.broken } : { ok: true, ...counts };
  }

  private closeChain(): VerifyReport['firstBroken'] {
    const verifier = this.verifier;
    if (!verifier || verifier.checked === 0) return undefined;
    const head = this.heads.get(verifier.decisionId);
    this.heads.delete(verifier.decisionId);
    this.chains++;
    if (!head || head.version !== this.lastSeq || head.last_hash !== this.lastHash) {
      return { decisionId: verifier.decisionId, seq: this.lastSeq, reason: 'the decision projection does not end at the last event of its chain' };
    }
    return undefined;
  }
}

/**
 * Contiguous id ranges with about the same number of events each (a decision's
 * version is its event count), at most `parts` of them; together they cover every id.
 */
export function splitByEvents(decisions: { id: string; version: number }[], parts: number): IdRange[] {
  const total = decisions.reduce((sum, d) => sum + d.version, 0);
  const ranges: IdRange[] = [];
  let after: string | null = null;
  let acc = 0;
  for (let i = 0; i < decisions.length - 1 && ranges.length < parts - 1; i++) {
    acc += decisions[i].version;
    if (acc >= (total * (ranges.length + 1)) / parts) {
      ranges.push({ after, upTo: decisions[i].id });
      after = decisions[i].id;
    }
  }
  ranges.push({ after, upTo: LAST_ID });
  return ranges;
}

/**
 * One report from the reports of consecutive ranges, as a single pass over
 * them in order would have given: the first range with a break decides, and
 * counts include only what that pass would have checked.
 */
export function mergeReports(reports: VerifyReport[]): VerifyReport {
  let checkedEvents = 0;
  let checkedDecisions = 0;
  for (const r of reports) {
    checkedEvents += r.checkedEvents;
    checkedDecisions += r.checkedDecisions;
    // A missing trail is found only after every chain was checked, as in one pass.
    if (!r.ok && r.firstBroken?.reason !== 'the decision has no events in the trail') return { ok: false, checkedEvents, checkedDecisions, firstBroken: r.firstBroken };
  }
  const orphan = reports.find((r) => !r.ok);
  return orphan ? { ok: false, checkedEvents, checkedDecisions, firstBroken: orphan.firstBroken } : { ok: true, checkedEvents, checkedDecisions };
}
