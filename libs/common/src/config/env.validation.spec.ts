import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from './app-config';
import { ConfigValidationError, validateEnv } from './env.validation';
import { resolveJwtSecret } from './jwt-secret';

const S = 'a-test-secret-of-at-least-32-bytes';

const messageOf = (env: Record<string, string>) => {
  try {
    validateEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as Error).message;
  }
  throw new Error('expected the environment to be refused');
};

describe(validateEnv.name, () => {
  it('applies the defaults of an empty environment', () => {
    const config = loadAppConfig({ JWT_SECRET: S });
    expect(config).toEqual({
      databaseUrl: undefined,
      migrationDatabaseUrl: undefined,
      dbRuntimeUrl: undefined,
      dbRuntimeRole: undefined,
      allowOwnerRuntime: false,
      redisUrl: undefined,
      port: 3000,
      auth: { localSecret: S, oidc: undefined, maxLifetimeSeconds: 43_200, clockSkewSeconds: 60 },
      apiDocs: true,
      logLevel: 'info',
      mode: 'all',
      migrationsRun: true,
      dataDir: './.data',
      embeddedPgPort: 54329,
      embeddedPgSharedDir: '/var/lib/mde/embedded-postgres',
      queuePrefix: 'mde',
      queueMigrate: true,
      bodyLimit: '1mb',
      dbPoolSize: 20,
      decisionMemory: 2000,
      publicCommentRateLimit: 10,
      cryptoProfile: 'default',
      checkpoints: { intervalMs: 60_000, origin: 'major-decision-engine', dir: undefined, witnessUrl: undefined, signingKey: undefined },
    });
  });

  it('reads the checkpoint settings and refuses bad ones', () => {
    const key = 'ab'.repeat(32);
    const config = loadAppConfig({
      JWT_SECRET: S, CHECKPOINT_INTERVAL_MS: '5000', CHECKPOINT_DIR: '/worm/checkpoints', CHECKPOINT_WITNESS_URL: 'https://archive.example.gov.cn/witness',
      CHECKPOINT_ORIGIN: 'decisions.example.gov.cn', CHECKPOINT_SIGNING_KEY: key,
    });
    expect(config.checkpoints).toEqual({ intervalMs: 5000, dir: '/worm/checkpoints', witnessUrl: 'https://archive.example.gov.cn/witness', origin: 'decisions.example.gov.cn', signingKey: key });
    for (const bad of [{ CHECKPOINT_INTERVAL_MS: '10' }, { CHECKPOINT_DIR: 'relative/dir' }, { CHECKPOINT_WITNESS_URL: 'ftp://x' }, { CHECKPOINT_ORIGIN: 'has space' }, { CHECKPOINT_SIGNING_KEY: 'AB'.repeat(32) }]) {
      expect(() => loadAppConfig({ JWT_SECRET: S, ...bad })).toThrow(Object.keys(bad)[0]);
    }
  });

  it('types the values it is given', () => {
    const config = loadAppConfig({
      JWT_SECRET: S,
      DATABASE_URL: 'postgres://u:p@db:5432/mde',
      REDIS_URL: 'redis://cache:6379',
      PORT: '8080',
      MODE: 'worker',
      MIGRATIONS_RUN: 'false',
      LOG_LEVEL: 'silent',
    });
    expect(config).toMatchObject({ port: 8080, mode: 'worker', migrationsRun: false, logLevel: 'silent', redisUrl: 'redis://cache:6379' });
  });

  it('reads the public comment rate limit and the trust proxy setting', () => {
    expect(loadAppConfig({ JWT_SECRET: S, PUBLIC_COMMENT_RATE_LIMIT: '3', TRUST_PROXY: '1' })).toMatchObject({ publicCommentRateLimit: 3, trustProxy: 1 });
    expect(loadAppConfig({ JWT_SECRET: S, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(messageOf({ PUBLIC_COMMENT_RATE_LIMIT: '0' })).toContain('PUBLIC_COMMENT_RATE_LIMIT must be an integer between 1 and 100000');
  });

  it('reads the database role variables, never echoing a password', () => {
    expect(
      loadAppConfig({
        JWT_SECRET: S,
        DATABASE_URL: 'postgres://app:pw@db:5432/mde',
        MIGRATION_DATABASE_URL: 'postgres://owner:pw@db:5432/mde',
        DB_RUNTIME_ROLE: 'mde_app',
        ALLOW_OWNER_RUNTIME: 'true',
      }),
    ).toMatchObject({ migrationDatabaseUrl: 'postgres://owner:pw@db:5432/mde', dbRuntimeRole: 'mde_app', allowOwnerRuntime: true });
    expect(messageOf({ DB_RUNTIME_URL: 'mysql://u:secret@db/x' })).toBe('Invalid configuration: DB_RUNTIME_URL must be a postgres:// or postgresql:// URL (got "mysql://u:***@db/x")');
    expect(messageOf({ DB_RUNTIME_ROLE: 'Robert"; DROP' })).toContain('DB_RUNTIME_ROLE must be a lower-case role name');
    expect(messageOf({ ALLOW_OWNER_RUNTIME: 'yes' })).toContain('ALLOW_OWNER_RUNTIME must be one of true, false');
  });

  it('treats an empty value as unset', () => {
    expect(loadAppConfig({ JWT_SECRET: S, PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('names the variable, the rule and the value on one line', () => {
    expect(messageOf({ PORT: 'abc' })).toBe('Invalid configuration: PORT must be an integer between 1 and 65535 (got "abc")');
  });

  it.each([
    ['PORT', '70000', 'must be an integer between 1 and 65535'],
    ['MODE', 'both', 'must be one of all, api, worker'],
    ['LOG_LEVEL', 'verbose', 'must be one of fatal, error, warn, info, debug, trace, silent'],
    ['MIGRATIONS_RUN', 'yes', 'must be one of true, false'],
    ['REDIS_URL', 'localhost:6379', 'must be a redis:// or rediss:// URL'],
    ['QUEUE_PREFIX', 'a:b', 'must be letters, digits'],
    ['BODY_LIMIT', 'huge', 'must be a size'],
    ['EMBEDDED_PG_PORT', '0', 'must be an integer'],
    ['DB_POOL_SIZE', '-1', 'must be an integer'],
    ['DECISION_MEMORY', '-1', 'must be an integer between 0 and 1000000'],
  ])('refuses %s=%s', (name, value, rule) => {
    const message = messageOf({ [name]: value });
    expect(message).toContain(`${name} ${rule}`);
    expect(message).not.toContain('\n');
  });

  it('lists every bad variable, and hides a URL password', () => {
    const message = messageOf({ PORT: 'x', DATABASE_URL: 'mysql://root:hunter2@db/mde' });
    expect(message).toContain('PORT must');
    expect(message).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL (got "mysql://root:***@db/mde")');
    expect(message).not.toContain('hunter2');
  });
});

describe('identity settings', () => {
  it('refuses a JWT_SECRET shorter than 32 bytes, telling its size and never the secret', () => {
    const message = messageOf({ JWT_SECRET: 'hunter2-short' });
    expect(message).toContain('JWT_SECRET must be at least 32 bytes (got 13)');
    expect(message).not.toContain('hunter2');
    // 11 Chinese characters are 33 bytes of UTF-8.
    expect(() => validateEnv({ JWT_SECRET: '重大行政决策程序引擎密' })).not.toThrow();
  });

  it('reads an OpenID provider with its audience, algorithms and claims mapping', () => {
    const config = loadAppConfig({
      OIDC_ISSUER: 'https://id.example.gov.cn/realms/county',
      OIDC_AUDIENCE: 'mde-api',
      OIDC_ALGORITHMS: 'ES256,SM2',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_ROLE_PREFIX: 'mde-',
      TOKEN_MAX_LIFETIME: '3600',
      TOKEN_CLOCK_SKEW: '30',
    });
    expect(config.auth).toEqual({
      localSecret: undefined,
      oidc: {
        issuer: 'https://id.example.gov.cn/realms/county',
        audience: 'mde-api',
        clientId: 'mde-api',
        jwksUri: undefined,
        algorithms: ['ES256', 'SM2'],
        claims: { roles: 'realm_access.roles', jurisdiction: 'jurisdiction', unit: 'unit', name: 'name', rolePrefix: 'mde-' },
      },
      maxLifetimeSeconds: 3600,
      clockSkewSeconds: 30,
    });
  });

  it('accepts local tokens beside a provider only with an explicit JWT_SECRET', () => {
    const env = { OIDC_ISSUER: 'https://id.example.gov.cn', OIDC_AUDIENCE: 'mde-api' };
    expect(loadAppConfig(env).auth.localSecret).toBeUndefined();
    expect(loadAppConfig({ ...env, JWT_SECRET: S }).auth.localSecret).toBe(S);
  });

  it.each([
    [{ OIDC_ISSUER: 'https://id.example.gov.cn' }, 'OIDC_AUDIENCE must be set'],
    [{ OIDC_ISSUER: 'http://id.example.gov.cn', OIDC_AUDIENCE: 'a' }, 'OIDC_ISSUER must be an https:// URL (http:// only on localhost)'],
    [{ OIDC_ISSUER: 'https://id.example.gov.cn', OIDC_AUDIENCE: 'a', OIDC_ALGORITHMS: 'RS256,HS256' }, 'OIDC_ALGORITHMS must be a comma-separated list of RS256, ES256, SM2'],
    [{ OIDC_ISSUER: 'https://id.example.gov.cn', OIDC_AUDIENCE: 'a', OIDC_ALGORITHMS: 'none' }, 'OIDC_ALGORITHMS must be'],
    [{ TOKEN_MAX_LIFETIME: '0' }, 'TOKEN_MAX_LIFETIME must be an integer between 60 and 604800'],
    [{ TOKEN_CLOCK_SKEW: '3600' }, 'TOKEN_CLOCK_SKEW must be an integer between 0 and 600'],
    [{ API_DOCS: 'off' }, 'API_DOCS must be one of true, false'],
  ])('refuses %j', (env, rule) => {
    expect(messageOf(env as Record<string, string>)).toContain(rule);
  });

  it('allows a plain http provider on this machine only', () => {
    expect(loadAppConfig({ JWT_SECRET: S, OIDC_ISSUER: 'http://127.0.0.1:4010', OIDC_AUDIENCE: 'a' }).auth.oidc?.issuer).toBe('http://127.0.0.1:4010');
  });

  it('turns the OpenAPI UI off with API_DOCS=false', () => {
    expect(loadAppConfig({ JWT_SECRET: S, API_DOCS: 'false' }).apiDocs).toBe(false);
  });
});

describe(resolveJwtSecret.name, () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'mde-secret-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prefers JWT_SECRET', () => {
    expect(resolveJwtSecret({ JWT_SECRET: S, DATA_DIR: dataDir })).toBe(S);
  });

  it('generates a secret once under DATA_DIR and keeps it across restarts', () => {
    const first = resolveJwtSecret({ DATA_DIR: dataDir });
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim()).toBe(first);
    expect(resolveJwtSecret({ DATA_DIR: dataDir })).toBe(first);
  });

  it('refuses a secret file holding fewer than 32 bytes', () => {
    writeFileSync(join(dataDir, 'jwt-secret'), 'short\n');
    expect(() => resolveJwtSecret({ DATA_DIR: dataDir })).toThrow(ConfigValidationError);
  });
});
