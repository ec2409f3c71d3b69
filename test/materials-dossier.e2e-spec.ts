import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';
import { bearer } from './utils/token-for';

const VERIFY_SCRIPT = () => `
import json, hashlib, zipfile, sys
z = zipfile.ZipFile(sys.argv[1])
m = json.loads(z.read('manifest.json'))
prev = '0' * 64
for i, e in enumerate(m['events'], start=1):
    keys = ['alg','calendar','decisionId','seq','type','payload','actor','occurredAt','stateBefore','stateAfter','machine','profile','prevHash','warnings']
    body = {k: e[k] for k in keys if k in e}
    text = json.dumps(body, sort_keys=True, separators=(',', ':'), ensure_ascii=False)
    assert e['seq'] == i and e['prevHash'] == prev, 'chain broken at %d' % e['seq']
    assert hashlib.new(e.get('alg', 'sha256'), text.encode('utf-8')).hexdigest() == e['hash'], 'hash mismatch at %d' % e['seq']
    prev = e['hash']
assert prev == m['decision']['lastHash']
for mat in m['materials']:
    assert hashlib.sha256(z.read(mat['path'])).hexdigest() == mat['sha256']
names = z.namelist()
assert 'record.html' in names and 'VERIFY.md' in names
print('OK', len(m['events']), len(m['materials']))
`;

describe('Materials and the dossier', () => {
  let t: TestApp;
  let flow: DecisionFlow;
  const who = people('county-dossier');

  beforeAll(async () => {
    t = await createTestApp();
    flow = new DecisionFlow(t, who);
  });
  afterAll(() => t.close());

  it('stores an upload with its SHA-256 and serves it back to the same jurisdiction only', async () => {
    const content = Buffer.from('决策草案全文（材料）');
    const up = await t.http.post('/api/materials').set('Authorization', bearer(who.drafter)).attach('file', content, '草案.txt');
    expect(up.status).toBe(201);
    expect(up.body).toEqual({ id: expect.any(String), sha256: createHash('sha256').update(content).digest('hex'), size: content.length, filename: '草案.txt' });
    const down = await t.http.get(`/api/materials/${up.body.id}`).set('Authorization', bearer(who.auditor)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(down.status).toBe(200);
    expect(Buffer.compare(down.body, content)).toBe(0);
    const other = await t.http.get(`/api/materials/${up.body.id}`).set('Authorization', bearer(people('county-other').auditor));
    expect(other.status).toBe(404);
  });

  it('refuses a request without a file and an event citing an unknown material (404, as for a material one may not read)', async () => {
    const none = await t.http.post('/api/materials').set('Authorization', bearer(who.drafter)).field('x', '1');
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('VALIDATION_FAILED');
    const id = await flow.create();
    await flow.ok(id, who.secretary, lawful.accept);
    const res = await flow.send(id, who.drafter, { type: 'REVISE_DRAFT', materialId: '00000000-0000-4000-8000-000000000000', changeSummary: '初稿' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('MATERIAL_NOT_FOUND');
  });

  it('binds a draft uploaded as a material to its hash and exports a dossier an outsider can verify', async () => {
    const content = Buffer.from('关于调整农业补贴的决定（草案）');
    const up = await t.http.post('/api/materials').set('Authorization', bearer(who.drafter)).attach('file', content, 'draft.txt');
    const id = await flow.create();
    await flow.ok(id, who.secretary, lawful.accept);
    const revised = await flow.ok(id, who.drafter, { type: 'REVISE_DRAFT', materialId: up.body.id, changeSummary: '初稿' });
    expect(revised.decision.draft.hash).toBe(up.body.sha256);
    const history = await t.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(who.auditor));
    expect(history.body.events[2].payload.materials).toEqual([{ id: up.body.id, sha256: up.body.sha256, filename: 'draft.txt' }]);

    const zip = await t.http.get(`/api/decisions/${id}/dossier`).set('Authorization', bearer(who.auditor)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(zip.status).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const dir = mkdtempSync(join(tmpdir(), 'dossier-'));
    writeFileSync(join(dir, 'd.zip'), zip.body);
    writeFileSync(join(dir, 'verify.py'), VERIFY_SCRIPT());
    const out = execFileSync('python3', [join(dir, 'verify.py'), join(dir, 'd.zip')]).toString();
    expect(out.trim()).toBe('OK 3 1');
    expect(readFileSync(join(dir, 'd.zip')).length).toBeGreaterThan(100);
  });
});
