import { plainToInstance } from 'class-transformer';
import { IsOptional, IsString, ValidateBy, ValidateIf, ValidationArguments, validateSync } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const MODES = ['all', 'api', 'worker'] as const;
export type Mode = (typeof MODES)[number];

/** Defaults of the environment, in one place: the app, the token CLI and the scripts read them from here. */
export const ENV_DEFAULTS = {
  PORT: '3000',
  LOG_LEVEL: 'info',
  MODE: 'all',
  MIGRATIONS_RUN: 'true',
  DATA_DIR: './.data',
  EMBEDDED_PG_PORT: '54329',
  EMBEDDED_PG_SHARED_DIR: '/var/lib/mde/embedded-postgres',
  QUEUE_PREFIX: 'mde',
  BODY_LIMIT: '1mb',
  DB_POOL_SIZE: '20',
  DECISION_MEMORY: '2000',
  PUBLIC_COMMENT_RATE_LIMIT: '10',
  AUDIT_CRYPTO_PROFILE: 'default',
  CHECKPOINT_INTERVAL_MS: '60000',
  CHECKPOINT_ORIGIN: 'major-decision-engine',
  ALLOW_OWNER_RUNTIME: 'false',
  QUEUE_MIGRATE: 'true',
  API_DOCS: 'true',
  TOKEN_MAX_LIFETIME: '43200',
  TOKEN_CLOCK_SKEW: '60',
  OIDC_ALGORITHMS: 'RS256,ES256',
  OIDC_ROLES_CLAIM: 'roles',
  OIDC_JURISDICTION_CLAIM: 'jurisdiction',
  OIDC_UNIT_CLAIM: 'unit',
  OIDC_NAME_CLAIM: 'name',
} as const;

/** Signature algorithms a token of the identity provider may use (SM2: SM3withSM2 over the JWS signing input). */
export const OIDC_ALGORITHMS = ['RS256', 'ES256', 'SM2'] as const;
export type OidcAlgorithm = (typeof OIDC_ALGORITHMS)[number];
/** The least size of an HS256 secret (RFC 7518 §3.2: a key at least as long as the hash output). */
export const MIN_JWT_SECRET_BYTES = 32;

/** The environment is unusable; `message` is the single line printed before exiting. */
export class ConfigValidationError extends Error {
  override readonly name = 'ConfigValidationError';
}

// URLs may carry a password: never echo it back in an error line.
const redact = (value: unknown) => String(value).replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
const got = (args: ValidationArguments) => ` (got ${JSON.stringify(redact(args.value))})`;

function rule(name: string, test: (value: unknown) => boolean, describe: string): PropertyDecorator {
  return ValidateBy({
    name,
    validator: { validate: test, defaultMessage: (args?: ValidationArguments) => `${args!.property} ${describe}${got(args!)}` },
  });
}

const IntBetween = (min: number, max: number) =>
  rule('intBetween', (v) => typeof v === 'string' && /^\d+$/.test(v) && +v >= min && +v <= max, `must be an integer between ${min} and ${max}`);

const OneOf = (values: readonly string[]) =>
  rule('oneOf', (v) => typeof v === 'string' && values.includes(v), `must be one of ${values.join(', ')}`);

const Pattern = (pattern: RegExp, describe: string) =>
  rule('pattern', (v) => typeof v === 'string' && pattern.test(v), `must be ${describe}`);

// The identity provider is reached over https; plain http only on this machine (tests, a local provider).
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const isProviderUrl = (v: unknown) => {
  try {
    const url = new URL(String(v));
    return typeof v === 'string' && (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname)));
  } catch {
    return false;
  }
};
const ProviderUrl = () => rule('providerUrl', isProviderUrl, 'must be an https:// URL (http:// only on localhost)');

// A secret is never echoed, not even in the error line: only its size is.
const MinSecretBytes = (min: number) =>
  ValidateBy({
    name: 'minSecretBytes',
    validator: {
      validate: (v) => typeof v === 'string' && Buffer.byteLength(v, 'utf8') >= min,
      defaultMessage: (args?: ValidationArguments) =>
        `${args!.property} must be at least ${min} bytes (got ${Buffer.byteLength(String(args!.value), 'utf8')}); generate one with: openssl rand -hex 32`,
    },
  });

const ClaimPath = () => Pattern(/^[A-Za-z0-9_:/.-]{1,200}$/, 'a claim name or a dotted path such as realm_access.roles');

