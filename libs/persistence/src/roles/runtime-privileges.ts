import type { SqlExecutor } from '../sql/sql-session';

export type TablePrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

const READ_APPEND: readonly TablePrivilege[] = ['SELECT', 'INSERT'];
const READ_WRITE: readonly TablePrivilege[] = ['SELECT', 'INSERT', 'UPDATE'];

/**
 * What the runtime role may do beyond SELECT and INSERT, per table, as the repositories of this
 * library need it (an UPDATE, an upsert or a `FOR UPDATE`/`FOR SHARE` lock needs UPDATE; a purge
 * needs DELETE). Every table not named here — the trails (decision_events, catalogue_events,
 * unit_events), calendar_versions, public comments and their marks, material chunks and citations, and
 * any table a later migration adds — gets SELECT and INSERT only: append-only by default, a table
 * that must change has to be named here.
 */
export const MUTABLE_TABLES: Readonly<Record<string, readonly TablePrivilege[]>> = {
  decisions: READ_WRITE,
  deadlines: READ_WRITE,
  notifications: READ_WRITE,
  catalogues: READ_WRITE,
  catalogue_items: READ_WRITE,
  units: READ_WRITE,
  jurisdiction_settings: READ_WRITE,
  idempotency_keys: ['SELECT', 'INSERT', 'DELETE'],
  // an upload refused after it was stored is removed; material_citations' foreign key refuses deleting one any event cites
  materials: ['SELECT', 'INSERT', 'DELETE'],
  rate_limits: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
};

/** Tables the runtime role only reads. */
export const READ_ONLY_TABLES: readonly string[] = ['typeorm_migrations'];

/** The privileges of the runtime role on `table`. */
export function runtimePrivilegesOf(table: string): readonly TablePrivilege[] {
  if (READ_ONLY_TABLES.includes(table)) return ['SELECT'];
  return MUTABLE_TABLES[table] ?? READ_APPEND;
}

/** A role or other identifier, double-quoted for SQL text. */
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Sets the runtime role's privileges on every table and sequence of the current schema to exactly
 * those of `runtimePrivilegesOf` (REVOKE ALL, then GRANT: no TRUNCATE, REFERENCES or TRIGGER ever),
 * USAGE on the schema, no CREATE in it. Run as the owner of the tables, after every migration run.
 */
export async function applyRuntimeGrants(owner: SqlExecutor, role: string): Promise<void> {
  const r = quoteIdent(role);
  const tables: { name: string }[] = await owner.query(
    `SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1`,
  );
  const schema = quoteIdent(((await owner.query(`SELECT current_schema() AS s`)) as { s: string }[])[0].s);
  await owner.query(`GRANT USAGE ON SCHEMA ${schema} TO ${r}`);
  await owner.query(`REVOKE CREATE ON SCHEMA ${schema} FROM ${r}`);
  for (const { name } of tables) {
    await owner.query(`REVOKE ALL ON TABLE ${quoteIdent(name)} FROM ${r}`);
    await owner.query(`GRANT ${runtimePrivilegesOf(name).join(', ')} ON TABLE ${quoteIdent(name)} TO ${r}`);
  }
  // Serial columns (comment_marks.seq) draw from sequences: nextval needs USAGE, never setval (UPDATE).
  await owner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${r}`);
  await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${r}`);
  await grantQueueSchemas(owner, r);
}

/**
 * BullMQ's PostgreSQL-backend schemas (bullmq_<prefix>, migrated by the owner): jobs are working
 * state, not the record, so the runtime role gets every row operation there, still no DDL.
 */
async function grantQueueSchemas(owner: SqlExecutor, r: string): Promise<void> {
  const schemas: { name: string }[] = await owner.query(`SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'bullmq\\_%' ORDER BY 1`);
  for (const { name } of schemas) {
    const s = quoteIdent(name);
    await owner.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
    await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
    await owner.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
    await owner.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${r}`);
  }
}

/**
 * The roles that hold the runtime grants today (INSERT on decision_events without owning it): a
 * migration run re-applies the grants to them, so a table added later reaches them too.
 */
export async function runtimeGrantees(owner: SqlExecutor): Promise<string[]> {
  const rows: { role: string }[] = await owner.query(
    `SELECT DISTINCT r.rolname AS role
       FROM pg_class c, aclexplode(c.relacl) a JOIN pg_roles r ON r.oid = a.grantee
      WHERE c.oid = to_regclass('decision_events') AND a.privilege_type = 'INSERT' AND a.grantee <> c.relowner AND NOT r.rolsuper
      ORDER BY 1`,
  );
  return rows.map((row) => row.role);
}
