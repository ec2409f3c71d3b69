import { CheckpointExport, CheckpointLog } from '@app/archive';
import {
  checkpointsConsistent, cryptoProvider, formatVerifierKey, hashEvent, keysForSize, verifierKeyOf, verifyKeyLog, merkleHasher, merkleRootOf, openCheckpoint, parseCheckpoint, parseNote, parseVerifierKey, trailLeafHash, verifyInclusion,
  type CryptoProfileId, type HashAlgorithm,
} from '@app/audit';
import { openSqlSession, readTrail, type TrailEntry } from '@app/persistence';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActorClaimsInput } from '../apps/api/src/auth/actor-token';
import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';
import { expectError } from './utils/trail-assertions';

// Signed checkpoints of each jurisdiction's tree (issue #14), in both crypto profiles: the writer,
// the copies outside the database, proofs, keys, and what verify and the offline CLI find after
// an owner of the database tampered. Every tampering uses a jurisdiction of its own.

interface PgClient {
  connect(): Promise<void>;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
  end(): Promise<void>;
}
 
const { Client } = require('pg') as { Client: new (config: { connectionString: string }) => PgClient };

const ROOT = join(__dirname, '..');
// The CLIs run as child processes (TypeScript through swc: a few seconds each on a loaded machine).
jest.setTimeout(180_000);
const ENV_KEYS = ['AUDIT_CRYPTO_PROFILE', 'DATA_DIR', 'CHECKPOINT_DIR', 'CHECKPOINT_WITNESS_URL'] as const;

