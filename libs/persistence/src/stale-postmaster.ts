import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};
const commandOf = (pid: number) => (read(`/proc/${pid}/cmdline`) ?? '').replace(/\0/g, ' ');
const parentOf = (pid: number) => {
  const stat = read(`/proc/${pid}/stat`);
  return stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : undefined;
};

/**
 * A node process killed hard (SIGKILL, OOM) leaves its PostgreSQL running and holding the data
 * directory, so the next start would fail. Stops such an orphan; refuses when a live node process
 * still owns it. Linux only (/proc); elsewhere PostgreSQL reports the lock itself.
 */
export async function stopOrphanedPostmaster(databaseDir: string, log: (line: string) => void): Promise<void> {
  const pid = Number(read(join(databaseDir, 'postmaster.pid'))?.split('\n')[0]);
  // The pid file may be stale and its pid reused: only a postgres serving this directory counts.
  if (!pid || !commandOf(pid).includes('postgres') || !commandOf(pid).includes(databaseDir)) return;
  const parent = parentOf(pid);
  if (parent && commandOf(parent).includes('node')) {
    throw new Error(`${databaseDir} is in use by PostgreSQL ${pid} of process ${parent}: stop it or use another DATA_DIR`);
  }
  log(`stopping PostgreSQL ${pid}, left running on ${databaseDir} by an earlier run`);
  process.kill(pid, 'SIGINT');
  for (const deadline = Date.now() + 30_000; commandOf(pid).includes('postgres'); ) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL ${pid} did not stop within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
