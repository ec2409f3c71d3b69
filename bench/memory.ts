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
  /** node flags of the measured server, e.g. --server-node-args=--max-old-space-size=256 */
  nodeArgs: flags['server-node-args'] ? String(flags['server-node-args']).split(' ') : [],
  /** extra environment of the measured server, e.g. --server-env=MALLOC_ARENA_MAX=2,DB_POOL_SIZE=10 */
  serverEnv: Object.fromEntries(
    String(flags['server-env'] ?? '')
      .split(',')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  ) as Record<string, string>,
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
    const serverEnv = { MATERIALS_MAX_BYTES: String(cfg.materialMiB * MiB), MATERIALS_SPOOL_DIR: work, ...cfg.serverEnv };
    const tokens = tokensOf(JURISDICTION, env.jwtSecret);
    log(`seeding one decision of ${cfg.events} events`);
    // the database must exist with its schema before seeding: a first server migrates it
    const first = await env.server({ name: 'migrate', env: serverEnv, nodeArgs: cfg.nodeArgs });
    await first.stop();
    const seeded = await seedTrail({ databaseUrl: env.databaseUrl, jurisdiction: JURISDICTION, decisions: 1, eventsPerDecision: cfg.events });
    const decisionId = seeded.decisionIds[0];
    const small = (await seedTrail({ databaseUrl: env.databaseUrl, jurisdiction: JURISDICTION, decisions: 1, eventsPerDecision: 50 })).decisionIds[0];
    const materialBytes = cfg.materials * cfg.materialMiB * MiB;

    /** Each phase on a server of its own (RSS never shrinks back): warmed up on a small decision, its idle baseline, then the phase's peak. */
    const phase = async <T>(name: string, work: (base: string) => Promise<T>) => {
      const server = await env.server({ name, env: serverEnv, nodeArgs: cfg.nodeArgs });
      try {
        const pid = server.pid!;
        await expectStatus(server.url, { path: `/api/decisions/${small}/history`, token: tokens.auditor }, 200);
        await download(server.url, `/api/decisions/${small}/dossier`, tokens.auditor);
        await uploadMaterial(server.url, tokens.drafter, 'warm-up.bin', 1, 999);
        await sleep(2000);
        const idle: number[] = [];
        for (let i = 0; i < 20; i++, await sleep(50)) idle.push(rssMiB(pid));
        const baseline = Math.max(...idle);
        log(`${name}: baseline RSS ${round(baseline, 1)} MiB`);
        const started = Date.now();
        const out = await sampled(pid, () => work(server.url));
        const ms = Date.now() - started;
        log(`${name}: peak RSS ${round(out.peak, 1)} MiB (+${round(out.peak - baseline, 1)})`);
        return { result: out.result, baselineRssMiB: round(baseline, 1), peakRssMiB: round(out.peak, 1), overBaselineMiB: round(out.peak - baseline, 1), samples: out.samples, ms };
      } finally {
        await server.stop();
      }
    };

    log(`uploading ${cfg.materials} × ${cfg.materialMiB} MiB`);
    const uploads = await phase('upload', async (base) => {
      const out = [];
      for (let i = 0; i < cfg.materials; i++) out.push(await uploadMaterial(base, tokens.drafter, `material-${i + 1}.bin`, cfg.materialMiB, i));
      return out;
    });
    // cite them from the decision (what its events' materials would record), so the dossier carries them
    await withClient(env.databaseUrl, async (c) => {
      for (const [i, m] of uploads.result.entries()) await c.query(`INSERT INTO material_citations (material_id, decision_id, seq) VALUES ($1, $2, $3)`, [m.id, decisionId, 3 + i]);
    });
    const zipFile = join(work, 'dossier.zip');
    const dossier = await phase('dossier', (base) => download(base, `/api/decisions/${decisionId}/dossier`, tokens.auditor, zipFile));
    if (dossier.result.status !== 200) throw new Error(`dossier ${dossier.result.status}`);
    const history = await phase('history', (base) => download(base, `/api/decisions/${decisionId}/history`, tokens.auditor));
    if (history.result.status !== 200) throw new Error(`history ${history.result.status}`);
    log('checking the dossier with Python');
    const checked = checkDossier(zipFile);
    if (checked.events !== cfg.events || checked.materials !== cfg.materials) throw new Error(`dossier check: ${JSON.stringify(checked)}`);

    const mibPerSec = (bytes: number, ms: number) => round(bytes / MiB / (ms / 1000), 1);
    const { result: _u, ...upload } = uploads;
    const { result: d, ...dossierFigures } = dossier;
    const { result: h, ...historyFigures } = history;
    const results: MemoryResults = {
      at: new Date().toISOString(),
      machine: await machineFacts(env.databaseUrl, BENCH_REDIS_URL),
      config: cfg,
      decision: { id: decisionId, events: cfg.events, materials: uploads.result.length, materialBytes },
      upload: { ...upload, bytes: materialBytes, mibPerSec: mibPerSec(materialBytes, upload.ms) },
      dossier: { ...dossierFigures, bytes: d.bytes, mibPerSec: mibPerSec(d.bytes, dossierFigures.ms), check: checked },
      history: { ...historyFigures, bytes: h.bytes, mibPerSec: mibPerSec(h.bytes, historyFigures.ms) },
      seconds: Math.round((Date.now() - started) / 1000),
    };
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

