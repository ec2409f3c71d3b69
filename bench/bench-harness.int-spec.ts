import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../test/utils/create-test-app';
import { tokensOf } from './lib/actors';
import { bareServerOptions, nodeLimitOf, REVISE_ONLY, validity } from './lib/bare';
import { freePort } from './lib/harness';
import { closeIdleSockets, expectStatus, request } from './lib/http';
import { runLevel } from './lib/load';
import { historyCost, pacedLevel, replayRate, verifyRate } from './lib/measure';
import { DEFAULT_MIX, Mix } from './lib/mix';
import { createPgbenchTables, dropPgbenchTables, jsonLiteral, pgbenchScript, runPgbench, sampleTransition } from './lib/pgbench';
import { judgeTargets, renderBench, updateSection, type BenchResults } from './lib/report';
import { withClient } from './lib/pg';
import { prng } from './lib/util';
import { ServerProcess } from './lib/server';
import { prepareDecisions, revise } from './lib/workload';
import { seedTrail } from './seed-trail';

// Smoke run of the bench harness on tiny numbers (the bench itself runs on demand: npm run bench):
// every building block once, so the harness cannot rot. Not a timed test: no figure is asserted.

jest.setTimeout(60_000);

describe('bench harness (smoke)', () => {
  const databaseUrl = process.env.DATABASE_URL!;
  const secret = process.env.JWT_SECRET!;
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    closeIdleSockets();
    await t.close();
  });

  it('loads the API with the mix through autocannon and reports the level', async () => {
    const tokens = tokensOf('county-smoke', secret);
    const ids = await prepareDecisions(baseUrl, tokens, 3, 2);
    expect(ids).toHaveLength(3);
    const mix = new Mix(ids, tokens, prng(1), DEFAULT_MIX, 1);
    const level = await runLevel({ baseUrl, mix, connections: 2, durationSec: 1 });
    expect(level).toEqual(
      expect.objectContaining({ connections: 2, tps: expect.any(Number), p50Ms: expect.any(Number), p99Ms: expect.any(Number), statusCounts: expect.any(Object), byKind: expect.any(Object) }),
    );
    expect(level.committed).toBeGreaterThan(0);
    expect(level.non2xx).toBe(0);
    const paced = await pacedLevel(baseUrl, mix, 20, 1, 4);
    expect(paced.achievedRate).toBeGreaterThan(0);
    expect(paced.dropped).toBe(0);
  });

  it('runs the bare node:http + pg reference server: it commits REVISE_DRAFT with the app\'s statement, on a chain the app verifies', async () => {
    const jurisdiction = 'county-smoke-bare';
    const tokens = tokensOf(jurisdiction, secret);
    const ids = await prepareDecisions(baseUrl, tokens, 2, 2);
    const bare = new ServerProcess({
      ...bareServerOptions(), port: await freePort(), databaseUrl, jwtSecret: secret, queuePrefix: 'unused', logFile: join(tmpdir(), `mde-bare-${process.pid}.log`),
    });
    await bare.start();
    try {
      const one = await request(bare.url, { method: 'POST', path: `/api/decisions/${ids[0]}/events`, token: tokens.drafter, body: revise(7) });
      expect(one.status).toBe(200);
      expect(one.body.event).toEqual({ seq: 5, type: 'REVISE_DRAFT', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      // refusals: a forged token, a body that is no REVISE_DRAFT, a decision of another jurisdiction
      expect((await request(bare.url, { method: 'POST', path: `/api/decisions/${ids[0]}/events`, token: tokensOf(jurisdiction, 'other-secret').drafter, body: revise(8) })).status).toBe(401);
      expect((await request(bare.url, { method: 'POST', path: `/api/decisions/${ids[0]}/events`, token: tokens.drafter, body: { type: 'PUBLISH' } })).status).toBe(400);
      expect((await request(bare.url, { method: 'POST', path: `/api/decisions/${ids[0]}/events`, token: tokensOf('county-elsewhere', secret).drafter, body: revise(9) })).status).toBe(404);
      const level = await runLevel({ baseUrl: bare.url, mix: new Mix(ids, tokens, prng(2), REVISE_ONLY, 0), connections: 2, durationSec: 1, serverPid: () => bare.pid });
      expect(level.committed).toBeGreaterThan(0);
      // the only refusal allowed: the bare server gives up with 409 after ten lost races on the same two decisions
      expect(Object.values(level.rejected).filter((r) => r.status !== 409)).toEqual([]);
      expect(level.cpuPerTransitionMs.server).toBeGreaterThanOrEqual(0);
      // the app takes the next event on the same decisions (its remembered rows are stale: decided again on the locked row)
      const after = await request(baseUrl, { method: 'POST', path: `/api/decisions/${ids[0]}/events`, token: tokens.drafter, body: revise(10) });
      expect(after.status).toBe(200);
      // Every chain verifies. The bare server runs no machine: its projection keeps the snapshot it found (the draft
      // in the context is not the one it appended), which verify's projection replay reports, and must.
      const verify = (await expectStatus(baseUrl, { path: '/api/audit/verify', token: tokens.auditor }, 200)).body;
      expect(verify).toMatchObject({ ok: false, checkedDecisions: 2, firstBroken: { reason: expect.stringMatching(/^PROJECTION_MISMATCH: .*snapshot\.context/) } });
      // 4 events each from preparing, one before the level, the level's (up to one answer per connection arrives after it ended), the app's
      expect(verify.checkedEvents - (2 * 4 + 1 + 1)).toBeGreaterThanOrEqual(level.committed);
      expect(verify.checkedEvents - (2 * 4 + 1 + 1)).toBeLessThanOrEqual(level.committed + 2);
    } finally {
      await bare.stop();
    }
  });

  it('seeds a valid hash chain that the app verifies and replays', async () => {
    const jurisdiction = 'county-smoke-seed';
    const seeded = await seedTrail({ databaseUrl, jurisdiction, decisions: 3, eventsPerDecision: 40, check: 40 });
    expect(seeded.events).toBe(120);
    const tokens = tokensOf(jurisdiction, secret);
    const verify = await verifyRate(baseUrl, tokens.auditor, 1);
    expect(verify).toEqual(expect.objectContaining({ ok: true, events: 120, decisions: 3 }));
    const replay = await replayRate(baseUrl, tokens.auditor, seeded.decisionIds[0], 1);
    expect(replay).toEqual(expect.objectContaining({ events: 40, verified: true }));
    // the seeded decisions take new events through the API like any other
    const history = await historyCost(baseUrl, tokens, { id: seeded.decisionIds[1], priorEvents: 40 }, { id: seeded.decisionIds[2], priorEvents: 40 }, 3, 1);
    expect(history.short.samples).toBe(3);
    expect(history.ratio).toBeGreaterThan(0);
    const again = await verifyRate(baseUrl, tokens.auditor, 1);
    expect(again).toEqual(expect.objectContaining({ ok: true, events: 128 }));
  });

  it('generates pgbench scripts of the app\'s one-statement shape and of the lock-first transaction, both of which pgbench runs', async () => {
    const sample = await sampleTransition(databaseUrl);
    const statement = pgbenchScript(sample, 5);
    expect(statement).toMatch(/^\\set k random\(1, 5\)\nWITH locked AS \(SELECT id, version, last_hash FROM pgb_decisions WHERE id = .* FOR UPDATE\)/);
    expect(statement.trim().split('\n')).toHaveLength(2); // one statement per transition
    expect([...new Set(statement.match(/(?<!:):[A-Za-z0-9_]+/g))]).toEqual([':k']);
    const transaction = pgbenchScript(sample, 5, 'transaction');
    expect(transaction).toMatch(/^\\set k random\(1, 5\)\nBEGIN;/);
    expect(transaction).toContain('FOR UPDATE OF d \\gset d_');
    expect(transaction).toContain('INSERT INTO pgb_events');
    expect(transaction).toContain('UPDATE pgb_decisions SET');
    // the only pgbench variables are the ones the script sets
    const variables = [...new Set(transaction.match(/(?<!:):[A-Za-z0-9_]+/g))].sort();
    expect(variables).toEqual([':d_last_hash', ':d_s_actor', ':d_s_payload', ':d_s_snapshot', ':d_s_state_after', ':d_s_state_before', ':d_s_state_value', ':d_s_view', ':d_version', ':k']);
    expect(JSON.parse(jsonLiteral('{"at":"2026-01-01T00:00:00Z","n":1}').slice(1, -1))).toEqual({ at: '2026-01-01T00:00:00Z', n: 1 });
    await createPgbenchTables(databaseUrl, sample, 5);
    try {
      let transactions = 0;
      for (const script of [statement, transaction]) {
        const result = await runPgbench(databaseUrl, script, 2, 1);
        expect(result.transactions).toBeGreaterThan(0);
        expect(result.failed).toBe(0);
        expect(result.p50Ms).toBeGreaterThan(0);
        transactions += result.transactions;
      }
      // every transition appended one event and moved its decision's version by one
      const [counts] = await withClient(databaseUrl, async (c) => (await c.query(`SELECT (SELECT count(*)::int FROM pgb_events) AS events, (SELECT sum(version - 4)::int FROM pgb_decisions) AS moved`)).rows);
      expect(counts).toEqual({ events: transactions, moved: transactions });
    } finally {
      await dropPgbenchTables(databaseUrl);
    }
  });

  it('renders BENCHMARKS.md with the ratio line and the judged targets', () => {
    const level = { connections: 1, durationS: 1, tps: 100, committed: 100, p50Ms: 5, p90Ms: 8, p99Ms: 12, maxMs: 20, non2xx: 0, errors: 0, timeouts: 0, statusCounts: { 200: 100 }, rejected: {}, byKind: {}, completedPaths: 0, cpuPerTransitionMs: { server: 1, postgres: 1, loadGenerator: 0.1 }, coresBusy: { server: 0.5, postgres: 0.2, loadGenerator: 0.1, other: 0 } };
    const partial: Omit<BenchResults, 'targets'> = {
      kind: 'mde-bench', version: 1, startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:10:00Z', durationS: 600, command: 'npm run bench', quick: true,
      machine: { nproc: 2, memoryGiB: 24, cpuModel: 'cpu', kernel: 'Linux', node: 'v20', postgres: '15', postgresSettings: {}, redis: '7', pgbench: '15', autocannon: '9', gitCommit: 'abc', gitUncommittedFiles: 0 },
      config: { logLevel: 'info', dbPoolSize: '20', durationSec: 1, warmupSec: 1, mixText: 'mix' },
      transitions: { preparedDecisions: 1, levels: [level], peak: { connections: 1, tps: 100 }, halfPeak: { targetRate: 50, achievedRate: 50, p50Ms: 4, p99Ms: 9, dropped: 0, statusCounts: {} } },
      pgbench: { decisions: 1, levels: [{ clients: 1, durationS: 1, tps: 400, transactions: 400, p50Ms: 1, p99Ms: 2, failed: 0 }], peak: { clients: 1, tps: 400 }, script: 'BEGIN;' },
      ratio: { peak: 0.25, byLevel: [{ connections: 1, app: 100, pgbench: 400, ratio: 0.25 }] },
      history: { short: { priorEvents: 10, samples: 3, p50Ms: 5, p99Ms: 6 }, long: { priorEvents: 10_000, samples: 3, p50Ms: 5.5, p99Ms: 7 }, ratio: 1.1 },
      replay: { events: 10_000, runsMs: [1000], medianMs: 1000, eventsPerSec: 10_000, verified: true },
      verify: { events: 1_000_000, decisions: 1000, seedMs: 1, seedEventsPerSec: 1, vacuumMs: 1, runsMs: [20_000], bestMs: 20_000, eventsPerSec: 50_000, ok: true },
      profiles: {},
      nodeLimit: nodeLimitOf([{ connections: 1, app: level, bare: { ...level, tps: 250, cpuPerTransitionMs: { server: 0.3, postgres: 1, loadGenerator: 0.1 } }, valid: true }]),
      validity: { 'half peak': validity({ quiet: false, busyCores: 1.4 }, 0), replay: validity({ quiet: true, busyCores: 0 }, 0.9), verify: validity({ quiet: true, busyCores: 0.1 }, 0.1) },
    };
    const targets = judgeTargets(partial);
    expect(targets.map((x) => [x.pass, x.valid ?? true])).toEqual([[false, true], [false, true], [true, false], [true, true], [false, false], [false, true]]);
    expect(targets[0].actual).toBe('0.40 (ratio to pgbench: 0.25)');
    expect(targets[1].actual).toBe('1 ms; REVISE_DRAFT only: 1 ms, bare node 0.3 ms');
    expect(targets[2].why).toBe('1.40 cores busy with other processes before it');
    expect(targets[4].why).toBe('0.90 cores busy with other processes while it ran');
    const text = renderBench({ ...partial, targets });
    expect(text).toContain('ratio to bare node: 0.40 · ratio to pgbench: 0.25');
    expect(text).toContain('| ≤ 25 ms | 9.0 ms | **invalid**: machine loaded (1.40 cores busy with other processes before it) |');
    const dir = mkdtempSync(join(tmpdir(), 'mde-bench-md-'));
    try {
      const file = join(dir, 'BENCHMARKS.md');
      updateSection('bench', text, file);
      updateSection('bench', text, file);
      const md = readFileSync(file, 'utf8');
      expect(md.match(/ratio to bare node: 0\.40 · ratio to pgbench: 0\.25/g)).toHaveLength(1);
      expect(md).toContain('<!-- faults:begin -->');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
