import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions, their append-only hash-chained trail, deadlines, idempotency keys,
 * materials and jurisdiction settings. The trail's immutability lives in the
 * database: triggers refuse UPDATE, DELETE and TRUNCATE for every role, and
 * when DB_APP_ROLE names the application's runtime role it gets INSERT and
 * SELECT only on the trail.
 */
export class InitialSchema1732400000000 implements MigrationInterface {
  name = 'InitialSchema1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE decisions (
        id uuid PRIMARY KEY,
        jurisdiction text NOT NULL,
        title text NOT NULL,
        category text NOT NULL,
        summary text,
        confidential boolean NOT NULL DEFAULT false,
        catalogue_item_id uuid,
        involved_units text[] NOT NULL DEFAULT '{}',
        status text NOT NULL,
        state_value jsonb NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        machine_id text NOT NULL,
        machine_version integer NOT NULL,
        profile_id text NOT NULL,
        profile_version integer NOT NULL,
        snapshot jsonb NOT NULL,
        view jsonb NOT NULL,
        last_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX decisions_jurisdiction_created_idx ON decisions (jurisdiction, created_at DESC, id)`);
    await q.query(`CREATE INDEX decisions_jurisdiction_status_idx ON decisions (jurisdiction, status)`);

    await q.query(`
      CREATE TABLE decision_events (
        decision_id uuid NOT NULL REFERENCES decisions(id),
        seq integer NOT NULL CHECK (seq >= 1),
        jurisdiction text NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        actor jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        state_before jsonb,
        state_after jsonb NOT NULL,
        machine_id text NOT NULL,
        machine_version integer NOT NULL,
        profile_id text NOT NULL,
        profile_version integer NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (decision_id, seq)
      )`);
    await q.query(`CREATE INDEX decision_events_jurisdiction_idx ON decision_events (jurisdiction, decision_id, seq)`);
    await q.query(`
      CREATE FUNCTION decision_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'decision_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER decision_events_no_update_delete BEFORE UPDATE OR DELETE ON decision_events
      FOR EACH ROW EXECUTE FUNCTION decision_events_append_only()`);
    await q.query(`
      CREATE TRIGGER decision_events_no_truncate BEFORE TRUNCATE ON decision_events
      FOR EACH STATEMENT EXECUTE FUNCTION decision_events_append_only()`);

    await q.query(`
      CREATE TABLE deadlines (
        id uuid PRIMARY KEY,
        decision_id uuid NOT NULL REFERENCES decisions(id),
        jurisdiction text NOT NULL,
        kind text NOT NULL,
        key text NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'fired', 'closed')),
        fire_event text,
        fired_at timestamptz,
        created_seq integer NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (decision_id, key)
      )`);
    await q.query(`CREATE INDEX deadlines_pending_due_idx ON deadlines (due_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX deadlines_jurisdiction_idx ON deadlines (jurisdiction, status, due_at)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash char(64) NOT NULL,
        status_code integer NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);

    await q.query(`
      CREATE TABLE materials (
        id uuid PRIMARY KEY,
        jurisdiction text NOT NULL,
        filename text NOT NULL,
        content_type text NOT NULL,
        size bigint NOT NULL,
        sha256 char(64) NOT NULL,
        content bytea,
        storage_path text,
        uploaded_by jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        CHECK (content IS NOT NULL OR storage_path IS NOT NULL)
      )`);

    await q.query(`
      CREATE TABLE jurisdiction_settings (
        jurisdiction text PRIMARY KEY,
        profile_id text NOT NULL,
        webhook_url text,
        updated_at timestamptz NOT NULL
      )`);

    const appRole = process.env.DB_APP_ROLE;
    if (appRole) {
      const role = `"${appRole.replace(/"/g, '""')}"`;
      await q.query(`REVOKE ALL ON decision_events FROM ${role}`);
      await q.query(`GRANT SELECT, INSERT ON decision_events TO ${role}`);
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON decisions, deadlines, idempotency_keys, materials, jurisdiction_settings TO ${role}`);
    }
  }

  async down(_q: QueryRunner): Promise<void> {
    // The trail is never dropped by a migration: reverting the initial schema is refused.
    throw new Error('refusing to drop the audit trail; restore from backup instead');
  }
}
