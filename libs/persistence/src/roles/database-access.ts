import { readOrCreateSecret } from '@app/config';
import { join } from 'node:path';
import { MIGRATION_LOCK_KEY, runPendingMigrations } from '../migration-runner';
import { openSqlSession, type SqlSession } from '../sql/sql-session';
import { canDisableTriggers, describeOwnerRuntime, inspectConnectionPrivileges, type ConnectionPrivileges } from './connection-privileges';
import { applyRuntimeGrants, quoteIdent } from './runtime-privileges';

/** How the engine reaches its database (see the README, "Database roles"). */
export interface DatabaseAccessOptions {
  /** DATABASE_URL: the owner's (migrated with, a runtime role made from it) unless migrationUrl is set, then the runtime role's */
  databaseUrl: string;
  /** MIGRATION_DATABASE_URL: the owner's, for migrations and grants only */
  migrationUrl?: string;
  /** DB_RUNTIME_URL: a runtime role the operator manages, with the owner's DATABASE_URL */
  runtimeUrl?: string;
  /** DB_RUNTIME_ROLE: the name of the role the engine manages (default: `<database>_runtime`) */
  runtimeRole?: string;
  /** where the managed role's password is kept (file db-runtime-password) */
  dataDir: string;
  migrationsRun: boolean;
  /** ALLOW_OWNER_RUNTIME: serve, with a warning, on a connection that could disable the triggers */
  allowOwnerRuntime: boolean;
  log: { info(line: string): void; warn(line: string): void };
}

export interface DatabaseAccess {
  /** the URL the API and worker connect with */
  url: string;
  migrationsApplied: string[];
  privileges: ConnectionPrivileges;
  /** set when serving on a connection that could disable the triggers (ALLOW_OWNER_RUNTIME=true) */
  warning?: string;
}

/** The engine will not serve on a connection that could disable the record's triggers. */
export class OwnerRuntimeRefused extends Error {
  override readonly name = 'OwnerRuntimeRefused';
}

export const RUNTIME_PASSWORD_FILE = 'db-runtime-password';

/** The default name of the managed runtime role: the database's, suffixed (roles are per cluster, databases are not). */
export function defaultRuntimeRole(url: string): string {
  const database = decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
  return `${database.slice(0, 55)}_runtime`;
}

/** `url` with another user and password (host, database and parameters kept). */
export function withCredentials(url: string, user: string, password: string): string {
  const out = new URL(url);
  out.username = encodeURIComponent(user);
  out.password = encodeURIComponent(password);
  return out.toString();
}

async function onOwner<T>(ownerUrl: string, work: (owner: SqlSession) => Promise<T>): Promise<T> {
  const owner = await openSqlSession(ownerUrl);
  try {
    // Beside migrations of other processes starting at once: GRANT and CREATE ROLE race otherwise.
    await owner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await work(owner);
  } finally {
    await owner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await owner.end();
  }
}

async function privilegesOf(url: string): Promise<ConnectionPrivileges> {
  const session = await openSqlSession(url);
  try {
    return await inspectConnectionPrivileges(session);
  } finally {
    await session.end();
  }
}

async function canLogIn(url: string): Promise<boolean> {
  try {
    await (await openSqlSession(url)).end();
    return true;
  } catch (error) {
    // 28P01 invalid_password, 28000 invalid_authorization_specification: anything else is no answer about the password.
    if (['28P01', '28000'].includes((error as { code?: string }).code ?? '')) return false;
    throw error;
  }
}

const ROLE_ATTRIBUTES = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT';
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The runtime role the engine manages: created on the owner's connection when missing (password
 * generated once under DATA_DIR, like the JWT secret), its attributes and grants set again on
 * every start, its password set again only when it no longer logs in. Returns its URL.
 */
