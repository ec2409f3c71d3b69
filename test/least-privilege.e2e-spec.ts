import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultRuntimeRole,
  OwnerRuntimeRefused,
  prepareDatabaseAccess,
  runPendingMigrations,
  RUNTIME_PASSWORD_FILE,
  withCredentials,
  type DatabaseAccess,
  type DatabaseAccessOptions,
} from '@app/persistence';
import { migrateQueueSchema, queueSchemaOf } from '@app/scheduling';
import type { QueryRunner } from 'typeorm';
import { LeastPrivilege1733900000000 } from '../migrations/1733900000000-least-privilege';
import { bearer, createTestApp, type TestApp } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';

// Issue #14, least privilege: the engine migrates as the owner and serves on a runtime role that can
// append to the record and read it, and nothing that would let it rewrite it or switch its triggers off.

interface PgClient {
  connect(): Promise<void>;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
  end(): Promise<void>;
}
 
const { Client } = require('pg') as { Client: new (config: { connectionString: string }) => PgClient };

async function connect(url: string): Promise<PgClient> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** The error a statement fails with (the test fails when it succeeds). */
async function refusal(db: PgClient, sql: string): Promise<{ code: string; message: string }> {
  try {
    await db.query(sql);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error(`the runtime role could run: ${sql}`);
}

const TRAILS = ['decision_events', 'catalogue_events', 'unit_events', 'calendar_versions', 'public_comments', 'comment_marks', 'material_chunks', 'material_citations'];

describe('Least privilege: the engine serves on a runtime role', () => {
  const ownerUrl = process.env.DATABASE_URL!;
  const role = defaultRuntimeRole(ownerUrl);
  const dataDir = mkdtempSync(join(tmpdir(), 'mde-privilege-'));
  const lines: string[] = [];
  const options = (more: Partial<DatabaseAccessOptions> = {}): DatabaseAccessOptions => ({
    databaseUrl: ownerUrl,
    dataDir,
    migrationsRun: true,
    allowOwnerRuntime: false,
    log: { info: (line) => lines.push(line), warn: (line) => lines.push(`WARN ${line}`) },
    ...more,
  });
  let access: DatabaseAccess;
  let t: TestApp;
  let runtime: PgClient;
  let owner: PgClient;

  beforeAll(async () => {
    access = await prepareDatabaseAccess(options());
    // The app is built on the URL the composition root hands it, as main.ts does.
    process.env.DATABASE_URL = access.url;
    t = await createTestApp();
    runtime = await connect(access.url);
    owner = await connect(ownerUrl);
  });
  afterAll(async () => {
    process.env.DATABASE_URL = ownerUrl;
    await runtime?.end();
    await owner?.end();
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates its runtime role from the one owner URL, password kept in DATA_DIR, and serves on it', async () => {
    const password = readFileSync(join(dataDir, RUNTIME_PASSWORD_FILE), 'utf8').trim();
    expect(password).toMatch(/^[0-9a-f]{64}$/);
    expect(access.url).toBe(withCredentials(ownerUrl, role, password));
    expect(access.privileges).toMatchObject({ role, superuser: false, ownedTables: [], triggerTables: [], canSkipTriggers: false, canCreateInSchema: false });
    expect(access.warning).toBeUndefined();
    const { rows } = await runtime.query<{ user: string; super: boolean; member_of: number }>(
      `SELECT current_user AS user, rolsuper AS super, (SELECT count(*)::int FROM pg_auth_members WHERE member = r.oid) AS member_of FROM pg_roles r WHERE rolname = current_user`,
    );
    expect(rows).toEqual([{ user: role, super: false, member_of: 0 }]);
  });

  it('the app runs on it end to end: create, events, history, verify; health without warnings', async () => {
    const who = people('county-least-privilege');
    const flow = new DecisionFlow(t, who);
    const id = await flow.create({ confidential: true });
    await flow.ok(id, who.secretary, lawful.accept);
    await flow.ok(id, who.drafter, lawful.draft());
    const history = await t.http.get(`/api/decisions/${id}/history`).set('Authorization', bearer(who.auditor)).expect(200);
    expect(history.body.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3]);
    const verify = await t.http.get('/api/audit/verify').set('Authorization', bearer(who.auditor)).expect(200);
    expect(verify.body).toMatchObject({ ok: true, checkedEvents: 3, checkedDecisions: 1 });
    const health = await t.http.get('/api/health').expect(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.warnings.filter((w: { code: string }) => w.code === 'ALLOW_OWNER_RUNTIME')).toEqual([]);
  });

  it.each(TRAILS)('cannot UPDATE, DELETE or TRUNCATE %s (permission denied, before any trigger)', async (table) => {
    const { rows } = await owner.query<{ column: string }>(`SELECT column_name AS column FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position LIMIT 1`, [table]);
    for (const sql of [`UPDATE ${table} SET ${rows[0].column} = ${rows[0].column}`, `DELETE FROM ${table}`, `TRUNCATE ${table}`]) {
      expect(await refusal(runtime, sql)).toMatchObject({ code: '42501', message: expect.stringMatching(/^permission denied for table/) });
    }
  });

  it('uploads materials on it (chunks stored, never updated); a cited material can be neither changed nor deleted', async () => {
    const who = people('county-least-privilege-materials');
    const flow = new DecisionFlow(t, who);
    const content = Buffer.alloc(2.5 * 1024 * 1024, 7);
    const upload = await t.http.post('/api/materials').set('Authorization', bearer(who.drafter)).attach('file', content, '草案.bin').expect(201);
    const back = await t.http.get(`/api/materials/${upload.body.id}`).set('Authorization', bearer(who.drafter)).buffer(true).parse((res, done) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => done(null, Buffer.concat(parts)));
    });
    expect(back.status).toBe(200);
    expect(Buffer.compare(back.body as Buffer, content)).toBe(0);
    const id = await flow.create();
    await flow.ok(id, who.secretary, lawful.accept);
    await flow.ok(id, who.drafter, { type: 'REVISE_DRAFT', materialId: upload.body.id, changeSummary: '初稿' });
    expect(await refusal(runtime, `UPDATE materials SET filename = 'x' WHERE id = '${upload.body.id}'`)).toMatchObject({ code: '42501' });
    expect(await refusal(runtime, `TRUNCATE materials`)).toMatchObject({ code: '42501' });
    expect(await refusal(runtime, `DELETE FROM materials WHERE id = '${upload.body.id}'`)).toMatchObject({ code: '23503' });
  });

  it('cannot disable, drop or add triggers, skip them by replication role, or change the schema', async () => {
    const ownerOnly = [
      'ALTER TABLE decision_events DISABLE TRIGGER ALL',
      'ALTER TABLE decision_events DISABLE TRIGGER decision_events_no_update_delete',
      'DROP TRIGGER decision_events_no_update_delete ON decision_events',
      'ALTER TABLE catalogue_events DISABLE TRIGGER USER',
      'ALTER TABLE decisions ADD COLUMN x int',
      'DROP TABLE rate_limits',
    ];
    for (const sql of ownerOnly) expect((await refusal(runtime, sql)).message).toMatch(/^must be owner/);
    expect((await refusal(runtime, 'CREATE TRIGGER sneaky BEFORE INSERT ON decision_events FOR EACH ROW EXECUTE FUNCTION decision_events_append_only()')).message).toMatch(
      /^permission denied for table decision_events/,
    );
    expect((await refusal(runtime, 'SET session_replication_role = replica')).message).toMatch(/^permission denied to set parameter "session_replication_role"/);
    for (const sql of [
      'CREATE OR REPLACE FUNCTION decision_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
      'CREATE TABLE scratch (a int)', 'CREATE FUNCTION scratch() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$', 'CREATE VIEW scratch AS SELECT 1']) {
      expect((await refusal(runtime, sql)).message).toMatch(/^permission denied for schema public/);
    }
    // Without the grant option a GRANT only warns "no privileges were granted".
    await runtime.query(`GRANT UPDATE ON decision_events TO ${role}`);
    expect((await runtime.query(`SELECT has_table_privilege('decision_events', 'UPDATE') AS update`)).rows).toEqual([{ update: false }]);
  });

  it('may change only the tables the repositories change, and delete only purged rows', async () => {
    const { rows } = await runtime.query<{ table: string; update: boolean; delete: boolean }>(
      `SELECT c.relname AS table, has_table_privilege(c.oid, 'UPDATE') AS update, has_table_privilege(c.oid, 'DELETE') AS delete
         FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY 1`,
    );
    const updatable = rows.filter((r) => r.update).map((r) => r.table);
    const deletable = rows.filter((r) => r.delete).map((r) => r.table);
    expect(updatable).toEqual(['catalogue_items', 'catalogues', 'deadlines', 'decisions', 'jurisdiction_settings', 'notifications', 'rate_limits', 'units']);
    expect(deletable).toEqual(['idempotency_keys', 'materials', 'rate_limits']); // materials: uncited uploads only (the citations' foreign key)
  });

  it('a table a later migration adds reaches the runtime role append-only when the migrations run', async () => {
    await owner.query('CREATE TABLE later_trail (id int PRIMARY KEY)');
    try {
      const before = await runtime.query<{ select: boolean }>(`SELECT has_table_privilege('later_trail', 'SELECT') AS select`);
      expect(before.rows[0].select).toBe(false);
      await runPendingMigrations(ownerUrl);
      await runtime.query('INSERT INTO later_trail VALUES (1)');
      expect((await runtime.query('SELECT id FROM later_trail')).rows).toEqual([{ id: 1 }]);
      expect((await refusal(runtime, 'DELETE FROM later_trail')).message).toMatch(/^permission denied/);
    } finally {
      await owner.query('DROP TABLE later_trail');
    }
  });

  it('works the queues of the PostgreSQL backend in the schema the owner migrated, without DDL there', async () => {
    const prefix = `lp_${process.pid}`;
    const schema = queueSchemaOf(prefix);
    await migrateQueueSchema(ownerUrl, prefix);
    try {
      await prepareDatabaseAccess(options());
      await runtime.query(`INSERT INTO ${schema}.meta (queue, field, value) VALUES ('q', 'f', 'v')`);
      await runtime.query(`DELETE FROM ${schema}.meta WHERE queue = 'q'`);
      expect((await refusal(runtime, `CREATE TABLE ${schema}.scratch (a int)`)).message).toMatch(/^permission denied for schema/);
      expect((await refusal(runtime, `CREATE SCHEMA IF NOT EXISTS ${schema}`)).message).toMatch(/^permission denied for database/);
    } finally {
      await owner.query(`DROP SCHEMA ${schema} CASCADE`);
    }
  });

  it('a second start keeps the role and its password', async () => {
    const again = await prepareDatabaseAccess(options());
    expect(again.url).toBe(access.url);
    expect(lines.filter((line) => line.startsWith('Created the database runtime role'))).toHaveLength(1);
  });

  it('upgrades in place a database whose tables an earlier DB_APP_ROLE setup left to the app role', async () => {
    const legacy = `${role.slice(0, 50)}_legacy`;
    await owner.query(`CREATE ROLE ${legacy} LOGIN PASSWORD 'legacy-password'`);
    const ownerOf = async (table: string) =>
      (await owner.query<{ owner: string }>(`SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = $1::regclass`, [table])).rows[0].owner;
    const me = (await owner.query<{ user: string }>('SELECT current_user AS user')).rows[0].user;
    try {
      // As the app role's own migrations left them: it owns the trail and its trigger function.
      await owner.query(`ALTER TABLE unit_events OWNER TO ${legacy}`);
      await owner.query(`ALTER TABLE comment_marks OWNER TO ${legacy}`);
      await owner.query(`ALTER FUNCTION append_only_trail() OWNER TO ${legacy}`);
      await owner.query(`GRANT SELECT, INSERT ON decision_events TO ${legacy}`);
      const legacyUrl = withCredentials(ownerUrl, legacy, 'legacy-password');
      await expect(prepareDatabaseAccess(options({ runtimeUrl: legacyUrl, migrationsRun: false }))).rejects.toThrow(/owns .* table\(s\) such as comment_marks/);
      const runner = { query: async (sql: string, params?: unknown[]) => (await owner.query(sql, params)).rows } as unknown as QueryRunner;
      await new LeastPrivilege1733900000000().up(runner);
      expect([await ownerOf('unit_events'), await ownerOf('comment_marks'), await ownerOf('comment_marks_seq_seq')]).toEqual([me, me, me]);
      // The role that held the runtime grants gets them again on the next migration run, and is served on.
      await runPendingMigrations(ownerUrl);
      const served = await prepareDatabaseAccess(options({ runtimeUrl: legacyUrl }));
      expect(served.privileges).toMatchObject({ role: legacy, ownedTables: [], triggerTables: [] });
    } finally {
      await owner.query(`REASSIGN OWNED BY ${legacy} TO ${me}`);
      await owner.query(`DROP OWNED BY ${legacy}`);
      await owner.query(`DROP ROLE ${legacy}`);
    }
  });

  describe('refuses a connection that could disable the triggers', () => {
    it('the owner named as the runtime URL (MIGRATION_DATABASE_URL beside it): refused without ALLOW_OWNER_RUNTIME', async () => {
      const refused = prepareDatabaseAccess(options({ migrationUrl: ownerUrl, databaseUrl: ownerUrl }));
      await expect(refused).rejects.toBeInstanceOf(OwnerRuntimeRefused);
      await expect(refused).rejects.toThrow(/superuser.*ALLOW_OWNER_RUNTIME=true/);
    });

    it('a DB_RUNTIME_URL role that is a member of the tables\' owner: refused', async () => {
      const member = `${role.slice(0, 50)}_member`;
      await owner.query(`CREATE ROLE ${member} LOGIN PASSWORD 'member-password'`);
      try {
        const { rows } = await owner.query<{ owner: string }>(`SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'decision_events'::regclass`);
        await owner.query(`GRANT ${rows[0].owner} TO ${member}`);
        const url = withCredentials(ownerUrl, member, 'member-password');
        await expect(prepareDatabaseAccess(options({ runtimeUrl: url }))).rejects.toThrow(/^Refusing to serve: the database role "[a-z0-9_]+_member" .* owns \(or is a member of the owner of\) \d+ table/);
      } finally {
        await owner.query(`DROP ROLE ${member}`);
      }
    });

    it('with ALLOW_OWNER_RUNTIME=true: served, with a warning in the log and in /api/health', async () => {
      lines.length = 0;
      const allowed = await prepareDatabaseAccess(options({ migrationUrl: ownerUrl, allowOwnerRuntime: true }));
      expect(allowed.url).toBe(ownerUrl);
      expect(allowed.warning).toMatch(/superuser/);
      expect(lines.some((line) => line.startsWith('WARN !!! ALLOW_OWNER_RUNTIME=true'))).toBe(true);
      process.env.DATABASE_URL = ownerUrl;
      const onOwner = await createTestApp();
      try {
        const health = await onOwner.http.get('/api/health').expect(200);
        expect(health.body.warnings).toContainEqual({ code: 'ALLOW_OWNER_RUNTIME', message: expect.stringMatching(/^ALLOW_OWNER_RUNTIME: .*superuser.*disable the append-only triggers/) });
      } finally {
        await onOwner.close();
      }
    });
  });
});
