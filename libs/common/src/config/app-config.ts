import { registerAs } from '@nestjs/config';
import { EnvironmentVariables, LogLevel, Mode, OidcAlgorithm, validateEnv } from './env.validation';
import { resolveJwtSecret } from './jwt-secret';

/** The validated, typed configuration every module reads (inject with `@Inject(APP_CONFIG)`). */
export interface AppConfig {
  /** Absent until main.ts has started the embedded database and put its URL in DATABASE_URL. */
  databaseUrl?: string;
  /** MIGRATION_DATABASE_URL: the owner's connection, for migrations and grants; databaseUrl is then the runtime role's */
  migrationDatabaseUrl?: string;
  /** DB_RUNTIME_URL: a runtime role the operator manages */
  dbRuntimeUrl?: string;
  /** DB_RUNTIME_ROLE: the name of the runtime role the engine manages */
  dbRuntimeRole?: string;
  /** ALLOW_OWNER_RUNTIME: serve on a connection that could disable the triggers (with a warning) */
  allowOwnerRuntime: boolean;
  /** Absent: timers run in-process from the database instead of BullMQ. */
  redisUrl?: string;
  port: number;
  auth: AuthConfig;
  /** serve the OpenAPI UI at /api/docs */
  apiDocs: boolean;
  logLevel: LogLevel;
  mode: Mode;
  migrationsRun: boolean;
  dataDir: string;
  embeddedPgPort: number;
  /** as root: where the embedded cluster goes when postgres cannot reach DATA_DIR or the binaries */
  embeddedPgSharedDir: string;
  queuePrefix: string;
  /** without REDIS_URL: BullMQ migrates its PostgreSQL schema on the app's own connection */
  queueMigrate: boolean;
  bodyLimit: string;
  dbPoolSize: number;
  /** decisions whose last committed projection a process remembers (0: none) */
  decisionMemory: number;
  /** public comments accepted per client IP and minute */
  publicCommentRateLimit: number;
  /** hashing and signing of the record: default (SHA-256 + Ed25519) or gm (SM3 + SM2) */
  cryptoProfile: 'default' | 'gm';
  checkpoints: CheckpointConfig;
  /** Express "trust proxy" setting; absent: the socket address is the client */
  trustProxy?: boolean | number | string;
}

/** Validates `env` and types it; throws ConfigValidationError (one line) on a bad value. */
export function loadAppConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const vars = validateEnv(env);
  return {
    databaseUrl: vars.DATABASE_URL,
    migrationDatabaseUrl: vars.MIGRATION_DATABASE_URL,
    dbRuntimeUrl: vars.DB_RUNTIME_URL,
    dbRuntimeRole: vars.DB_RUNTIME_ROLE,
    allowOwnerRuntime: vars.ALLOW_OWNER_RUNTIME === 'true',
    redisUrl: vars.REDIS_URL,
    port: Number(vars.PORT),
    auth: authConfigOf(vars),
    apiDocs: vars.API_DOCS === 'true',
    logLevel: vars.LOG_LEVEL as LogLevel,
    mode: vars.MODE as Mode,
    migrationsRun: vars.MIGRATIONS_RUN === 'true',
    dataDir: vars.DATA_DIR,
    embeddedPgPort: Number(vars.EMBEDDED_PG_PORT),
    embeddedPgSharedDir: vars.EMBEDDED_PG_SHARED_DIR,
    queuePrefix: vars.QUEUE_PREFIX,
    queueMigrate: vars.QUEUE_MIGRATE === 'true',
    bodyLimit: vars.BODY_LIMIT,
    dbPoolSize: Number(vars.DB_POOL_SIZE),
    decisionMemory: Number(vars.DECISION_MEMORY),
    publicCommentRateLimit: Number(vars.PUBLIC_COMMENT_RATE_LIMIT),
    cryptoProfile: vars.AUDIT_CRYPTO_PROFILE as AppConfig['cryptoProfile'],
    checkpoints: {
      intervalMs: Number(vars.CHECKPOINT_INTERVAL_MS),
      dir: vars.CHECKPOINT_DIR,
      witnessUrl: vars.CHECKPOINT_WITNESS_URL,
      origin: vars.CHECKPOINT_ORIGIN,
      signingKey: vars.CHECKPOINT_SIGNING_KEY,
    },
    trustProxy: trustProxyOf(vars.TRUST_PROXY),
  };
}

/** Signed checkpoints of the trees of the trails (issue #14). */
export interface CheckpointConfig {
  intervalMs: number;
  /** WORM directory the notes are written to */
  dir?: string;
  /** witness webhook the notes are POSTed to */
  witnessUrl?: string;
  /** origin prefix: a tree's origin is `<origin>/<jurisdiction>`; also the key's name */
  origin: string;
  /** hex private key; absent: kept under DATA_DIR */
  signingKey?: string;
}

/** Where a claim of the provider's tokens is read: a claim name, or a dotted path into nested claims. */
export interface ClaimsMapping {
  roles: string;
  jurisdiction: string;
  unit: string;
  name: string;
  /** only roles with this prefix count, without it */
  rolePrefix?: string;
}

/** An OpenID provider whose tokens are accepted. */
export interface OidcConfig {
  issuer: string;
  audience: string;
  /** absent: from the provider's discovery document */
  jwksUri?: string;
  clientId: string;
  algorithms: OidcAlgorithm[];
  claims: ClaimsMapping;
}

/** Who may call: local HS256 tokens, an OpenID provider's tokens, and the limits every token obeys. */
export interface AuthConfig {
  /** HS256 secret of local tokens; absent when an OIDC_ISSUER is set without JWT_SECRET */
  localSecret?: string;
  oidc?: OidcConfig;
  /** longest exp − iat accepted */
  maxLifetimeSeconds: number;
  /** clock difference tolerated with the issuer */
  clockSkewSeconds: number;
}

function authConfigOf(vars: EnvironmentVariables): AuthConfig {
  const oidc: OidcConfig | undefined = vars.OIDC_ISSUER
    ? {
        issuer: vars.OIDC_ISSUER,
        audience: vars.OIDC_AUDIENCE!,
        jwksUri: vars.OIDC_JWKS_URI,
        clientId: vars.OIDC_CLIENT_ID ?? vars.OIDC_AUDIENCE!,
        algorithms: [...new Set(vars.OIDC_ALGORITHMS.split(','))] as OidcAlgorithm[],
        claims: {
          roles: vars.OIDC_ROLES_CLAIM,
          jurisdiction: vars.OIDC_JURISDICTION_CLAIM,
          unit: vars.OIDC_UNIT_CLAIM,
          name: vars.OIDC_NAME_CLAIM,
          rolePrefix: vars.OIDC_ROLE_PREFIX,
        },
      }
    : undefined;
  return {
    // With a provider, a secret generated on disk would let whoever reads DATA_DIR mint tokens: local tokens need JWT_SECRET then.
    localSecret: oidc && !vars.JWT_SECRET ? undefined : resolveJwtSecret(vars),
    oidc,
    maxLifetimeSeconds: Number(vars.TOKEN_MAX_LIFETIME),
    clockSkewSeconds: Number(vars.TOKEN_CLOCK_SKEW),
  };
}

function trustProxyOf(value: string | undefined): AppConfig['trustProxy'] {
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** @nestjs/config namespace holding the AppConfig; read from process.env when the Nest container builds it. */
export const appConfig = registerAs('app', (): AppConfig => loadAppConfig(process.env));

/** Injection token of the AppConfig. */
export const APP_CONFIG = appConfig.KEY;
