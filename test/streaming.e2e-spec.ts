import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { presentEvent } from '../libs/decisions/src';
import { openSqlSession, readTrail, releaseVerifyLock, SqlTransactions, tryVerifyLock } from '../libs/persistence/src';
import { seedTrail } from '../bench/seed-trail';
import { createTestApp, type TestApp } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';
import { bearer } from './utils/token-for';

const MB = 1024 * 1024;
const binary = (res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  (res as unknown as NodeJS.ReadableStream).on('data', (c: Buffer) => chunks.push(c));
  (res as unknown as NodeJS.ReadableStream).on('end', () => cb(null, Buffer.concat(chunks)));
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Wait until `done()` holds (the server finishing work the client cannot await: an aborted upload); fails after 15 s. */
async function until(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 750; i++) {
    if (await done()) return;
    await sleep(20);
  }
  throw new Error(`never: ${what}`);
}

jest.setTimeout(30_000);

describe('Streaming history, dossier and uploads (PostgreSQL storage, quota)', () => {
  let t: TestApp;
  let spoolDir: string;
  const saved = { MATERIALS_SPOOL_DIR: process.env.MATERIALS_SPOOL_DIR, MATERIALS_QUOTA_BYTES: process.env.MATERIALS_QUOTA_BYTES };
  const who = people('county-stream');
  const quota = people('county-quota');

  beforeAll(async () => {
    // a private spool directory shows what an upload leaves behind
    spoolDir = mkdtempSync(join(tmpdir(), 'spool-'));
    process.env.MATERIALS_SPOOL_DIR = spoolDir;
    process.env.MATERIALS_QUOTA_BYTES = String(5 * MB);
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
    Object.assign(process.env, saved);
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    rmSync(spoolDir, { recursive: true, force: true });
  });

  const db = () => t.app.get(DataSource);
  const spooled = () => readdirSync(spoolDir).filter((f) => f.startsWith('.upload-'));
  const settled = async (done: () => boolean) => {
    for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 20));
  };
  const holdings = async (jurisdiction: string) =>
    (await db().query(`SELECT count(*)::int AS n, coalesce(sum(size), 0)::int8 AS bytes, (SELECT count(*)::int FROM material_chunks) AS chunks FROM materials WHERE jurisdiction = $1`, [jurisdiction]))[0];
  const upload = (claims: typeof who.drafter, content: Buffer, name = 'file.bin') => t.http.post('/api/materials').set('Authorization', bearer(claims)).attach('file', content, name);

  it('streams a history of several pages byte for byte as the whole answer was written, oldest first', async () => {
    const { decisionIds } = await seedTrail({ databaseUrl: process.env.DATABASE_URL!, jurisdiction: 'county-stream', decisions: 1, eventsPerDecision: 4_500 });
    const res = await t.http.get(`/api/decisions/${decisionIds[0]}/history`).set('Authorization', bearer(who.auditor)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const events: unknown[] = [];
    const session = await openSqlSession(process.env.DATABASE_URL!);
    try {
      for await (const batch of readTrail(session, { decisionId: decisionIds[0] })) events.push(...batch.map(presentEvent));
    } finally {
      await session.end();
    }
    expect(events).toHaveLength(4_500);
    expect((res.body as Buffer).toString('utf8')).toBe(JSON.stringify({ events }));
    const body = JSON.parse((res.body as Buffer).toString('utf8'));
    expect(Object.keys(body.events[0]).sort()).toEqual(['actor', 'hash', 'machine', 'occurredAt', 'payload', 'prevHash', 'profile', 'seq', 'stateAfter', 'stateBefore', 'type']);
    expect(body.events.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 4_500 }, (_, i) => i + 1));
  });

  it("answers a refused history with {code, message} before any byte (another jurisdiction's decision)", async () => {
    const flow = new DecisionFlow(t, who);
    const id = await flow.create();
    const other = await t.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(people('county-elsewhere').auditor));
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    const own = await t.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(who.auditor));
    expect(own.status).toBe(200);
    expect(own.body.events).toHaveLength(1);
  });

  it('stores an upload of several chunks, serves it back streamed, and puts it in a dossier Python reads and checks', async () => {
    const content = randomBytes(Math.round(2.5 * MB));
    const up = await upload(who.drafter, content, '评估报告.bin');
    expect(up.status).toBe(201);
    expect(up.body).toEqual({ id: expect.any(String), sha256: sha(content), size: content.length, filename: '评估报告.bin' });
    expect((await db().query(`SELECT chunks, content IS NULL AS streamed FROM materials WHERE id = $1`, [up.body.id]))[0]).toEqual({ chunks: 3, streamed: true });
    const down = await t.http.get(`/api/materials/${up.body.id}`).set('Authorization', bearer(who.drafter)).buffer(true).parse(binary);
    expect(down.status).toBe(200);
    expect(down.headers['content-length']).toBe(String(content.length));
    expect(Buffer.compare(down.body, content)).toBe(0);

    const flow = new DecisionFlow(t, who);
    const id = await flow.create();
    await flow.ok(id, who.secretary, lawful.accept);
    await flow.ok(id, who.drafter, { type: 'REVISE_DRAFT', materialId: up.body.id, changeSummary: '初稿' });
    const zip = await t.http.get(`/api/decisions/${id}/dossier`).set('Authorization', bearer(who.auditor)).buffer(true).parse(binary);
    expect(zip.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'dossier-'));
    try {
      writeFileSync(join(dir, 'd.zip'), zip.body);
      const check = `import json, hashlib, zipfile, sys
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
m = json.loads(z.read('manifest.json'))
assert [e['seq'] for e in m['events']] == [1, 2, 3] and m['notes']['verifiedAtExport']['verified']
for mat in m['materials']:
    assert hashlib.sha256(z.read(mat['path'])).hexdigest() == mat['sha256']
print(json.dumps({'names': z.namelist(), 'materials': [[x['filename'], x['size']] for x in m['materials']]}, ensure_ascii=False))`;
      const out = JSON.parse(execFileSync('python3', ['-c', check, join(dir, 'd.zip')]).toString());
      expect(out.names).toEqual(expect.arrayContaining(['manifest.json', 'record.html', 'VERIFY.md', 'verify.mjs', 'checkpoint.txt', `materials/${up.body.id}-评估报告.bin`]));
      expect(out.materials).toEqual([['评估报告.bin', content.length]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an upload past the jurisdiction quota with 413 MATERIALS_QUOTA_EXCEEDED and keeps nothing of it', async () => {
    const first = await upload(quota.drafter, randomBytes(3 * MB));
    expect(first.status).toBe(201);
    const before = await holdings('county-quota');
    const over = await upload(quota.drafter, randomBytes(3 * MB));
    expect(over.status).toBe(413);
    expect(over.body).toMatchObject({ code: 'MATERIALS_QUOTA_EXCEEDED', message: expect.stringMatching(/配额/), details: { quotaBytes: 5 * MB, usedBytes: 3 * MB } });
    expect(await holdings('county-quota')).toEqual(before);
    // the refusal may answer while the partial spool file is being removed: it goes within moments, never stays
    await settled(() => spooled().length === 0);
    expect(spooled()).toEqual([]);
    const english = await upload(quota.drafter, randomBytes(3 * MB)).set('Accept-Language', 'en');
    expect(english.body.message).toMatch(/quota/);
    // what still fits is taken; the quota is the jurisdiction's, not the person's or the process's
    expect((await upload(quota.drafter, randomBytes(2 * MB))).status).toBe(201);
    expect((await upload(quota.secretary, Buffer.from('x'))).body.code).toBe('MATERIALS_QUOTA_EXCEEDED');
    expect((await upload(who.drafter, Buffer.from('elsewhere'))).status).toBe(201);
  });

  it('leaves nothing behind when the client breaks an upload off half way', async () => {
    const before = await holdings('county-stream');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const boundary = 'b' + randomBytes(8).toString('hex');
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/materials',
      headers: { Authorization: bearer(who.drafter), 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(head.length + 8 * MB) },
    });
    req.on('error', () => undefined); // the client's own abort
    try {
      req.write(head);
      req.write(randomBytes(MB));
      await until('the upload is being spooled', () => spooled().length === 1);
    } finally {
      req.destroy();
    }
    await until('the partial file is removed', () => spooled().length === 0);
    expect(await holdings('county-stream')).toEqual(before);
  }, 40_000);

  it('refuses a second whole-jurisdiction verify while one runs (429 AUDIT_VERIFY_BUSY, Retry-After), then verifies', async () => {
    const verify = () => t.http.get('/api/audit/verify').set('Authorization', bearer(who.auditor));
    // another process's verify of this jurisdiction: it holds the jurisdiction's lock
    const other = await openSqlSession(t.app.get(SqlTransactions).connectionUrl);
    try {
      expect(await tryVerifyLock(other, 'county-stream')).toBe(true);
      const busy = await verify();
      expect(busy.status).toBe(429);
      expect(busy.headers['retry-after']).toBe('30');
      expect(busy.body).toMatchObject({ code: 'AUDIT_VERIFY_BUSY', message: expect.stringMatching(/校验/) });
      // other jurisdictions are not held up
      expect((await t.http.get('/api/audit/verify').set('Authorization', bearer(quota.auditor))).status).toBe(200);
      await releaseVerifyLock(other, 'county-stream');
    } finally {
      await other.end();
    }
    const done = await verify();
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ ok: true });
  });
});

