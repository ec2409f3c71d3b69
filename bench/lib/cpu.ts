import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU ms (user+system) of one process from /proc, or 0 when it is gone; `statFile`: another stat file (e.g. one thread's, /proc/<pid>/task/<tid>/stat). */
export function processCpuMs(pid: number, statFile = `/proc/${pid}/stat`): number {
  try {
    const stat = readFileSync(statFile, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (fields 14, 15 of stat)
  } catch {
    return 0;
  }
}

/** CPU ms of one process from /proc split into user and system time (zeros when it is gone). */
export function processCpuSplitMs(pid: number): { user: number; system: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) * TICK_MS, system: Number(fields[12]) * TICK_MS };
  } catch {
    return { user: 0, system: 0 };
  }
}

/** CPU ms of this process's exited (reaped) children, e.g. pgbench (cutime + cstime). */
export function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
}

/** CPU ms of every process named `postgres` (backends, WAL writer, checkpointer, …). */
export function postgresCpuMs(): { total: number; pids: Map<number, number> } {
  const pids = new Map<number, number>();
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
      pids.set(Number(entry), ms);
      total += ms;
    } catch {
      // raced with an exiting process
    }
  }
  return { total, pids };
}

export interface CpuSample {
  server: number;
  postgres: Map<number, number>;
  self: number;
  other: Map<number, number>;
}

/** Where the CPU went between two samples: the server process, PostgreSQL, this load generator (incl. pgbench children when given). */
export class CpuMeter {
  private start: { server: number; pg: Map<number, number>; self: NodeJS.CpuUsage; wall: number; machine: number; children: number } | null = null;

  constructor(private readonly serverPid: () => number | undefined) {}

  begin(): void {
    const pid = this.serverPid();
    this.start = { server: pid ? processCpuMs(pid) : 0, pg: postgresCpuMs().pids, self: process.cpuUsage(), wall: Date.now(), machine: machineBusyMs(), children: childrenCpuMs() };
  }

  /** CPU ms spent per role since `begin` (PostgreSQL: processes that exited in between are not counted). */
  end(): { wallMs: number; serverMs: number; postgresMs: number; benchMs: number; childrenMs: number; machineMs: number; otherMs: number } {
    if (!this.start) throw new Error('CpuMeter.end before begin');
    const pid = this.serverPid();
    const pg = postgresCpuMs().pids;
    let postgresMs = 0;
    for (const [p, ms] of pg) postgresMs += ms - (this.start.pg.get(p) ?? 0);
    const self = process.cpuUsage(this.start.self);
    const serverMs = pid ? processCpuMs(pid) - this.start.server : 0;
    const benchMs = (self.user + self.system) / 1000;
    const machineMs = machineBusyMs() - this.start.machine;
    return {
      wallMs: Date.now() - this.start.wall,
      serverMs,
      postgresMs,
      benchMs,
      childrenMs: childrenCpuMs() - this.start.children,
      machineMs,
      // everything else on the machine (other people's processes, pgbench, kernel threads)
      otherMs: Math.max(0, machineMs - serverMs - postgresMs - benchMs),
    };
  }
}

/** Busy CPU ms of the whole machine (all cores) from /proc/stat. */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + (steal ?? 0)) * TICK_MS;
}

/**
 * Waits (at most `maxWaitMs`) until the machine is quiet: less than
 * `maxBusyCores` busy for 3 consecutive seconds. Other people's test runs on a
 * 2-core box move every figure; returns the busy cores seen last.
 */
export async function waitForQuiet(maxWaitMs: number, maxBusyCores = 0.25): Promise<{ waitedMs: number; busyCores: number; quiet: boolean }> {
  const start = Date.now();
  let quietSeconds = 0;
  let busyCores = 0;
  while (Date.now() - start < maxWaitMs) {
    const a = machineBusyMs();
    await new Promise((r) => setTimeout(r, 1000));
    busyCores = (machineBusyMs() - a) / 1000;
    quietSeconds = busyCores < maxBusyCores ? quietSeconds + 1 : 0;
    if (quietSeconds >= 3) return { waitedMs: Date.now() - start, busyCores, quiet: true };
  }
  return { waitedMs: Date.now() - start, busyCores, quiet: false };
}
