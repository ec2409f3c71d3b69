import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnly } from './1732700000000-catalogues';

/**
 * The units of each jurisdiction (departments, review offices, lower governments…) as entities:
 * id, name, kind and the legacy names earlier records used for them (v1 decisions recorded units
 * as free text). Every change is an entry of the unit's own append-only, hash-chained trail.
 */
export class Units1733600000000 implements MigrationInterface {
  name = 'Units1733600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE units (
        jurisdiction text NOT NULL,
        id text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('DEPARTMENT', 'LEGAL_REVIEW_OFFICE', 'GENERAL_OFFICE', 'LOWER_GOVERNMENT', 'THIRD_PARTY', 'OTHER')),
        legacy_names text[] NOT NULL DEFAULT '{}',
        version integer NOT NULL CHECK (version >= 1),
        last_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (jurisdiction, id)
      )`);
    await q.query(`
      CREATE TABLE unit_events (
        jurisdiction text NOT NULL,
        unit_id text NOT NULL,
        seq integer NOT NULL CHECK (seq >= 1),
        type text NOT NULL,
        payload jsonb NOT NULL,
        actor jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (jurisdiction, unit_id, seq),
        FOREIGN KEY (jurisdiction, unit_id) REFERENCES units (jurisdiction, id)
      )`);
    await appendOnly(q, 'unit_events');
    const role = process.env.DB_APP_ROLE && `"${process.env.DB_APP_ROLE.replace(/"/g, '""')}"`;
    if (role) {
      await q.query(`REVOKE ALL ON unit_events FROM ${role}`);
      await q.query(`GRANT SELECT, INSERT ON unit_events TO ${role}`);
      await q.query(`GRANT SELECT, INSERT, UPDATE ON units TO ${role}`);
    }
  }

  async down(): Promise<void> {
    throw new Error('refusing to drop the unit trail; restore from backup instead');
  }
}
