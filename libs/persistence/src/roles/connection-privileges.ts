import type { SqlExecutor } from '../sql/sql-session';

/** What the role of a connection could do to the record's own protection (the append-only triggers). */
export interface ConnectionPrivileges {
  role: string;
  superuser: boolean;
  /** tables of the schema whose owner the role is, or a member of */
  ownedTables: string[];
  /** tables on which it may create triggers */
  triggerTables: string[];
  /** it may SET session_replication_role (replica: triggers do not fire) */
  canSkipTriggers: boolean;
  /** it may create objects in the schema (DDL) */
  canCreateInSchema: boolean;
}

/** Whether those privileges let the role disable or bypass the triggers (refused at startup without ALLOW_OWNER_RUNTIME). */
export function canDisableTriggers(p: ConnectionPrivileges): boolean {
  return p.superuser || p.ownedTables.length > 0 || p.triggerTables.length > 0 || p.canSkipTriggers;
}

/** One line naming what makes the connection unsafe, for the log and /api/health. */
export function describeOwnerRuntime(p: ConnectionPrivileges): string {
  const why = [
    p.superuser && 'is a superuser',
    p.ownedTables.length > 0 && `owns (or is a member of the owner of) ${p.ownedTables.length} table(s) such as ${p.ownedTables[0]}`,
    p.triggerTables.length > 0 && `holds TRIGGER on ${p.triggerTables.join(', ')}`,
    p.canSkipTriggers && 'may SET session_replication_role',
  ].filter(Boolean);
  return `the database role "${p.role}" the engine serves on ${why.join(', ')}: it can disable the append-only triggers of the trail`;
}

/** The privileges of the connection's own role (current_user) on the tables of the current schema. */
export async function inspectConnectionPrivileges(db: SqlExecutor): Promise<ConnectionPrivileges> {
  const [row]: {
    role: string;
    superuser: boolean;
    owned: string[] | null;
    trigger: string[] | null;
    create: boolean;
    version: number;
  }[] = await db.query(`
    SELECT current_user AS role,
           (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
           (SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_class c
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'MEMBER')) AS owned,
           (SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_class c
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND has_table_privilege(c.oid, 'TRIGGER')) AS trigger,
           has_schema_privilege(current_schema(), 'CREATE') AS create,
           current_setting('server_version_num')::int AS version`);
  // PostgreSQL 15 made SET of a superuser-only parameter grantable (GRANT SET ON PARAMETER).
  const skip: { ok: boolean }[] =
    row.version >= 150000 ? await db.query(`SELECT has_parameter_privilege('session_replication_role', 'SET') AS ok`) : [{ ok: row.superuser }];
  return {
    role: row.role,
    superuser: row.superuser,
    ownedTables: row.owned ?? [],
    triggerTables: row.trigger ?? [],
    canSkipTriggers: skip[0].ok,
    canCreateInSchema: row.create,
  };
}