type PhaseFigures = { baselineRssMiB: number; peakRssMiB: number; overBaselineMiB: number; samples: number; ms: number; bytes: number; mibPerSec: number };
type MemoryResults = {
  at: string;
  machine: MachineFacts;
  config: typeof cfg;
  decision: { id: string; events: number; materials: number; materialBytes: number };
  upload: PhaseFigures;
  dossier: PhaseFigures & { check: { entries: number } };
  history: PhaseFigures;
  seconds: number;
};

function renderMemory(r: MemoryResults): string {
  const mib = (b: number) => round(b / MiB, 1);
  const each = mib(r.decision.materialBytes / r.decision.materials);
  const row = (what: string, p: PhaseFigures) =>
    `| ${what} | ${mib(p.bytes)} MiB | ${round(p.ms / 1000, 1)} s (${p.mibPerSec} MiB/s) | ${p.baselineRssMiB} MiB | ${p.peakRssMiB} MiB | **${p.overBaselineMiB} MiB** |`;
  const flags = r.config.nodeArgs.length ? ` with \`${r.config.nodeArgs.join(' ')}\`` : ' with default V8 flags';
  return `Measured ${r.at.slice(0, 16).replace('T', ' ')} UTC by \`npm run bench:memory\` (${r.seconds} s); raw results in \`bench/results/memory.json\`.
One decision of ${r.decision.events.toLocaleString('en')} events (a seeded valid chain) citing ${r.decision.materials} materials of ${each} MiB
(${mib(r.decision.materialBytes)} MiB, kept in PostgreSQL in 1 MiB chunks, the default storage). Each phase runs on a fresh built server
(\`MODE=all\`, Node ${r.machine.node}${flags}; ${r.machine.nproc} cores shared with PostgreSQL and the client), warmed up on a small
decision (history, dossier, a 1 MiB upload); its baseline is the idle RSS after that, its peak the highest RSS read from
\`/proc/<pid>/status\` every 25 ms during the phase.

| phase | bytes | time | baseline RSS | peak RSS | over baseline |
|---|---:|---:|---:|---:|---:|
${row(`upload ${r.decision.materials} × ${each} MiB (\`POST /api/materials\`, one after another)`, r.upload)}
${row(`\`GET /api/decisions/:id/dossier\` (zip of ${r.dossier.check.entries} entries)`, r.dossier)}
${row('`GET /api/decisions/:id/history` (JSON)', r.history)}

The downloaded dossier was checked by Python's \`zipfile\` (every CRC, the chain of the manifest's ${r.decision.events.toLocaleString('en')} events, every material's SHA-256).
The run fails when a phase peaks 100 MiB or more over its baseline.`;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
