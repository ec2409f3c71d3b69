import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Least privilege (issue #14): every table, sequence and function of the schema belongs to the
 * role that migrates, so that the runtime role (which only gets grants, re-applied after every
 * migration run) owns nothing and cannot disable the append-only triggers. Databases where an
 * earlier DB_APP_ROLE setup left the tables to the application's role are handed over here; the
 * role that migrates must be a superuser or a member of that role for it.
 */
export class LeastPrivilege1733900000000 implements MigrationInterface {
  name = 'LeastPrivilege1733900000000';

  async up(q: QueryRunner): Promise<void> {
    const objects: { kind: string; name: string; owner: string }[] = await q.query(`
      SELECT CASE WHEN c.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind, format('%I', c.relname) AS name, pg_get_userbyid(c.relowner) AS owner
        FROM pg_class c
       WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'S') AND c.relowner <> current_user::regrole
         -- a sequence owned by a column moves with its table
         AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
      UNION ALL
      SELECT 'FUNCTION', format('%I(%s)', p.proname, pg_get_function_identity_arguments(p.oid)), pg_get_userbyid(p.proowner)
        FROM pg_proc p
       WHERE p.pronamespace = current_schema()::regnamespace AND p.proowner <> current_user::regrole
       ORDER BY 1, 2`);
    for (const o of objects) {
      try {
        await q.query(`ALTER ${o.kind} ${o.name} OWNER TO CURRENT_USER`);
      } catch (error) {
        throw new Error(
          `cannot take ${o.kind.toLowerCase()} ${o.name} over from the role "${o.owner}" (${(error as Error).message}): ` +
            `run the migrations as a superuser, or as a role granted "${o.owner}", once`,
        );
      }
    }
    // Nothing of the record for PUBLIC (no table of the schema was granted to it; made sure of here).
    await q.query(`DO $$ DECLARE t record; BEGIN
      FOR t IN SELECT format('%I', relname) AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p') LOOP
        EXECUTE 'REVOKE ALL ON TABLE ' || t.name || ' FROM PUBLIC';
      END LOOP; END $$`);
  }

  async down(): Promise<void> {
    // Ownership is not handed back: that would give the runtime role the triggers again.
  }
}
