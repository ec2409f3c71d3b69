import { tokensOf, type RoleName } from '../lib/actors';
import { runClosedLoop, type DriverStats, type Outcome } from '../lib/driver';
import type { Environment } from '../lib/harness';
import { expectStatus, request } from '../lib/http';
import { withClient } from '../lib/pg';
import type { ServerProcess } from '../lib/server';
import { nowMs } from '../lib/util';
import { revise } from '../lib/workload';

export const DRILL_JURISDICTION = 'county-drill';

/** What a drill reports. */
export interface DrillResult {
  name: string;
  pass: boolean;
  /** one line per check: "ok …" or "FAIL …" */
  checks: string[];
  figures: Record<string, unknown>;
}

export function check(checks: string[], ok: boolean, text: string): boolean {
  checks.push(`${ok ? 'ok' : 'FAIL'}: ${text}`);
  return ok;
}

/** Every transition the API acknowledged with a 2xx: (decision, seq, hash). */
export class AckLog {
  readonly acks: { decisionId: string; seq: number; hash: string }[] = [];
  unknown = 0; // network errors: the outcome is unknown (committed or not), never acknowledged

  record(o: Outcome, decisionId: string): void {
    if (o.status === 200 && o.body?.event) this.acks.push({ decisionId, seq: o.body.event.seq, hash: o.body.event.hash });
    else if (o.status === 201 && o.body?.id) this.acks.push({ decisionId: o.body.id, seq: 1, hash: o.body.lastHash });
    else if (o.status === 0) this.unknown++;
  }
}

/** Closed-loop REVISE_DRAFT traffic on `ids` that records every acknowledgement, until `stop()` (bounded anyway). */
export function backgroundLoad(server: () => ServerProcess, tokens: Record<RoleName, string>, ids: string[], acks: AckLog, concurrency = 8, maxMs = 120_000) {
  let stopped = false;
  let n = 0;
  const targets = new Map<object, string>();
  const byStatusOverTime: { t: number; status: number }[] = [];
  const t0 = nowMs();
  const done: Promise<DriverStats> = runClosedLoop({
    baseUrl: 'http://placeholder.invalid',
    concurrency,
    durationMs: maxMs,
    maxRequests: 200_000,
    timeoutMs: 10_000,
    errorBackoffMs: 50,
    next: () => {
      if (stopped) return null;
      const id = ids[n++ % ids.length];
      const job = { method: 'POST', path: `${server().url}/api/decisions/${id}/events`, token: tokens.drafter, body: revise(n) };
      targets.set(job, id);
      return job;
    },
    onResult: (o) => {
      acks.record(o, targets.get(o.job)!);
      targets.delete(o.job);
      byStatusOverTime.push({ t: nowMs() - t0, status: o.status });
    },
  });
  return {
    stop: async () => {
      stopped = true;
      return done;
    },
    byStatusOverTime,
  };
}

/** Decisions in drafting with a draft (create, accept, revise), through the API. */
export async function draftingDecisions(baseUrl: string, tokens: Record<RoleName, string>, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await expectStatus(baseUrl, { method: 'POST', path: '/api/decisions', token: tokens.drafter, body: { title: `演练决策 ${i}`, category: 'PUBLIC_POLICY' } }, 201);
    const id: string = created.body.id;
    await expectStatus(baseUrl, { method: 'POST', path: `/api/decisions/${id}/events`, token: tokens.secretary, body: { type: 'ACCEPT_PROPOSAL', undertakingUnit: 'agri-bureau' } }, 200);
    await expectStatus(baseUrl, { method: 'POST', path: `/api/decisions/${id}/events`, token: tokens.drafter, body: revise(i) }, 200);
    ids.push(id);
  }
  return ids;
}

/**
 * After a fault: the whole jurisdiction verifies (every chain intact and every
 * projection at the last event of its chain: no partial transition), a sample
 * of decisions replays, and every acknowledged event is in the trail with the
 * acknowledged hash.
 */
export async function checkIntegrity(env: Environment, server: ServerProcess, tokens: Record<RoleName, string>, acks: AckLog, checks: string[]): Promise<{ ok: boolean; figures: Record<string, unknown> }> {
  let ok = true;
  const verify = await expectStatus(server.url, { path: '/api/audit/verify', token: tokens.auditor, timeoutMs: 120_000 }, 200);
  ok = check(checks, verify.body.ok === true, `GET /api/audit/verify ok=${verify.body.ok} over ${verify.body.checkedEvents} events / ${verify.body.checkedDecisions} decisions${verify.body.firstBroken ? ` first broken ${JSON.stringify(verify.body.firstBroken)}` : ''}`) && ok;
  const decisions = [...new Set(acks.acks.map((a) => a.decisionId))];
  const stored = await withClient(env.databaseUrl, async (c) => {
    const { rows } = await c.query(`SELECT decision_id, seq, hash FROM decision_events WHERE decision_id = ANY($1::uuid[])`, [decisions]);
    return new Map(rows.map((r: { decision_id: string; seq: number; hash: string }) => [`${r.decision_id}:${r.seq}`, r.hash]));
  });
  const missing = acks.acks.filter((a) => stored.get(`${a.decisionId}:${a.seq}`) !== a.hash);
  ok = check(checks, missing.length === 0, `${acks.acks.length} acknowledged transitions, ${missing.length} missing or different in the trail${missing.length ? ` e.g. ${JSON.stringify(missing.slice(0, 3))}` : ''}`) && ok;
  let replayed = 0;
  let notVerified = 0;
  for (const id of decisions.slice(0, 25)) {
    const r = await request(server.url, { path: `/api/decisions/${id}/replay`, token: tokens.auditor, timeoutMs: 60_000 });
    replayed++;
    if (r.status !== 200 || r.body.verified !== true) notVerified++;
  }
  ok = check(checks, notVerified === 0, `replay of ${replayed} touched decisions: ${notVerified} not verified`) && ok;
  return { ok, figures: { verifiedEvents: verify.body.checkedEvents, acknowledged: acks.acks.length, unknownOutcome: acks.unknown, missing: missing.length } };
}

export const drillTokens = (env: Environment) => tokensOf(DRILL_JURISDICTION, env.jwtSecret);
