import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DossierService, TrailQueryService } from '../libs/archive/src';
import { openSqlSession } from '../libs/persistence/src';
import { seedTrail } from '../bench/seed-trail';
import { createTestApp, type TestApp } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';
import { bearer } from './utils/token-for';

const MB = 1024 * 1024;

/** A GET read to its end or until the server cuts it: the status, the bytes that came, and whether the body was complete. */
function download(port: number, path: string, token: string): Promise<{ status: number; body: Buffer; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { Authorization: token } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', () => undefined); // "aborted": what this test looks for, read from `complete`
      res.on('close', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks), complete: res.complete }));
    });
    req.on('error', reject);
    req.end();
  });
}

const PYTHON_CHECK = `
import hashlib, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
m = json.loads(z.read('manifest.json'))
for mat in m['materials']:
    assert hashlib.sha256(z.read(mat['path'])).hexdigest() == mat['sha256']
print('OK', len(m['events']), len(m['materials']), m['notes']['verifiedAtExport']['verified'])
`;

jest.setTimeout(60_000);

describe('Dossier and history written by an export thread', () => {
  let t: TestApp;
  const who = people('county-export');
  let port: number;

  beforeAll(async () => {
    t = await createTestApp();
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('breaks the download off when the thread fails mid-stream (a material no longer matching its hash), and exports it whole once repaired', async () => {
    const content = randomBytes(Math.round(2.5 * MB));
    const up = await t.http.post('/api/materials').set('Authorization', bearer(who.drafter)).attach('file', content, 'report.bin');
    expect(up.status).toBe(201);
    const flow = new DecisionFlow(t, who);
    const id = await flow.create();
    await flow.ok(id, who.secretary, lawful.accept);
    await flow.ok(id, who.drafter, { type: 'REVISE_DRAFT', materialId: up.body.id, changeSummary: '初稿' });

    const session = await openSqlSession(process.env.DATABASE_URL!);
    const dir = mkdtempSync(join(tmpdir(), 'dossier-'));
    try {
      const [{ bytes }] = await session.query(`SELECT bytes FROM material_chunks WHERE material_id = $1 AND n = 1`, [up.body.id]);
      const spoiled = Buffer.from(bytes as Buffer);
      spoiled[1000] ^= 0xff;
      await session.query(`UPDATE material_chunks SET bytes = $2 WHERE material_id = $1 AND n = 1`, [up.body.id, spoiled]);
      const broken = await download(port, `/api/decisions/${id}/dossier`, bearer(who.auditor));
      // the headers were out (the replay passed): the thread's failure can only cut the body off, never end it
      expect(broken.status).toBe(200);
      expect(broken.complete).toBe(false);
      // the zip's end record never came: no tool takes it for a whole archive
      expect(broken.body.subarray(-22).readUInt32LE(0)).not.toBe(0x06054b50);

      await session.query(`UPDATE material_chunks SET bytes = $2 WHERE material_id = $1 AND n = 1`, [up.body.id, bytes]);
      const whole = await download(port, `/api/decisions/${id}/dossier`, bearer(who.auditor));
      expect(whole.status).toBe(200);
      expect(whole.complete).toBe(true);
      writeFileSync(join(dir, 'd.zip'), whole.body);
      writeFileSync(join(dir, 'check.py'), PYTHON_CHECK);
      expect(execFileSync('python3', [join(dir, 'check.py'), join(dir, 'd.zip')]).toString().trim()).toBe('OK 3 1 True');
    } finally {
      await session.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes a history in a thread byte for byte as the serving thread writes it', async () => {
    const { decisionIds } = await seedTrail({ databaseUrl: process.env.DATABASE_URL!, jurisdiction: 'county-export', decisions: 1, eventsPerDecision: 1_200 });
    const trails = t.app.get(TrailQueryService);
    const usual = trails.historyThreadFrom;
    const read = async (from: number) => {
      trails.historyThreadFrom = from;
      return download(port, `/api/decisions/${decisionIds[0]}/history`, bearer(who.auditor));
    };
    try {
      const threaded = await read(0);
      const here = await read(Number.MAX_SAFE_INTEGER);
      expect(threaded).toMatchObject({ status: 200, complete: true });
      expect(threaded.body.equals(here.body)).toBe(true);
      expect(JSON.parse(threaded.body.toString('utf8')).events).toHaveLength(1_200);
    } finally {
      trails.historyThreadFrom = usual;
    }
  });

  it('answers an error when the thread outgrows its heap before its first byte, and exports the decision again with the usual heap', async () => {
    // (a thread outgrowing its heap after its first bytes breaks the download off: libs/archive/src/export-channel.spec.ts)
    const { decisionIds } = await seedTrail({ databaseUrl: process.env.DATABASE_URL!, jurisdiction: 'county-export', decisions: 1, eventsPerDecision: 3_000 });
    const id = decisionIds[0];
    const dossiers = t.app.get(DossierService);
    const usual = dossiers.limits;
    // a heap too small for the replay (not for the isolate itself: below a few MiB V8 aborts the whole process as it creates it)
    dossiers.limits = () => ({ maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 16 });
    try {
      const res = await download(port, `/api/decisions/${id}/dossier`, bearer(who.auditor));
      expect(res.status).toBe(500);
      expect(JSON.parse(res.body.toString('utf8')).code).toBe('INTERNAL_ERROR');
    } finally {
      dossiers.limits = usual;
    }
    const whole = await download(port, `/api/decisions/${id}/dossier`, bearer(who.auditor));
    expect(whole.status).toBe(200);
    expect(whole.complete).toBe(true);
    expect(whole.body.subarray(-22).readUInt32LE(0)).toBe(0x06054b50);
  });
});
