import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The annual decision catalogue (决策事项目录): its own append-only,
 * hash-chained trail (`catalogue_events`), a projection of each catalogue and
 * its items, and the generic trigger function that makes a trail append-only.
 */
export class Catalogues1732700000000 implements MigrationInterface {
  name = 'Catalogues1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION append_only_trail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TABLE catalogues (
        id uuid PRIMARY KEY,
        jurisdiction text NOT NULL,
        year integer NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'consented', 'published')),
        state jsonb NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        last_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (jurisdiction, year)
      )`);
    await q.query(`
      CREATE TABLE catalogue_items (
        id uuid PRIMARY KEY,
        catalogue_id uuid NOT NULL REFERENCES catalogues(id),
        jurisdiction text NOT NULL,
        position integer NOT NULL,
        title text NOT NULL,
        category text NOT NULL,
        undertaking_unit text NOT NULL,
        planned_quarter integer,
        removed boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX catalogue_items_catalogue_idx ON catalogue_items (catalogue_id, position)`);
    await q.query(`CREATE INDEX decisions_catalogue_item_idx ON decisions (catalogue_item_id) WHERE catalogue_item_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE catalogue_events (
        catalogue_id uuid NOT NULL REFERENCES catalogues(id),
        seq integer NOT NULL CHECK (seq >= 1),
        jurisdiction text NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        actor jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (catalogue_id, seq)
      )`);
    await appendOnly(q, 'catalogue_events');
    const role = process.env.DB_APP_ROLE && `"${process.env.DB_APP_ROLE.replace(/"/g, '""')}"`;
    if (role) {
      await q.query(`REVOKE ALL ON catalogue_events FROM ${role}`);
      await q.query(`GRANT SELECT, INSERT ON catalogue_events TO ${role}`);
      await q.query(`GRANT SELECT, INSERT, UPDATE ON catalogues, catalogue_items TO ${role}`);
    }
  }

  async down(): Promise<void> {
    throw new Error('refusing to drop the catalogue trail; restore from backup instead');
  }
}

/** Triggers refusing UPDATE, DELETE and TRUNCATE on `table` for every role. */
export async function appendOnly(q: QueryRunner, table: string): Promise<void> {
  await q.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION append_only_trail()`);
  await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION append_only_trail()`);
}
