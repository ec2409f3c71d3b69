import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnly } from './1732700000000-catalogues';

/**
 * Three more fields of a trail entry, hashed when present (events written before keep their
 * hashes): `alg`, the hash algorithm of the entry (sha256 or sm3); `calendar`, the version of
 * the working-day calendar the engine used; `warnings`, risks accepted with the event (e.g. a
 * legality review date that unpublished holidays may make too short). The data of each calendar
 * version is kept once, append-only, so that replay years later computes with the same calendar.
 */
export class EventEnvelope1733400000000 implements MigrationInterface {
  name = 'EventEnvelope1733400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decision_events ADD COLUMN alg text, ADD COLUMN calendar text, ADD COLUMN warnings jsonb`);
    await q.query(`
      CREATE TABLE calendar_versions (
        version char(64) PRIMARY KEY,
        data jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await appendOnly(q, 'calendar_versions');
  }

  async down(): Promise<void> {
    throw new Error('refusing to drop calendar versions that recorded events name; restore from backup instead');
  }
}
