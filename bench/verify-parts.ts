/**
 * Where a whole-jurisdiction verify spends its CPU, part by part, in this process (single-threaded,
 * CPU ms from process.cpuUsage), on the database bench/verify-micro.ts keeps: reading one id range
 * of the trail; reading and hashing its chains; reading, hashing and replaying it (verifyRange);
 * and the tree of the whole jurisdiction against its last checkpoint.
 *
 *   node -r @swc-node/register bench/verify-parts.ts [--database mde_verify_micro] [--decisions 100] [--only read,chains,range,tree]
 */
import { keysForSize, openKeyLogEntry, verifyKeyLog } from '../libs/audit/src';
import { createWorkingDayCalendar } from '../libs/calendar/src/build-calendar';
import { ProcedureEngine } from '../libs/procedure/src';
import { openSqlSession } from '../libs/persistence/src/sql/sql-session';
import { decisionSizes, readTrail, type IdRange } from '../libs/persistence/src/repositories/trail.reader';
import { keyLog, latestCheckpoint, readLeaves } from '../libs/persistence/src/repositories/checkpoint.repository';
import { verifyRange } from '../libs/archive/src/range-verification';
import { verifyChains } from '../libs/archive/src/trail-verification';
import { verifyTree } from '../libs/archive/src/checkpoints/tree-verification';
import { processCpuMs } from './lib/cpu';
import { databaseUrl } from './lib/pg';
import { log, parseFlags } from './lib/util';

const flags = parseFlags(process.argv.slice(2));
const url = databaseUrl(String(flags.database ?? 'mde_verify_micro'));
const JURISDICTION = 'county-verify';
const only = flags.only ? String(flags.only).split(',') : ['read', 'chains', 'range', 'tree'];

async function timed<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const b = backendMs();
  const cpu = process.cpuUsage();
  const t = Date.now();
  const out = await fn();
  const used = process.cpuUsage(cpu);
  log(`${what}: ${Math.round((used.user + used.system) / 1000)} ms CPU, ${Date.now() - t} ms wall, backend ${backendMs() - b} ms CPU`);
  return out;
}

let backendPid = 0;
const backendMs = () => processCpuMs(backendPid);

async function main() {
  const session = await openSqlSession(url);
  backendPid = (await session.query('SELECT pg_backend_pid() AS pid'))[0].pid;
  try {
    const sizes = await decisionSizes(session, JURISDICTION);
    const n = Number(flags.decisions ?? 100);
    const range: IdRange = { after: null, upTo: sizes[n - 1].id };
    const events = sizes.slice(0, n).reduce((s, d) => s + d.version, 0);
    log(`range: ${n} decisions, ${events} events`);
    const engine = new ProcedureEngine({ calendar: createWorkingDayCalendar() });
    for (let round = 0; round < 2; round++) {
      if (only.includes('read')) {
        await timed('read', async () => {
          let k = 0;
          for await (const batch of readTrail(session, { jurisdiction: JURISDICTION, range }, 1000)) k += batch.length;
          return k;
        });
      }
      if (only.includes('chains')) await timed('read + chains', () => verifyChains(session, JURISDICTION, range));
      if (only.includes('range')) {
        const r = await timed('read + chains + replay (verifyRange)', () => verifyRange(session, JURISDICTION, range, engine, async () => undefined));
        if (!r.chains.ok || !r.projections.ok) throw new Error(JSON.stringify(r));
      }
    }
    if (only.includes('leaves')) {
      await timed('read the leaves (readLeaves)', async () => {
        let k = 0;
        for await (const batch of readLeaves(session, JURISDICTION)) k += batch.length;
        return k;
      });
    }
    if (only.includes('tree')) {
      const latest = (await latestCheckpoint(session, JURISDICTION))!;
      const notes = (await keyLog(session, JURISDICTION)).map((r) => r.note);
      const keys = keysForSize(verifyKeyLog(notes, openKeyLogEntry(notes[0]).new), Number(latest.tree_size));
      const r = await timed(`tree of ${latest.tree_size} leaves`, () => verifyTree(session, { jurisdiction: JURISDICTION, origin: `major-decision-engine/${JURISDICTION}`, checkpointNotes: [latest.note], keys }));
      if (!r.ok) throw new Error(JSON.stringify(r));
    }
  } finally {
    await session.end();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
