import { openSqlSession, type SqlSession } from '@app/persistence';
import { seedTrail } from '../../bench/seed-trail';

export interface SeededTrail {
  /** a session on the test database; end it in afterAll */
  session: SqlSession & { end(): Promise<void> };
  /** the seeded decisions' ids, in id order (the trail's order) */
  ids: string[];
}

/** A valid trail of `decisions` × `eventsPerDecision` events seeded into the test database (integration tests). */
export async function seededTrail(jurisdiction: string, decisions: number, eventsPerDecision: number): Promise<SeededTrail> {
  const url = process.env.DATABASE_URL!;
  const session = await openSqlSession(url);
  await seedTrail({ databaseUrl: url, jurisdiction, decisions, eventsPerDecision });
  const rows: { id: string }[] = await session.query(`SELECT id FROM decisions WHERE jurisdiction = $1 ORDER BY id`, [jurisdiction]);
  return { session, ids: rows.map((r) => r.id) };
}
