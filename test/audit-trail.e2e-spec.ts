import { createHash } from 'node:crypto';
import { TrailQueryService } from '@app/archive';
import type { ActorClaimsInput } from '../apps/api/src/auth/actor-token';
import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';
import { expectError } from './utils/trail-assertions';

// The audit trail as an outside auditor and an attacker with database access see it.
// Tampering breaks the verification of the whole jurisdiction, so every scenario that
// tampers uses a jurisdiction of its own.

/** The slice of node-postgres this test needs (the package ships no types here). */
interface PgClient {
  connect(): Promise<void>;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
  end(): Promise<void>;
}
 
const { Client } = require('pg') as { Client: new (config: { connectionString: string }) => PgClient };

interface HistoryEntry {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: { sub: string; name: string; roles: string[]; unit: string; jurisdiction?: string };
  occurredAt: string;
  stateBefore: unknown;
  stateAfter: unknown;
  machine: { id: string; version: number };
  profile: { id: string; version: number };
  prevHash: string;
  hash: string;
  alg?: string;
  calendar?: string;
  warnings?: { code: string; message: string }[];
}

// ---- The outside auditor's recipe, written from the documentation alone (no import of libs/audit). ----

/** Canonical JSON: keys sorted (UTF-16 code units), no whitespace, JSON.stringify scalars. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(',')}}`;
}

/** The entry's own hash algorithm (absent: SHA-256) over the canonical JSON of the covered fields of one history entry. */
function outsideHash(decisionId: string, e: HistoryEntry): string {
  const covered = {
    alg: e.alg,
    calendar: e.calendar,
    warnings: e.warnings,
    decisionId,
    seq: e.seq,
    type: e.type,
    payload: e.payload,
    actor: e.actor,
    occurredAt: e.occurredAt,
    stateBefore: e.stateBefore,
    stateAfter: e.stateAfter,
    machine: e.machine,
    profile: e.profile,
    prevHash: e.prevHash,
  };
  return createHash(e.alg ?? 'sha256').update(canonical(covered), 'utf8').digest('hex');
}

