import { canDisableTriggers, describeOwnerRuntime, type ConnectionPrivileges } from './connection-privileges';
import { defaultRuntimeRole, withCredentials } from './database-access';
import { MUTABLE_TABLES, quoteIdent, runtimePrivilegesOf } from './runtime-privileges';

const safe: ConnectionPrivileges = { role: 'mde_runtime', superuser: false, ownedTables: [], triggerTables: [], canSkipTriggers: false, canCreateInSchema: false };

describe('runtime privileges', () => {
  it('gives every table it does not name SELECT and INSERT only: trails, and tables added later', () => {
    for (const table of ['decision_events', 'catalogue_events', 'unit_events', 'calendar_versions', 'public_comments', 'a_table_of_2030']) {
      expect(runtimePrivilegesOf(table)).toEqual(['SELECT', 'INSERT']);
    }
  });

  it('never gives TRUNCATE, and DELETE only where rows are purged', () => {
    const all = Object.values(MUTABLE_TABLES).flat();
    expect(all).not.toContain('TRUNCATE');
    expect(Object.keys(MUTABLE_TABLES).filter((t) => MUTABLE_TABLES[t].includes('DELETE'))).toEqual(['idempotency_keys', 'materials', 'rate_limits']);
    expect(runtimePrivilegesOf('typeorm_migrations')).toEqual(['SELECT']);
  });

  it('quotes identifiers', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });
});

describe('connection privileges', () => {
  it.each([
    ['a superuser', { superuser: true }, 'is a superuser'],
    ['an owner', { ownedTables: ['decision_events', 'decisions'] }, 'owns (or is a member of the owner of) 2 table(s) such as decision_events'],
    ['a role with TRIGGER', { triggerTables: ['unit_events'] }, 'holds TRIGGER on unit_events'],
    ['a role that may skip triggers', { canSkipTriggers: true }, 'may SET session_replication_role'],
  ])('%s could disable the triggers', (_who, more, why) => {
    const p = { ...safe, ...more };
    expect(canDisableTriggers(p)).toBe(true);
    expect(describeOwnerRuntime(p)).toBe(`the database role "mde_runtime" the engine serves on ${why}: it can disable the append-only triggers of the trail`);
  });

  it('a role with grants only cannot (CREATE in the schema is DDL, not trigger control)', () => {
    expect(canDisableTriggers(safe)).toBe(false);
    expect(canDisableTriggers({ ...safe, canCreateInSchema: true })).toBe(false);
  });
});

describe('the managed runtime role', () => {
  it('is named after the database', () => {
    expect(defaultRuntimeRole('postgres://postgres:pw@db:5432/mde')).toBe('mde_runtime');
    expect(defaultRuntimeRole('postgres://postgres@db')).toBe('postgres_runtime');
    expect(defaultRuntimeRole(`postgres://h/${'x'.repeat(80)}`)).toHaveLength(63);
  });

  it('connects where the owner does, with its own credentials', () => {
    expect(withCredentials('postgres://postgres:old@db:5432/mde?sslmode=require', 'mde_runtime', 'a/b@c')).toBe('postgres://mde_runtime:a%2Fb%40c@db:5432/mde?sslmode=require');
  });
});