function UrlWith(protocols: string[]): PropertyDecorator {
  const isUrl = (v: unknown) => {
    try {
      return typeof v === 'string' && protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  };
  return rule('url', isUrl, `must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL`);
}

/** Every variable the app reads, as the raw strings of the environment; `toAppConfig` types them. */
export class EnvironmentVariables {
  /** the owner's URL (migrations, then a runtime role made from it), or the runtime role's when MIGRATION_DATABASE_URL is set; unset: embedded */
  @IsOptional() @UrlWith(['postgres:', 'postgresql:']) DATABASE_URL?: string;
  /** the owner's URL, for migrations and grants only: DATABASE_URL is then the runtime role's */
  @IsOptional() @UrlWith(['postgres:', 'postgresql:']) MIGRATION_DATABASE_URL?: string;
  /** a runtime role the operator manages (with the owner's DATABASE_URL): the engine grants it and serves on it */
  @IsOptional() @UrlWith(['postgres:', 'postgresql:']) DB_RUNTIME_URL?: string;
  /** the name of the runtime role the engine creates (default: <database>_runtime) */
  @IsOptional() @Pattern(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case role name (letters, digits, _)') DB_RUNTIME_ROLE?: string;
  /** serve, with a loud warning, on a connection that could disable the trail's triggers (superuser, owner) */
  @OneOf(['true', 'false']) ALLOW_OWNER_RUNTIME: string = ENV_DEFAULTS.ALLOW_OWNER_RUNTIME;
  @IsOptional() @UrlWith(['redis:', 'rediss:']) REDIS_URL?: string;
  @IntBetween(1, 65535) PORT: string = ENV_DEFAULTS.PORT;
  /** HS256 secret of local tokens (npm run token); generated under DATA_DIR when unset and no OIDC_ISSUER is */
  @IsOptional() @MinSecretBytes(MIN_JWT_SECRET_BYTES) JWT_SECRET?: string;
  /** OpenID provider whose tokens are accepted (keys from its JWKS) */
  @IsOptional() @ProviderUrl() OIDC_ISSUER?: string;
  /** the `aud` those tokens must carry; required with OIDC_ISSUER */
  @ValidateIf((o) => o.OIDC_ISSUER !== undefined || o.OIDC_AUDIENCE !== undefined)
  @Pattern(/^\S{1,500}$/, 'set (with OIDC_ISSUER) to the audience the tokens carry, without spaces')
  OIDC_AUDIENCE?: string;
  /** JWKS address when the provider's discovery document should not be asked */
  @IsOptional() @ProviderUrl() OIDC_JWKS_URI?: string;
  /** the client id the console logs in with (default: OIDC_AUDIENCE) */
  @IsOptional() @Pattern(/^\S{1,500}$/, 'a client id without spaces') OIDC_CLIENT_ID?: string;
  @Pattern(new RegExp(`^(${OIDC_ALGORITHMS.join('|')})(,(${OIDC_ALGORITHMS.join('|')}))*$`), `a comma-separated list of ${OIDC_ALGORITHMS.join(', ')}`)
  OIDC_ALGORITHMS: string = ENV_DEFAULTS.OIDC_ALGORITHMS;
  @ClaimPath() OIDC_ROLES_CLAIM: string = ENV_DEFAULTS.OIDC_ROLES_CLAIM;
  @ClaimPath() OIDC_JURISDICTION_CLAIM: string = ENV_DEFAULTS.OIDC_JURISDICTION_CLAIM;
  @ClaimPath() OIDC_UNIT_CLAIM: string = ENV_DEFAULTS.OIDC_UNIT_CLAIM;
  @ClaimPath() OIDC_NAME_CLAIM: string = ENV_DEFAULTS.OIDC_NAME_CLAIM;
  /** only roles with this prefix count (e.g. "mde-": "mde-drafter" is drafter); unset: the role names of API.md as they are */
  @IsOptional() @Pattern(/^[A-Za-z0-9_:./-]{1,50}$/, 'letters, digits or _:./-') OIDC_ROLE_PREFIX?: string;
  /** longest token lifetime (exp − iat) accepted, in seconds */
  @IntBetween(60, 604_800) TOKEN_MAX_LIFETIME: string = ENV_DEFAULTS.TOKEN_MAX_LIFETIME;
  /** clock difference tolerated with the token issuer, in seconds */
  @IntBetween(0, 600) TOKEN_CLOCK_SKEW: string = ENV_DEFAULTS.TOKEN_CLOCK_SKEW;
  /** serve the OpenAPI UI and document at /api/docs and /api/docs-json */
  @OneOf(['true', 'false']) API_DOCS: string = ENV_DEFAULTS.API_DOCS;
  @OneOf(LOG_LEVELS) LOG_LEVEL: string = ENV_DEFAULTS.LOG_LEVEL;
  @OneOf(MODES) MODE: string = ENV_DEFAULTS.MODE;
  @OneOf(['true', 'false']) MIGRATIONS_RUN: string = ENV_DEFAULTS.MIGRATIONS_RUN;
  @IsString() DATA_DIR: string = ENV_DEFAULTS.DATA_DIR;
  @IntBetween(1, 65535) EMBEDDED_PG_PORT: string = ENV_DEFAULTS.EMBEDDED_PG_PORT;
  /** as root: where the embedded cluster goes when the user postgres cannot reach DATA_DIR or the app's binaries */
  @Pattern(/^\//, 'an absolute path') EMBEDDED_PG_SHARED_DIR: string = ENV_DEFAULTS.EMBEDDED_PG_SHARED_DIR;
  // BullMQ joins prefix and queue name with ":", so the prefix itself must not contain one.
  @Pattern(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-"') QUEUE_PREFIX: string = ENV_DEFAULTS.QUEUE_PREFIX;
  /** without REDIS_URL: migrate BullMQ's PostgreSQL schema on the app's connection (the server sets false once it migrated it as the owner) */
  @OneOf(['true', 'false']) QUEUE_MIGRATE: string = ENV_DEFAULTS.QUEUE_MIGRATE;
  @Pattern(/^\d+(b|kb|mb|gb)?$/i, 'a size such as "1mb" or "512kb"') BODY_LIMIT: string = ENV_DEFAULTS.BODY_LIMIT;
  @IntBetween(1, 1000) DB_POOL_SIZE: string = ENV_DEFAULTS.DB_POOL_SIZE;
  /** decisions whose last committed projection a process remembers (0: read it for every event) */
  @IntBetween(0, 1_000_000) DECISION_MEMORY: string = ENV_DEFAULTS.DECISION_MEMORY;
  /** public comments accepted per client IP and minute */
  @IntBetween(1, 100_000) PUBLIC_COMMENT_RATE_LIMIT: string = ENV_DEFAULTS.PUBLIC_COMMENT_RATE_LIMIT;
  /** hashing and signing of the record: default (SHA-256 + Ed25519) or gm (国密: SM3 + SM2) */
  @OneOf(['default', 'gm']) AUDIT_CRYPTO_PROFILE: string = ENV_DEFAULTS.AUDIT_CRYPTO_PROFILE;
  /** how often the worker signs a checkpoint of each jurisdiction whose trail changed */
  @IntBetween(1000, 86_400_000) CHECKPOINT_INTERVAL_MS: string = ENV_DEFAULTS.CHECKPOINT_INTERVAL_MS;
  /** a directory (meant for WORM storage) every signed checkpoint is written to, never overwritten; unset: none */
  @IsOptional() @Pattern(/^\//, 'an absolute path') CHECKPOINT_DIR?: string;
  /** a witness (e.g. the archive office) every signed checkpoint is POSTed to, retried until it answers 2xx; unset: none */
  @IsOptional() @UrlWith(['https:', 'http:']) CHECKPOINT_WITNESS_URL?: string;
  /** the prefix of every tree's origin (<prefix>/<jurisdiction>) and the signing key's name */
  @Pattern(/^[A-Za-z0-9._/-]{1,100}$/, 'letters, digits or ._/-') CHECKPOINT_ORIGIN: string = ENV_DEFAULTS.CHECKPOINT_ORIGIN;
  /** the checkpoint signing key (64 hex digits: Ed25519 seed or SM2 private key of the profile); unset: generated once under DATA_DIR */
  @IsOptional() @Pattern(/^[0-9a-f]{64}$/, '64 lowercase hex digits') CHECKPOINT_SIGNING_KEY?: string;
  /** Express "trust proxy": hops (e.g. "1"), "true", or addresses/subnets, so that client IPs come from X-Forwarded-For */
  @IsOptional() @Pattern(/^(true|false|\d+|[0-9A-Za-z.:/_, -]+)$/, 'a hop count, true/false, or a list of addresses') TRUST_PROXY?: string;
  /** webhook destinations allowed beside public addresses: host names, addresses, CIDR blocks, comma-separated */
  @IsOptional() @Pattern(/^[0-9A-Za-z.:/_, -]+$/, 'host names, addresses or CIDR blocks, comma-separated') WEBHOOK_ALLOW_HOSTS?: string;
  /** notices of one jurisdiction in flight at once */
  @IsOptional() @IntBetween(1, 100) WEBHOOK_CONCURRENCY?: string;
  @IsOptional() @IntBetween(100, 60_000) WEBHOOK_CONNECT_TIMEOUT_MS?: string;
  @IsOptional() @IntBetween(100, 120_000) WEBHOOK_TIMEOUT_MS?: string;
  @IsOptional() @IntBetween(100, 3_600_000) WEBHOOK_DELIVER_EVERY_MS?: string;
}

/** Validates the environment (empty values count as unset); throws ConfigValidationError naming every bad variable on one line. */
export function validateEnv(env: Record<string, unknown>): EnvironmentVariables {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const vars = plainToInstance(EnvironmentVariables, present, { exposeDefaultValues: true });
  const errors = validateSync(vars, { whitelist: true });
  if (errors.length > 0) {
    const problems = errors.map((error) => Object.values(error.constraints ?? {})[0] ?? `${error.property} is invalid`);
    throw new ConfigValidationError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return vars;
}
