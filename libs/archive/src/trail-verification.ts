import { ChainVerifier } from '@app/audit';
// The files, not the @app/persistence barrel: verification worker threads load only pg and these.
// eslint-disable-next-line architecture/boundaries -- the verification threads load only the reader, not the persistence barrel (TypeORM and every entity)
import type { SqlSession } from '../../persistence/src/sql/sql-session';
// eslint-disable-next-line architecture/boundaries -- the verification threads load only the reader, not the persistence barrel (TypeORM and every entity)
import { decisionHeads, LAST_ID, readTrail, type IdRange } from '../../persistence/src/repositories/trail.reader';

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
  const heads = new Map<string, { version: number; last_hash: string }>();
  for (const d of await decisionHeads(session, jurisdiction, range)) heads.set(d.id, d);
  let checked = 0;
  let chains = 0;
  let verifier: ChainVerifier | null = null;
  let last: { hash: string; seq: number } | null = null;
  const report = (firstBroken?: VerifyReport['firstBroken']): VerifyReport =>
    firstBroken ? { ok: false, checkedEvents: checked, checkedDecisions: chains, firstBroken } : { ok: true, checkedEvents: checked, checkedDecisions: chains };
  const closeChain = (): VerifyReport['firstBroken'] => {
    if (!verifier || !last) return undefined;
    const head = heads.get(verifier.decisionId);
    heads.delete(verifier.decisionId);
    chains++;
    if (!head || head.version !== last.seq || head.last_hash !== last.hash) {
      return { decisionId: verifier.decisionId, seq: last.seq, reason: 'the decision projection does not end at the last event of its chain' };
    }
    return undefined;
  };
  for await (const batch of readTrail(session, { jurisdiction, range }, 1000)) {
    for (const event of batch) {
      if (!verifier || verifier.decisionId !== event.decisionId) {
        const broken = closeChain();
        if (broken) return report(broken);
        verifier = new ChainVerifier(event.decisionId);
      }
      checked++;
      const broken = verifier.feed(event);
      if (broken) return report({ decisionId: event.decisionId, ...broken });
      last = { hash: event.hash, seq: event.seq };
    }
  }
  const broken = closeChain();
  if (broken) return report(broken);
  const [orphan] = heads.keys();
  return report(orphan ? { decisionId: orphan, seq: 1, reason: 'the decision has no events in the trail' } : undefined);
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
