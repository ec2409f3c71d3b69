/**
 * npm run bench:memory [-- --no-build] [--keep] [--events 100000] [--materials 10] [--material-mb 20] [--no-md]
 *
 * Flat memory while streaming (issue 16): builds, creates mde_mem_<ts>, starts the built server
 * (MODE=all, materials in PostgreSQL, the default), seeds ONE decision of 100,000 events, uploads
 * 10 materials of 20 MiB (200 MiB) through POST /api/materials and cites them from the decision,
 * then downloads its dossier and its history while sampling the server's RSS (/proc/<pid>/status,
 * every 25 ms). Reports each phase's peak over the idle baseline, checks the downloaded dossier
 * (Python's zipfile: CRCs, the manifest's 100,000 events, every material's SHA-256) and writes the
 * `memory` section of BENCHMARKS.md and bench/results/memory.json.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokensOf } from './lib/actors';
import { build, freshEnvironment } from './lib/harness';
import { expectStatus } from './lib/http';
import { machineFacts, type MachineFacts } from './lib/machine';
import { BENCH_REDIS_URL, withClient } from './lib/pg';
import { updateSection } from './lib/report';
import { REPO_ROOT } from './lib/server';
import { log, parseFlags, round, sleep } from './lib/util';
import { seedTrail } from './seed-trail';

const flags = parseFlags(process.argv.slice(2));
const cfg = {
  events: Number(flags.events ?? 100_000),
  materials: Number(flags.materials ?? 10),
  materialMiB: Number(flags['material-mb'] ?? 20),
  build: flags.build !== false,
  keep: flags.keep === true,
  md: flags.md !== false,
};
const MiB = 1024 * 1024;
const JURISDICTION = 'county-mem';

/** RSS of a process in MiB (VmRSS). */
function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Samples the RSS of `pid` every 25 ms while `work` runs; its result and the peak. */
async function sampled<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number; samples: number }> {
  let peak = rssMiB(pid);
  let samples = 1;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid));
    samples++;
  }, 25);
  try {
    const result = await work();
    peak = Math.max(peak, rssMiB(pid));
    return { result, peak, samples };
  } finally {
    clearInterval(timer);
  }
}

