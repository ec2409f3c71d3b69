import type { SqlSession } from '../sql/sql-session';

// Session-level advisory lock (any process, any API instance): one whole-jurisdiction verify at a time.
const key = `hashtextextended('audit-verify:' || $1, 0)`;

/** Take the jurisdiction's verify lock on `session` if free; false when another session holds it. */
export async function tryVerifyLock(session: SqlSession, jurisdiction: string): Promise<boolean> {
  const rows: { locked: boolean }[] = await session.query(`SELECT pg_try_advisory_lock(${key}) AS locked`, [jurisdiction]);
  return rows[0].locked;
}

/** Give the jurisdiction's verify lock back (taken by tryVerifyLock on the same session). */
export async function releaseVerifyLock(session: SqlSession, jurisdiction: string): Promise<void> {
  await session.query(`SELECT pg_advisory_unlock(${key})`, [jurisdiction]);
}