describe.each<CryptoProfileId>(['default', 'gm'])('signed checkpoints, %s profile', (profile) => {
  let t: TestApp;
  let db: PgClient;
  let log: CheckpointLog;
  let exporter: CheckpointExport;
  let dataDir: string;
  let checkpointDir: string;
  let witness: Server;
  const witnessed: { body: string; origin?: string }[] = [];
  let witnessFailures = 1;
  const saved: Record<string, string | undefined> = {};
  const hash: HashAlgorithm = profile === 'gm' ? 'sm3' : 'sha256';
  const j = (name: string) => `ckpt-${profile}-${name}`;

  beforeAll(async () => {
    witness = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (witnessFailures > 0) {
          witnessFailures--;
          res.writeHead(503).end();
          return;
        }
        witnessed.push({ body, origin: req.headers['x-checkpoint-origin'] as string | undefined });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => witness.listen(0, '127.0.0.1', resolve));
    dataDir = mkdtempSync(join(tmpdir(), 'mde-ckpt-data-'));
    checkpointDir = mkdtempSync(join(tmpdir(), 'mde-ckpt-worm-'));
    for (const k of ENV_KEYS) saved[k] = process.env[k];
    Object.assign(process.env, {
      AUDIT_CRYPTO_PROFILE: profile,
      DATA_DIR: dataDir,
      CHECKPOINT_DIR: checkpointDir,
      CHECKPOINT_WITNESS_URL: `http://127.0.0.1:${(witness.address() as { port: number }).port}/witness`,
    });
    t = await createTestApp();
    log = t.app.get(CheckpointLog);
    exporter = t.app.get(CheckpointExport);
    db = new Client({ connectionString: process.env.DATABASE_URL! });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
    await new Promise((resolve) => witness.close(resolve));
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(checkpointDir, { recursive: true, force: true });
  });

  const get = (path: string, who: ActorClaimsInput) => t.http.get(path).set('Authorization', bearer(who));
  const trusted = async (who: ActorClaimsInput) => (await get('/api/audit/keys', who)).body.keys.map((k: { vkey: string }) => parseVerifierKey(k.vkey));
  const verify = (who: ActorClaimsInput) => get('/api/audit/verify', who);

  /** A decision with `events` events (create, accept, draft, experts…). */
  async function decision(flow: DecisionFlow, events: number): Promise<string> {
    const who = flow.who;
    const id = await flow.create();
    const steps = [[who.secretary, lawful.accept], [who.drafter, lawful.draft()], [who.drafter, lawful.draft('第二稿')], [who.drafter, lawful.draft('第三稿')]] as const;
    for (const [actor, event] of steps.slice(0, events - 1)) await flow.ok(id, actor, event);
    return id;
  }

  /** Events of the jurisdiction's trails (decisions, catalogues, units: the units named in tokens are registered on their own trail). */
  async function trailSize(jurisdiction: string): Promise<number> {
    const { rows } = await db.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM decision_events WHERE jurisdiction = $1) + (SELECT count(*) FROM catalogue_events WHERE jurisdiction = $1)
            + (SELECT count(*) FROM unit_events WHERE jurisdiction = $1) AS n`,
      [jurisdiction],
    );
    return Number(rows[0].n);
  }
  const leafOf = async (jurisdiction: string, trail: string, id: string, seq: number) =>
    Number((await db.query<{ leaf_index: string }>(`SELECT leaf_index FROM merkle_leaves WHERE jurisdiction = $1 AND trail = $2 AND trail_id = $3 AND seq = $4`, [jurisdiction, trail, id, seq])).rows[0].leaf_index);

  /** Statements as the database superuser with triggers and foreign keys off (what an owner can do). */
  async function asOwner(work: () => Promise<void>): Promise<void> {
    await db.query('BEGIN');
    try {
      await db.query(`SET LOCAL session_replication_role = replica`);
      await work();
      await db.query('COMMIT');
    } catch (err) {
      await db.query('ROLLBACK');
      throw err;
    }
  }

  async function trailOf(id: string): Promise<TrailEntry[]> {
    const s = await openSqlSession(process.env.DATABASE_URL!);
    try {
      const out: TrailEntry[] = [];
      for await (const batch of readTrail(s, { decisionId: id })) out.push(...batch);
      return out;
    } finally {
      await s.end();
    }
  }

  function cli(...args: string[]) {
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/verify-checkpoint.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: process.env.DATABASE_URL },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: run.status, output: run.stdout + run.stderr };
  }

  describe('the writer, the copies, the proofs and the keys', () => {
    const who = people(j('main'));
    let flow: DecisionFlow;
    let id: string;
    let first: number;
    let second: number;

    beforeAll(async () => {
      flow = new DecisionFlow(t, who);
      id = await decision(flow, 3);
    });

    it('has no checkpoint before the writer ran: latest is 404 NO_CHECKPOINT, verify has no tree', async () => {
      expectError(await get('/api/audit/checkpoints/latest', who.auditor), 404, 'NO_CHECKPOINT');
      expect((await verify(who.auditor)).body).toMatchObject({ ok: true, tree: null });
    });

    it('signs a checkpoint of the grown tree, and none when nothing changed', async () => {
      first = await trailSize(j('main'));
      expect(first).toBeGreaterThanOrEqual(3);
      const made = await log.checkpoint(who.auditor.jurisdiction!);
      expect(made).toMatchObject({ tree_size: String(first), hash_alg: hash });
      expect(await log.checkpoint(who.auditor.jurisdiction!)).toBeUndefined();
      const latest = (await get('/api/audit/checkpoints/latest', who.auditor)).body;
      expect(latest).toMatchObject({ origin: `major-decision-engine/${j('main')}`, treeSize: first, hash, signatures: [expect.objectContaining({ name: 'major-decision-engine' })] });
      // The note verifies with the published key and states the root of the leaves, in their placed order, with the
      // hashes the trails record (the decision's as its history shows them).
      const { checkpoint } = openCheckpoint(latest.note, await trusted(who.auditor), latest.origin);
      const hasher = merkleHasher(hash);
      const events = (await get(`/api/decisions/${id}/history`, who.auditor)).body.events as { seq: number; hash: string }[];
      const { rows: placed } = await db.query<{ trail: 'decision' | 'unit'; trail_id: string; seq: number; event_hash: string }>(
        `SELECT l.trail, l.trail_id, l.seq, coalesce(d.hash, u.hash) AS event_hash FROM merkle_leaves l
           LEFT JOIN decision_events d ON l.trail = 'decision' AND d.decision_id::text = l.trail_id AND d.seq = l.seq
           LEFT JOIN unit_events u ON l.trail = 'unit' AND u.jurisdiction = l.jurisdiction AND u.unit_id = l.trail_id AND u.seq = l.seq
          WHERE l.jurisdiction = $1 ORDER BY l.leaf_index`,
        [j('main')],
      );
      expect(placed.filter((l) => l.trail === 'decision').map((l) => [l.trail_id, l.seq, l.event_hash])).toEqual(events.map((e) => [id, e.seq, e.hash]));
      expect(placed.some((l) => l.trail === 'unit')).toBe(true);
      const root = merkleRootOf(hasher, placed.map((l) => trailLeafHash(hasher, { trail: l.trail, id: l.trail_id, seq: l.seq, hash: l.event_hash })));
      expect(Buffer.from(checkpoint.root).toString('base64')).toBe(Buffer.from(root).toString('base64'));
      expect((await verify(who.auditor)).body).toMatchObject({ ok: true, tree: { ok: true, checkedLeaves: first, checkpoint: { treeSize: first } } });
    });

    it('publishes the key with its signed key-log entry; auditors and admins only', async () => {
      const res = await get('/api/audit/keys', who.admin);
      expect(res.status).toBe(200);
      expect(res.body.keys).toEqual([
        expect.objectContaining({ alg: profile === 'gm' ? 'sm2' : 'ed25519', fromSize: 0, name: 'major-decision-engine', publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') }),
      ]);
      expect(res.body.keys[0].toSize).toBeUndefined();
      expectError(await get('/api/audit/keys', who.drafter), 403, 'FORBIDDEN_ROLE');
      expectError(await get('/api/audit/checkpoints', who.drafter), 403, 'FORBIDDEN_ROLE');
    });

    it('writes each checkpoint once to CHECKPOINT_DIR and gives it to the witness, retrying after a failure', async () => {
      // (the database is shared with the other profile's jurisdictions: counts are at least this one's)
      const round = await exporter.exportPending();
      expect(round).toEqual({ files: expect.any(Number), witnessed: 0 });
      expect(round.files).toBeGreaterThanOrEqual(1);
      expect((await exporter.exportPending()).witnessed).toBeGreaterThanOrEqual(1);
      expect(await exporter.exportPending()).toEqual({ files: 0, witnessed: 0 });
      const latest = (await get('/api/audit/checkpoints/latest', who.auditor)).body;
      const dir = join(checkpointDir, encodeURIComponent(j('main')));
      const name = `${String(first).padStart(12, '0')}.checkpoint`;
      expect(readdirSync(dir)).toEqual([name]);
      expect(readFileSync(join(dir, name), 'utf8')).toBe(latest.note);
      expect(witnessed.find((w) => w.body === latest.note)).toMatchObject({ origin: encodeURIComponent(latest.origin) });
    });

    it('gives an inclusion proof of an event against the latest checkpoint; 409 for an event not yet in one', async () => {
      const res = await get(`/api/decisions/${id}/proof?seq=2`, who.drafter);
      expect(res.status).toBe(200);
      const body = res.body;
      expect(body).toMatchObject({ decisionId: id, seq: 2, leafIndex: await leafOf(j('main'), 'decision', id, 2), treeSize: first });
      const hasher = merkleHasher(hash);
      const { checkpoint } = openCheckpoint(body.checkpoint.note, await trusted(who.auditor));
      const leaf = trailLeafHash(hasher, body.leaf);
      const proof = body.proof.map((p: string) => Buffer.from(p, 'base64'));
      expect(verifyInclusion(hasher, body.leafIndex, checkpoint.size, leaf, proof, checkpoint.root)).toBe(true);
      expect(verifyInclusion(hasher, 0, checkpoint.size, leaf, proof, checkpoint.root)).toBe(false);

      await flow.ok(id, who.drafter, lawful.draft('第二稿'));
      expectError(await get(`/api/decisions/${id}/proof?seq=4`, who.drafter), 409, 'CHECKPOINT_PENDING');
      expectError(await get(`/api/decisions/${id}/proof?seq=9`, who.drafter), 404, 'NOT_FOUND');
      expectError(await get(`/api/decisions/${id}/proof?seq=0`, who.drafter), 400, 'VALIDATION_FAILED');
      expectError(await get(`/api/decisions/${id}/proof`, who.drafter), 400, 'VALIDATION_FAILED');
      expectError(await get(`/api/decisions/${id}/proof?seq=1`, people(j('elsewhere')).auditor), 404, 'NOT_FOUND');
    });

    it('proves the next checkpoint consistent with the earlier one', async () => {
      await decision(flow, 2);
      second = await trailSize(j('main'));
      expect(second).toBeGreaterThanOrEqual(first + 3);
      expect(await log.checkpoint(who.auditor.jurisdiction!)).toMatchObject({ tree_size: String(second) });
      const res = await get(`/api/audit/checkpoints/consistency?from=${first}`, who.auditor);
      expect(res.status).toBe(200);
      const older = parseCheckpoint(parseNote(res.body.from.note).text);
      const newer = parseCheckpoint(parseNote(res.body.to.note).text);
      expect([older.size, newer.size]).toEqual([first, second]);
      const proof = res.body.proof.map((p: string) => Buffer.from(p, 'base64'));
      expect(checkpointsConsistent(older, newer, proof)).toBe(true);
      expect(checkpointsConsistent(older, { ...newer, root: older.root }, proof)).toBe(false);
      expectError(await get(`/api/audit/checkpoints/consistency?from=${first + 1}`, who.auditor), 404, 'NO_CHECKPOINT');
      expectError(await get('/api/audit/checkpoints/consistency?from=x', who.auditor), 400, 'VALIDATION_FAILED');
      const list = await get('/api/audit/checkpoints?pageSize=1', who.auditor);
      expect(list.body).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ treeSize: second }] });
    });

    it('the offline CLI verifies the jurisdiction against the checkpoint files with the published key (exit 0), and refuses another key (exit 1)', async () => {
      const dir = join(checkpointDir, encodeURIComponent(j('main')));
      await exporter.exportPending();
      const files = readdirSync(dir).map((f) => join(dir, f));
      expect(files).toHaveLength(2);
      const vkey = (await get('/api/audit/keys', who.auditor)).body.keys[0].vkey;
      const ok = cli(...files.flatMap((f) => ['--checkpoint', f]), '--key', vkey);
      expect(ok).toEqual({ status: 0, output: expect.stringContaining('核验通过') });
      const provider = cryptoProvider(profile);
      const stranger = formatVerifierKey(verifierKeyOf({ name: 'major-decision-engine', alg: provider.profile.signature, publicKey: provider.generateKeyPair().publicKey }));
      expect(cli('--checkpoint', files[0], '--key', stranger)).toEqual({ status: 1, output: expect.stringContaining('没有任何受信任密钥的有效签名') });
    });
  });

  describe('the self-proving dossier', () => {
    const who = people(j('dossier'));

    async function dossierOf(id: string): Promise<string> {
      const res = await t.http.get(`/api/decisions/${id}/dossier`).set('Authorization', bearer(who.auditor)).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      const dir = mkdtempSync(join(tmpdir(), 'mde-ckpt-dossier-'));
      writeFileSync(join(dir, 'd.zip'), res.body as Buffer);
      expect(spawnSync('unzip', ['-q', 'd.zip'], { cwd: dir }).status).toBe(0);
      rmSync(join(dir, 'd.zip'));
      return dir;
    }
    const run = (dir: string, command: 'node' | 'sh', ...args: string[]) => {
      const r = spawnSync(command === 'node' ? process.execPath : 'sh', [command === 'node' ? 'verify.mjs' : 'verify.sh', ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      return { status: r.status, output: r.stdout + r.stderr };
    };

    it('carries the checkpoint (signed at export when needed), every proof and the key: verify.mjs and verify.sh pass offline, and fail when one byte is flipped', async () => {
      // Alone in its jurisdiction: its first event is leaf 0 (a proof of index 0 once failed verify.sh).
      const flow = new DecisionFlow(t, who);
      const id = await decision(flow, 4);
      const dir = await dossierOf(id);
      const latest = (await get('/api/audit/checkpoints/latest', who.auditor)).body;
      expect(latest.treeSize).toBe(await trailSize(j('dossier')));
      expect(readFileSync(join(dir, 'proofs/000001.tlog-proof'), 'utf8')).toMatch(/^c2sp.org\/tlog-proof@v1\nindex 0\n/);
      expect(readFileSync(join(dir, 'checkpoint.txt'), 'utf8')).toBe(latest.note);
      expect(readdirSync(join(dir, 'proofs'))).toHaveLength(4);
      const vkey = (await get('/api/audit/keys', who.auditor)).body.keys[0].vkey;
      expect(readFileSync(join(dir, 'keys.txt'), 'utf8')).toBe(`${vkey}\n`);
      for (const verifier of ['node', 'sh'] as const) {
        expect(run(dir, verifier, ...(verifier === 'node' ? ['--key', vkey] : [vkey]))).toEqual({ status: 0, output: expect.stringContaining('核验通过') });
      }
      for (const path of ['events/000003.json', 'proofs/000002.tlog-proof', 'checkpoint.txt']) {
        const bytes = readFileSync(join(dir, path));
        const flipped = Buffer.from(bytes);
        flipped[path === 'proofs/000002.tlog-proof' ? 40 : bytes.length >> 1] ^= 0x01;
        writeFileSync(join(dir, path), flipped);
        expect({ path, ...run(dir, 'node') }).toEqual({ path, status: 1, output: expect.any(String) });
        writeFileSync(join(dir, path), bytes);
      }
      expect(run(dir, 'node').status).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    });
  });

  describe('tampering by the owner of the database', () => {
    it('tail truncation (last events deleted, version and last_hash rolled back): verify names the first missing event, and so does the CLI', async () => {
      const who = people(j('tail'));
      const id = await decision(new DecisionFlow(t, who), 4);
      const checkpoint = (await log.checkpoint(who.auditor.jurisdiction!))!;
      const trail = await trailOf(id);
      await asOwner(async () => {
        await db.query(`DELETE FROM decision_events WHERE decision_id = $1 AND seq >= 3`, [id]);
        await db.query(`UPDATE decisions SET version = 2, last_hash = $2 WHERE id = $1`, [id, trail[1].hash]);
      });
      const res = await verify(who.auditor);
      expect(res.body).toMatchObject({ ok: false, firstBroken: { decisionId: id, seq: 3, checkpoint: { treeSize: Number(checkpoint.tree_size) } } });
      const file = join(mkdtempSync(join(tmpdir(), 'mde-ckpt-file-')), 'c.checkpoint');
      writeFileSync(file, checkpoint.note);
      const vkey = (await get('/api/audit/keys', who.auditor)).body.keys[0].vkey;
      const out = cli('--checkpoint', file, '--key', vkey);
      expect(out).toEqual({ status: 1, output: expect.stringContaining(`决策 ${id} 第 3 条`) });
    });

    it('a whole decision deleted with its events: verify names it', async () => {
      const who = people(j('gone'));
      const flow = new DecisionFlow(t, who);
      const kept = await decision(flow, 2);
      const gone = await decision(flow, 3);
      await log.checkpoint(who.auditor.jurisdiction!);
      await asOwner(async () => {
        await db.query(`DELETE FROM decision_events WHERE decision_id = $1`, [gone]);
        await db.query(`DELETE FROM deadlines WHERE decision_id = $1`, [gone]);
        await db.query(`DELETE FROM decisions WHERE id = $1`, [gone]);
      });
      const res = await verify(who.auditor);
      expect(res.body).toMatchObject({ ok: false, firstBroken: { decisionId: gone, seq: 1 } });
      expect(res.body.firstBroken.decisionId).not.toBe(kept);
    });

    it('a whole-trail rewrite, chains recomputed: verify names the first rewritten event; with the leaves rewritten too, the checkpoint; with the checkpoints deleted, the CLI and the file', async () => {
      const who = people(j('rewrite'));
      const id = await decision(new DecisionFlow(t, who), 4);
      const checkpoint = (await log.checkpoint(who.auditor.jurisdiction!))!;
      const vkey = (await get('/api/audit/keys', who.auditor)).body.keys[0].vkey;
      // The owner rewrites the draft of seq 3 and re-chains everything after it: every chain checks.
      const trail = await trailOf(id);
      let prev = trail[1].hash;
      const rewritten = trail.map((e) => ({ ...e }));
      for (const e of rewritten.slice(2)) {
        if (e.seq === 3) e.payload = { ...(e.payload as object), text: '改写后的草案' };
        e.prevHash = prev;
        e.hash = hashEvent(e);
        prev = e.hash;
      }
      await asOwner(async () => {
        for (const e of rewritten.slice(2)) {
          await db.query(`UPDATE decision_events SET payload = $3, prev_hash = $4, hash = $5 WHERE decision_id = $1 AND seq = $2`, [id, e.seq, JSON.stringify(e.payload), e.prevHash, e.hash]);
        }
        await db.query(`UPDATE decisions SET last_hash = $2 WHERE id = $1`, [id, prev]);
      });
      const replay = await get(`/api/decisions/${id}/replay`, who.auditor);
      expect(replay.body.mismatches.filter((m: { reason: string }) => /hash/i.test(m.reason))).toEqual([]);
      expect((await verify(who.auditor)).body).toMatchObject({ ok: false, firstBroken: { decisionId: id, seq: 3 } });

      // The leaf table rewritten as well: only the signed root can tell.
      await asOwner(async () => {
        for (const e of rewritten.slice(2)) await db.query(`UPDATE merkle_leaves SET hash = $3 WHERE trail_id = $1 AND seq = $2`, [id, e.seq, e.hash]);
      });
      const res = await verify(who.auditor);
      expect(res.body).toMatchObject({ ok: false, firstBroken: { checkpoint: { treeSize: Number(checkpoint.tree_size) } } });
      expect(res.body.firstBroken.decisionId).toBeUndefined();

      // Checkpoints, key log and leaves deleted: the database alone sees nothing; the file held outside does.
      await asOwner(async () => {
        for (const table of ['checkpoint_exports', 'checkpoints', 'checkpoint_key_log', 'merkle_leaves']) await db.query(`DELETE FROM ${table} WHERE ${table === 'checkpoint_exports' ? `checkpoint_id IN (SELECT id FROM checkpoints WHERE jurisdiction = $1)` : 'jurisdiction = $1'}`, [who.auditor.jurisdiction]);
      });
      expect((await verify(who.auditor)).body).toMatchObject({ ok: true, tree: null });
      const file = join(mkdtempSync(join(tmpdir(), 'mde-ckpt-file-')), 'c.checkpoint');
      writeFileSync(file, checkpoint.note);
      expect(cli('--checkpoint', file, '--key', vkey)).toEqual({ status: 1, output: expect.stringMatching(/核验失败/) });
      // …and once the writer re-signs the rewritten trail, the old file still refuses it.
      await log.checkpoint(who.auditor.jurisdiction!);
      expect(cli('--checkpoint', file, '--key', vkey)).toEqual({ status: 1, output: expect.stringContaining('不一致') });
    });
  });

  describe('key rotation (npm run checkpoint-key -- rotate)', () => {
    it('records the handover signed by both keys, publishes both with their periods, and old and new checkpoints still verify', async () => {
      const who = people(j('rotate'));
      const flow = new DecisionFlow(t, who);
      const id = await decision(flow, 2);
      const before = (await log.checkpoint(who.auditor.jurisdiction!))!;
      const keyCli = (command: string) =>
        spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/checkpoint-key.ts', command], {
          cwd: ROOT, env: { PATH: process.env.PATH, DATA_DIR: dataDir, AUDIT_CRYPTO_PROFILE: profile, JWT_SECRET: process.env.JWT_SECRET }, encoding: 'utf8', timeout: 120_000,
        });
      const oldKey = keyCli('show').stdout.trim();
      expect((await get('/api/audit/keys', who.auditor)).body.keys.map((k: { vkey: string }) => k.vkey)).toEqual([oldKey]);
      const rotated = keyCli('rotate');
      expect(rotated.status).toBe(0);
      const newKey = /^new (\S+)$/m.exec(rotated.stdout)![1];
      expect(newKey).not.toBe(oldKey);

      await flow.ok(id, who.drafter, lawful.draft('第二稿'));
      const after = (await log.checkpoint(who.auditor.jurisdiction!))!;
      expect(after.tree_size).toBe(String(await trailSize(j('rotate'))));
      const handover = Number(before.tree_size);
      const keys = (await get('/api/audit/keys', who.auditor)).body.keys;
      expect(keys).toEqual([
        expect.objectContaining({ vkey: oldKey, fromSize: 0, toSize: handover }),
        expect.objectContaining({ vkey: newKey, fromSize: handover }),
      ]);
      const periods = verifyKeyLog(keys.map((k: { entry: string }) => k.entry), parseVerifierKey(oldKey));
      expect(keysForSize(periods, Number(after.tree_size)).map(formatVerifierKey)).toEqual([newKey]);
      expect(parseNote(keys[1].entry).signatures).toHaveLength(2);
      expect(() => openCheckpoint(after.note, [parseVerifierKey(oldKey)])).toThrow();
      expect(openCheckpoint(after.note, [parseVerifierKey(newKey)]).checkpoint.size).toBe(Number(after.tree_size));
      expect((await verify(who.auditor)).body).toMatchObject({ ok: true, tree: { ok: true, checkpoint: { treeSize: Number(after.tree_size) } } });

      const dir = mkdtempSync(join(tmpdir(), 'mde-ckpt-rot-'));
      writeFileSync(join(dir, 'old.checkpoint'), before.note);
      writeFileSync(join(dir, 'new.checkpoint'), after.note);
      writeFileSync(join(dir, 'keys.txt'), `${oldKey}\n${newKey}\n`);
      expect(cli('--checkpoint', join(dir, 'old.checkpoint'), '--checkpoint', join(dir, 'new.checkpoint'), '--keys', join(dir, 'keys.txt')).status).toBe(0);
      expect(cli('--checkpoint', join(dir, 'new.checkpoint'), '--key', oldKey).status).toBe(1);
      const consistency = await get(`/api/audit/checkpoints/consistency?from=${handover}`, who.auditor);
      expect(checkpointsConsistent(parseCheckpoint(parseNote(before.note).text), parseCheckpoint(parseNote(after.note).text), consistency.body.proof.map((p: string) => Buffer.from(p, 'base64')))).toBe(true);
      rmSync(dir, { recursive: true, force: true });
    });
  });
});