/** GET `path`, the body streamed to `file` (or counted only): bytes, SHA-256, status, ms. */
function download(base: string, path: string, token: string, file?: string): Promise<{ status: number; bytes: number; sha256: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(path, base), { headers: { authorization: `Bearer ${token}` } }, (res) => {
      const hash = createHash('sha256');
      const out = file ? require('node:fs').createWriteStream(file) : null;
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        hash.update(c);
        if (out && !out.write(c)) {
          res.pause();
          out.once('drain', () => res.resume());
        }
      });
      res.on('end', () => {
        const done = () => resolve({ status: res.statusCode ?? 0, bytes, sha256: hash.digest('hex'), ms: Date.now() - started });
        if (out) out.end(done);
        else done();
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** POST one material as multipart, its bytes generated as they are sent (the client holds 1 MiB at a time). */
function uploadMaterial(base: string, token: string, name: string, mib: number, seed: number): Promise<{ id: string; sha256: string; size: number }> {
  const boundary = `mem${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = mib * MiB;
  return new Promise((resolve, reject) => {
    const req = http.request(new URL('/api/materials', base), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + size + tail.length) },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => (res.statusCode === 201 ? resolve(JSON.parse(text)) : reject(new Error(`upload ${res.statusCode}: ${text}`))));
    });
    req.on('error', reject);
    (async () => {
      req.write(head);
      for (let i = 0; i < mib; i++) {
        const chunk = createHash('sha512').update(`${seed}:${i}`).digest();
        const block = Buffer.alloc(MiB);
        for (let o = 0; o < MiB; o += chunk.length) chunk.copy(block, o);
        block.writeUInt32LE(i, 0);
        if (!req.write(block)) await new Promise((r) => req.once('drain', r));
      }
      req.end(tail);
    })().catch(reject);
  });
}

/** Python's zipfile over the downloaded dossier: CRCs, the manifest's events, every material against its SHA-256. */
function checkDossier(file: string): { events: number; materials: number; entries: number } {
  const script = `import json, hashlib, zipfile, sys
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
assert bad is None, bad
m = json.loads(z.read('manifest.json'))
prev = '0' * 64
for i, e in enumerate(m['events'], start=1):
    assert e['seq'] == i and e['prevHash'] == prev
    prev = e['hash']
assert prev == m['decision']['lastHash']
for mat in m['materials']:
    h = hashlib.sha256()
    with z.open(mat['path']) as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    assert h.hexdigest() == mat['sha256'], mat['path']
print(json.dumps({'events': len(m['events']), 'materials': len(m['materials']), 'entries': len(z.namelist())}))`;
  return JSON.parse(execFileSync('python3', ['-c', script, file], { timeout: 600_000 }).toString());
}

async function main() {
  const started = Date.now();
  if (cfg.build) build();
  const env = await freshEnvironment('mde_mem', BENCH_REDIS_URL);
  const work = join(tmpdir(), `mde-mem-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    const server = await env.server({ name: 'memory', env: { MATERIALS_MAX_BYTES: String(cfg.materialMiB * MiB), MATERIALS_SPOOL_DIR: work } });
    const pid = server.pid!;
    const tokens = tokensOf(JURISDICTION, env.jwtSecret);
    log(`seeding one decision of ${cfg.events} events`);
    const seeded = await seedTrail({ databaseUrl: env.databaseUrl, jurisdiction: JURISDICTION, decisions: 1, eventsPerDecision: cfg.events });
    const decisionId = seeded.decisionIds[0];
    // warm the paths once on a small decision (code loaded, pools filled), then take the idle baseline
    const small = (await seedTrail({ databaseUrl: env.databaseUrl, jurisdiction: JURISDICTION, decisions: 1, eventsPerDecision: 50 })).decisionIds[0];
    await expectStatus(server.url, { path: `/api/decisions/${small}/history`, token: tokens.auditor }, 200);
    await download(server.url, `/api/decisions/${small}/dossier`, tokens.auditor);
    await sleep(2000);
    const idle: number[] = [];
    for (let i = 0; i < 20; i++, await sleep(50)) idle.push(rssMiB(pid));
    const baseline = Math.max(...idle);
    log(`baseline RSS ${round(baseline, 1)} MiB`);

    log(`uploading ${cfg.materials} × ${cfg.materialMiB} MiB`);
    const uploads = await sampled(pid, async () => {
      const out = [];
      for (let i = 0; i < cfg.materials; i++) out.push(await uploadMaterial(server.url, tokens.drafter, `material-${i + 1}.bin`, cfg.materialMiB, i));
      return out;
    });
    // cite them from the decision (what its events' materials would record), so the dossier carries them
    await withClient(env.databaseUrl, async (c) => {
      for (const [i, m] of uploads.result.entries()) await c.query(`INSERT INTO material_citations (material_id, decision_id, seq) VALUES ($1, $2, $3)`, [m.id, decisionId, 3 + i]);
    });

    log('downloading the dossier');
    const zipFile = join(work, 'dossier.zip');
    const dossier = await sampled(pid, () => download(server.url, `/api/decisions/${decisionId}/dossier`, tokens.auditor, zipFile));
    if (dossier.result.status !== 200) throw new Error(`dossier ${dossier.result.status}`);
    log('downloading the history');
    const history = await sampled(pid, () => download(server.url, `/api/decisions/${decisionId}/history`, tokens.auditor));
    if (history.result.status !== 200) throw new Error(`history ${history.result.status}`);
    log('checking the dossier with Python');
    const checked = checkDossier(zipFile);
    if (checked.events !== cfg.events || checked.materials !== cfg.materials) throw new Error(`dossier check: ${JSON.stringify(checked)}`);

    const phase = (p: { peak: number; samples: number }, bytes: number, ms: number) => ({
      peakRssMiB: round(p.peak, 1),
      overBaselineMiB: round(p.peak - baseline, 1),
      samples: p.samples,
      bytes,
      ms,
      mibPerSec: round(bytes / MiB / (ms / 1000), 1),
    });
    const results: MemoryResults = {
      at: new Date().toISOString(),
      machine: await machineFacts(env.databaseUrl, BENCH_REDIS_URL),
      config: cfg,
      decision: { id: decisionId, events: cfg.events, materials: uploads.result.length, materialBytes: uploads.result.reduce((s, m) => s + m.size, 0) },
      baselineRssMiB: round(baseline, 1),
      upload: phase(uploads, uploads.result.reduce((s, m) => s + m.size, 0), 0),
      dossier: { ...phase(dossier, dossier.result.bytes, dossier.result.ms), check: checked },
      history: phase(history, history.result.bytes, history.result.ms),
      seconds: Math.round((Date.now() - started) / 1000),
    };
    results.upload.ms = 0;
    mkdirSync(join(REPO_ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(REPO_ROOT, 'bench', 'results', 'memory.json'), JSON.stringify(results, null, 2) + '\n');
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    if (cfg.md) updateSection('memory', renderMemory(results));
    const worst = Math.max(results.upload.overBaselineMiB, results.dossier.overBaselineMiB, results.history.overBaselineMiB);
    if (worst >= 100) throw new Error(`memory not flat: ${worst} MiB over the baseline`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    await env.cleanup(cfg.keep);
  }
}

type MemoryResults = {
  at: string;
  machine: MachineFacts;
  config: typeof cfg;
  decision: { id: string; events: number; materials: number; materialBytes: number };
  baselineRssMiB: number;
  upload: { peakRssMiB: number; overBaselineMiB: number; ms: number };
  dossier: { peakRssMiB: number; overBaselineMiB: number; bytes: number; ms: number; mibPerSec: number; check: { entries: number } };
  history: { peakRssMiB: number; overBaselineMiB: number; bytes: number; ms: number; mibPerSec: number };
  seconds: number;
};

function renderMemory(r: MemoryResults): string {
  const mib = (b: number) => round(b / MiB, 1);
  return `Measured ${r.at.slice(0, 16).replace('T', ' ')} UTC by \`npm run bench:memory\` (${r.seconds} s); raw results in \`bench/results/memory.json\`.
One decision of ${r.decision.events.toLocaleString('en')} events (seeded valid chain) citing ${r.decision.materials} materials of ${mib(r.decision.materialBytes / r.decision.materials)} MiB
(${mib(r.decision.materialBytes)} MiB, stored in PostgreSQL in 1 MiB chunks, the default); the built server (\`MODE=all\`, Node ${r.machine.node}, ${r.machine.nproc} cores shared with PostgreSQL and the client), its RSS read from
\`/proc/<pid>/status\` every 25 ms. Baseline: idle RSS after one warm-up history and dossier of a small decision: **${r.baselineRssMiB} MiB**.

| phase | bytes | time | peak RSS | over baseline |
|---|---:|---:|---:|---:|
| upload ${r.decision.materials} × ${mib(r.decision.materialBytes / r.decision.materials)} MiB (\`POST /api/materials\`, one after another) | ${mib(r.decision.materialBytes)} MiB | | ${r.upload.peakRssMiB} MiB | **${r.upload.overBaselineMiB} MiB** |
| \`GET /api/decisions/:id/dossier\` (zip: manifest, record.html, materials; ${r.dossier.check.entries} entries) | ${mib(r.dossier.bytes)} MiB | ${round(r.dossier.ms / 1000, 1)} s (${r.dossier.mibPerSec} MiB/s) | ${r.dossier.peakRssMiB} MiB | **${r.dossier.overBaselineMiB} MiB** |
| \`GET /api/decisions/:id/history\` (JSON) | ${mib(r.history.bytes)} MiB | ${round(r.history.ms / 1000, 1)} s (${r.history.mibPerSec} MiB/s) | ${r.history.peakRssMiB} MiB | **${r.history.overBaselineMiB} MiB** |

The downloaded dossier was checked by Python's \`zipfile\` (every CRC, the chain of the manifest's ${r.decision.events.toLocaleString('en')} events, every material's SHA-256).
The run fails when any phase peaks 100 MiB or more over the baseline.`;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