describe('Audit trail: append-only, hash-chained, verifiable from outside', () => {
  let t: TestApp;
  let db: PgClient;

  beforeAll(async () => {
    t = await createTestApp();
    db = new Client({ connectionString: process.env.DATABASE_URL! });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const history = async (id: string, reader: ActorClaimsInput): Promise<HistoryEntry[]> => {
    const res = await t.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(reader));
    expect(res.status).toBe(200);
    return res.body.events;
  };
  const verify = (reader: ActorClaimsInput) => t.http.get('/api/audit/verify').set('Authorization', bearer(reader));
  const replay = (id: string, reader: ActorClaimsInput, query = '') => t.http.get(`/api/decisions/${id}/replay${query}`).set('Authorization', bearer(reader));

  describe('what the history records', () => {
    const who = people('county-audit');
    let flow: DecisionFlow;
    let id: string;
    let events: HistoryEntry[];

    beforeAll(async () => {
      flow = new DecisionFlow(t, who);
      id = await flow.create();
      await flow.toReviewed(id);
      events = await history(id, who.auditor);
    });

    it('carries actor, time, states, machine, profile and the chain on every entry', async () => {
      expect(events.length).toBeGreaterThanOrEqual(14);
      const people = Object.values(who);
      events.forEach((e, i) => {
        expect(e.seq).toBe(i + 1);
        expect(typeof e.type).toBe('string');
        expect(e.payload).toEqual(expect.any(Object));
        expect(e.actor).toEqual(expect.objectContaining({ sub: expect.any(String), name: expect.any(String), roles: expect.any(Array), unit: expect.any(String) }));
        const person = people.find((p) => p.sub === e.actor.sub)!;
        expect(person).toBeDefined();
        expect(e.actor).toMatchObject({ sub: person.sub, name: person.sub, roles: person.roles, unit: person.unit });
        expect(e.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        if (i > 0) expect(Date.parse(e.occurredAt)).toBeGreaterThanOrEqual(Date.parse(events[i - 1].occurredAt));
        expect(e.stateBefore).toEqual(i === 0 ? null : events[i - 1].stateAfter);
        expect(e.stateAfter).toBeDefined();
        expect(e.machine).toEqual({ id: 'major-decision', version: 2 });
        expect(e.profile).toEqual({ id: 'national', version: 2 });
        expect(e.prevHash).toBe(i === 0 ? '0'.repeat(64) : events[i - 1].hash);
        expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      });
      expect(events[0]).toMatchObject({ type: 'CREATE_DECISION', stateBefore: null, stateAfter: 'proposed', actor: { sub: 'drafter-1', roles: ['drafter'] } });
      expect(events[1]).toMatchObject({ type: 'ACCEPT_PROPOSAL', stateBefore: 'proposed', actor: { sub: 'secretary-1', unit: 'general-office' } });
      const opinion = events[events.length - 1];
      expect(opinion).toMatchObject({ type: 'ISSUE_LEGALITY_OPINION', stateBefore: 'legalityReview', actor: { sub: 'reviewer-1', roles: ['legal_reviewer'], unit: 'justice-bureau' } });
      // the engine records the draft's content hash on the draft event
      const draft = events.find((e) => e.type === 'REVISE_DRAFT')!;
      expect(draft.payload.contentHash).toBe(createHash('sha256').update(String(draft.payload.text), 'utf8').digest('hex'));
    });

    it("reproduces every recorded hash with the outside auditor's recipe (canonical JSON + SHA-256)", async () => {
      for (const e of events) expect({ seq: e.seq, hash: outsideHash(id, e) }).toEqual({ seq: e.seq, hash: e.hash });
      const decision = await flow.get(id, who.auditor);
      expect(decision.body.lastHash).toBe(events[events.length - 1].hash);
      expect(decision.body.version).toBe(events.length);
    });

    it('replays to the recorded states, to the end and to any seq', async () => {
      const full = await replay(id, who.auditor);
      expect(full.body).toMatchObject({ verified: true, mismatches: [], appliedEvents: events.length, status: 'drafting' });
      const partial = await replay(id, who.auditor, '?toSeq=3');
      expect(partial.body).toMatchObject({ verified: true, appliedEvents: 3, stateValue: events[2].stateAfter });
    });
  });

  describe('the database refuses to rewrite the trail', () => {
    const who = people('county-audit-db');
    let id: string;

    beforeAll(async () => {
      const flow = new DecisionFlow(t, who);
      id = await flow.create();
      await flow.ok(id, who.secretary, lawful.accept);
      await flow.ok(id, who.drafter, lawful.draft());
    });

    // Each attempt runs in a transaction that is rolled back, so a missing trigger could not destroy other tests' data.
    async function attempt(sql: string, params: unknown[] = []): Promise<{ message: string; code: string }> {
      await db.query('BEGIN');
      try {
        await db.query(sql, params);
        return { message: 'accepted', code: '' };
      } catch (error) {
        return { message: (error as Error).message, code: (error as { code: string }).code };
      } finally {
        await db.query('ROLLBACK');
      }
    }

    it.each([
      ['UPDATE', `UPDATE decision_events SET payload = '{"text":"篡改"}'::jsonb WHERE decision_id = $1 AND seq = 3`],
      ['UPDATE', `UPDATE decision_events SET hash = prev_hash WHERE decision_id = $1`],
      ['DELETE', `DELETE FROM decision_events WHERE decision_id = $1 AND seq = 3`],
      ['DELETE', `DELETE FROM decision_events WHERE decision_id = $1`],
    ])('refuses %s (%s)', async (op, sql) => {
      const refused = await attempt(sql, [id]);
      expect(refused.message).toMatch(/append-only/);
      expect(refused.message).toContain(op);
      expect(refused.code).toBe('42501');
    });

    it('refuses TRUNCATE', async () => {
      for (const sql of ['TRUNCATE decision_events', 'TRUNCATE decision_events CASCADE']) {
        const refused = await attempt(sql);
        expect(refused.message).toMatch(/append-only/);
        expect(refused.message).toContain('TRUNCATE');
      }
    });

    it('leaves the trail intact and verified after the refused attempts', async () => {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM decision_events WHERE decision_id = $1', [id]);
      expect(rows[0].n).toBe(3);
      expect((await verify(who.auditor)).body).toMatchObject({ ok: true, checkedEvents: 3 });
      expect((await replay(id, who.auditor)).body).toMatchObject({ verified: true, mismatches: [] });
    });
  });

  describe('a superuser who tampers with a payload is found out', () => {
    const who = people('county-tamper');
    const bystander = people('county-tamper-bystander');
    let id: string;
    let untouched: string;

    beforeAll(async () => {
      const flow = new DecisionFlow(t, who);
      id = await flow.create();
      await flow.ok(id, who.secretary, lawful.accept);
      await flow.ok(id, who.drafter, lawful.draft('原始草案'));
      await flow.ok(id, who.drafter, lawful.experts);
      untouched = await flow.create({ title: '未被篡改的决策' });
      await new DecisionFlow(t, bystander).create();
      expect((await verify(who.auditor)).body).toMatchObject({ ok: true, checkedEvents: 5 });

      await db.query('BEGIN');
      try {
        await db.query('ALTER TABLE decision_events DISABLE TRIGGER decision_events_no_update_delete');
        const res = await db.query(`UPDATE decision_events SET payload = jsonb_set(payload, '{text}', '"篡改后的草案"') WHERE decision_id = $1 AND seq = 3`, [id]);
        expect(res.rowCount).toBe(1);
        await db.query('ALTER TABLE decision_events ENABLE TRIGGER decision_events_no_update_delete');
        await db.query('COMMIT');
      } catch (error) {
        await db.query('ROLLBACK');
        throw error;
      }
    });

    it('the trigger is back on after the tampering', async () => {
      const { rows } = await db.query<{ tgenabled: string }>(`SELECT tgenabled FROM pg_trigger WHERE tgname = 'decision_events_no_update_delete'`);
      expect(rows).toEqual([{ tgenabled: 'O' }]);
    });

    it('GET /api/audit/verify reports the first broken event of the jurisdiction', async () => {
      const res = await verify(who.auditor);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: false, firstBroken: { decisionId: id, seq: 3, reason: expect.any(String) } });
      expect(res.body.firstBroken.reason).toMatch(/hash/i);
      const asAdmin = await verify(who.admin);
      expect(asAdmin.body).toMatchObject({ ok: false, firstBroken: { decisionId: id, seq: 3 } });
    });

    it('GET /replay reports the decision unverified with a mismatch at seq 3; events before it still verify', async () => {
      const res = await replay(id, who.auditor);
      expect(res.status).toBe(200);
      expect(res.body.verified).toBe(false);
      expect(res.body.mismatches[0]).toMatchObject({ seq: 3, reason: expect.stringMatching(/hash/i) });
      const before = await replay(id, who.auditor, '?toSeq=2');
      expect(before.body).toMatchObject({ verified: true, mismatches: [], appliedEvents: 2 });
      const other = await replay(untouched, who.auditor);
      expect(other.body).toMatchObject({ verified: true, mismatches: [] });
    });

    // Regression: the chain verifier once reported a false sequence gap after an altered entry.
    it('names only the altered entry: no false sequence gap reported after it', async () => {
      const res = await replay(id, who.auditor);
      expect(res.body.mismatches).toEqual([{ seq: 3, reason: expect.stringMatching(/hash/i) }]);
    });

    it('reports the same whether the chain is checked on the replaying thread or in the chain-check thread beside it', async () => {
      const service = t.app.get(TrailQueryService);
      const from = service.chainThreadFrom;
      const bodies = async () => Promise.all([replay(id, who.auditor), replay(id, who.auditor, '?toSeq=2'), replay(untouched, who.auditor)].map(async (r) => (await r).body));
      try {
        service.chainThreadFrom = Number.POSITIVE_INFINITY;
        const inline = await bodies();
        service.chainThreadFrom = 1;
        const threaded = await bodies();
        expect(threaded).toEqual(inline);
        expect(threaded[0].mismatches).toEqual([{ seq: 3, reason: expect.stringMatching(/hash/i) }]);
      } finally {
        service.chainThreadFrom = from;
      }
    });

    it("the outside auditor's recipe finds the same entry", async () => {
      const events = await history(id, who.auditor);
      expect(events[2].payload.text).toBe('篡改后的草案');
      const broken = events.filter((e) => outsideHash(id, e) !== e.hash).map((e) => e.seq);
      expect(broken).toEqual([3]);
    });

    it('an auditor of another jurisdiction still sees ok:true', async () => {
      const res = await verify(bystander.auditor);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: true, checkedEvents: 1 });
      expect(res.body.firstBroken).toBeUndefined();
    });

    it('only auditors and admins may verify: 403 FORBIDDEN_ROLE for the others', async () => {
      for (const role of ['drafter', 'secretary', 'head', 'reviewer', 'executor'] as const) {
        expectError(await verify(who[role]), 403, 'FORBIDDEN_ROLE');
      }
    });
  });

  describe('an event appended behind the engine\'s back is found out, even when perfectly chained', () => {
    // An INSERT-only database role (DB_APP_ROLE) may still append: the projection head check catches it.
    const who = people('county-forged');

    it('verify and replay both refuse the forged tail', async () => {
      const flow = new DecisionFlow(t, who);
      const id = await flow.create();
      await flow.ok(id, who.secretary, lawful.accept);
      await flow.ok(id, who.drafter, lawful.draft());
      const events = await history(id, who.auditor);
      const last = events[events.length - 1];
      const forged: HistoryEntry = {
        ...last,
        seq: last.seq + 1,
        payload: { ...last.payload, text: '伪造的草案', changeSummary: '伪造' },
        stateBefore: last.stateAfter,
        prevHash: last.hash,
        hash: '',
      };
      forged.payload.contentHash = createHash('sha256').update('伪造的草案', 'utf8').digest('hex');
      forged.hash = outsideHash(id, forged);
      await db.query(
        `INSERT INTO decision_events (decision_id, seq, jurisdiction, type, payload, actor, occurred_at, state_before, state_after,
           machine_id, machine_version, profile_id, profile_version, prev_hash, hash)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
        [id, forged.seq, 'county-forged', forged.type, JSON.stringify(forged.payload), JSON.stringify(forged.actor), forged.occurredAt,
          JSON.stringify(forged.stateBefore), JSON.stringify(forged.stateAfter), forged.machine.id, forged.machine.version,
          forged.profile.id, forged.profile.version, forged.prevHash, forged.hash],
      );
      const v = await verify(who.auditor);
      expect(v.body).toMatchObject({ ok: false, firstBroken: { decisionId: id, seq: forged.seq } });
      const r = await replay(id, who.auditor);
      expect(r.body.verified).toBe(false);
      expect(r.body.mismatches).toEqual(expect.arrayContaining([expect.objectContaining({ seq: expect.any(Number) })]));
    });
  });
});