export async function ensureManagedRuntimeRole(ownerUrl: string, role: string, password: string, log: DatabaseAccessOptions['log']): Promise<string> {
  const url = withCredentials(ownerUrl, role, password);
  const created = await onOwner(ownerUrl, async (owner) => {
    const [me]: { user: string }[] = await owner.query('SELECT current_user AS user');
    if (me.user === role) throw new OwnerRuntimeRefused(`the runtime role "${role}" is the role that migrates: name another one (DB_RUNTIME_ROLE)`);
    const exists = (await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).length > 0;
    // CREATE/ALTER ROLE take no parameters: the password goes in as a quoted literal.
    if (!exists) await owner.query(`CREATE ROLE ${quoteIdent(role)} ${ROLE_ATTRIBUTES} PASSWORD ${literal(password)}`);
    else await owner.query(`ALTER ROLE ${quoteIdent(role)} ${ROLE_ATTRIBUTES}`);
    await applyRuntimeGrants(owner, role);
    return !exists;
  });
  if (created) log.info(`Created the database runtime role "${role}" (password in DATA_DIR/${RUNTIME_PASSWORD_FILE})`);
  else if (!(await canLogIn(url))) {
    log.warn(`The database runtime role "${role}" did not accept the password of DATA_DIR/${RUNTIME_PASSWORD_FILE}: setting it again (processes sharing this database must share DATA_DIR or use DB_RUNTIME_URL)`);
    await onOwner(ownerUrl, (owner) => owner.query(`ALTER ROLE ${quoteIdent(role)} PASSWORD ${literal(password)}`));
  }
  return url;
}

/**
 * Migrates as the owner, then settles the connection the engine serves on: the runtime role it
 * manages (one owner URL), or the one named (DB_RUNTIME_URL, or DATABASE_URL beside a
 * MIGRATION_DATABASE_URL), whose grants it sets. Refuses (OwnerRuntimeRefused) a connection that
 * could disable the append-only triggers unless allowOwnerRuntime.
 */
export async function prepareDatabaseAccess(o: DatabaseAccessOptions): Promise<DatabaseAccess> {
  const ownerUrl = o.migrationUrl ?? o.databaseUrl;
  const migrationsApplied = o.migrationsRun ? await runPendingMigrations(ownerUrl) : [];
  const named = o.migrationUrl ? o.databaseUrl : o.runtimeUrl;
  let url: string;
  if (named) {
    url = named;
    const before = await privilegesOf(url);
    // Never REVOKE from an owner: its own tables would be taken from it.
    if (!before.superuser && before.ownedTables.length === 0) await onOwner(ownerUrl, (owner) => applyRuntimeGrants(owner, before.role));
  } else {
    const role = o.runtimeRole || defaultRuntimeRole(ownerUrl);
    const password = readOrCreateSecret(join(o.dataDir, RUNTIME_PASSWORD_FILE));
    try {
      url = await ensureManagedRuntimeRole(ownerUrl, role, password, o.log);
    } catch (error) {
      if (error instanceof OwnerRuntimeRefused) throw error;
      if (!o.allowOwnerRuntime) {
        throw new OwnerRuntimeRefused(
          `Could not set up the database runtime role "${role}" (${(error as Error).message}): give the role of DATABASE_URL CREATEROLE, ` +
            'or set DB_RUNTIME_URL (a role you manage), or MIGRATION_DATABASE_URL beside a runtime DATABASE_URL, or ALLOW_OWNER_RUNTIME=true',
        );
      }
      o.log.warn(`Could not set up the runtime role "${role}" (${(error as Error).message}): serving on DATABASE_URL as ALLOW_OWNER_RUNTIME allows`);
      url = o.databaseUrl;
    }
  }
  const privileges = await privilegesOf(url);
  if (!canDisableTriggers(privileges)) return { url, migrationsApplied, privileges };
  const line = describeOwnerRuntime(privileges);
  if (!o.allowOwnerRuntime) {
    throw new OwnerRuntimeRefused(
      `Refusing to serve: ${line}. Give the engine a runtime role (one owner DATABASE_URL lets it make its own; or DB_RUNTIME_URL, or MIGRATION_DATABASE_URL beside a runtime DATABASE_URL), or set ALLOW_OWNER_RUNTIME=true to accept the risk`,
    );
  }
  const warning = `ALLOW_OWNER_RUNTIME=true: ${line}; the record is protected only against the application, not against this connection`;
  o.log.warn(`!!! ${warning} !!!`);
  return { url, migrationsApplied, privileges, warning };
}