describe('Streaming uploads to MATERIALS_DIR', () => {
  let t: TestApp;
  let dir: string;
  const who = people('county-stream-dir');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'materials-'));
    process.env.MATERIALS_DIR = dir;
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
    delete process.env.MATERIALS_DIR;
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the file under its id (no partial file left), reads it back, and keeps nothing of a refused one', async () => {
    const content = randomBytes(3 * MB);
    const up = await t.http.post('/api/materials').set('Authorization', bearer(who.drafter)).attach('file', content, 'a.bin');
    expect(up.status).toBe(201);
    expect(readdirSync(dir)).toEqual([up.body.id]);
    const down = await t.http.get(`/api/materials/${up.body.id}`).set('Authorization', bearer(who.drafter)).buffer(true).parse(binary);
    expect(sha(down.body)).toBe(sha(content));
    // the per-file limit is kept (no quota here): refused as it arrives, nothing of it kept
    const refused = await t.http.post('/api/materials').set('Authorization', bearer(who.drafter)).attach('file', Buffer.alloc(20 * MB + 1), 'big.bin');
    expect(refused.status).toBe(413);
    expect(refused.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(readdirSync(dir)).toEqual([up.body.id]);
    expect(await t.app.get(DataSource).query(`SELECT id FROM materials WHERE jurisdiction = $1`, ['county-stream-dir'])).toEqual([{ id: up.body.id }]);
  });

  it('discards a file already stored when the request is then refused (a second file part)', async () => {
    const before = readdirSync(dir).sort();
    const res = await t.http
      .post('/api/materials')
      .set('Authorization', bearer(who.drafter))
      .attach('file', randomBytes(MB), 'one.bin')
      .attach('file', randomBytes(10), 'two.bin');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect((await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM materials WHERE jurisdiction = $1`, ['county-stream-dir']))[0].n).toBe(before.length);
  });
});
