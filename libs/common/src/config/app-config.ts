import { registerAs } from '@nestjs/config';
import { LogLevel, Mode, validateEnv } from './env.validation';
import { resolveJwtSecret } from './jwt-secret';

/** The validated, typed configuration every module reads (inject with `@Inject(APP_CONFIG)`). */
export interface AppConfig {
  /** Absent until main.ts has started the embedded database and put its URL in DATABASE_URL. */
  databaseUrl?: string;
  /** Absent: timers run in-process from the database instead of BullMQ. */
  redisUrl?: string;
  port: number;
  jwtSecret: string;
  logLevel: LogLevel;
  mode: Mode;
  migrationsRun: boolean;
  dataDir: string;
  embeddedPgPort: number;
  queuePrefix: string;
  bodyLimit: string;
  dbPoolSize: number;
  /** decisions whose last committed projection a process remembers (0: none) */
  decisionMemory: number;
  /** public comments accepted per client IP and minute */
  publicCommentRateLimit: number;
  /** Express "trust proxy" setting; absent: the socket address is the client */
  trustProxy?: boolean | number | string;
}

/** Validates `env` and types it; throws ConfigValidationError (one line) on a bad value. */
export function loadAppConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const vars = validateEnv(env);
  return {
    databaseUrl: vars.DATABASE_URL,
    redisUrl: vars.REDIS_URL,
    port: Number(vars.PORT),
    jwtSecret: resolveJwtSecret(vars),
    logLevel: vars.LOG_LEVEL as LogLevel,
    mode: vars.MODE as Mode,
    migrationsRun: vars.MIGRATIONS_RUN === 'true',
    dataDir: vars.DATA_DIR,
    embeddedPgPort: Number(vars.EMBEDDED_PG_PORT),
    queuePrefix: vars.QUEUE_PREFIX,
    bodyLimit: vars.BODY_LIMIT,
    dbPoolSize: Number(vars.DB_POOL_SIZE),
    decisionMemory: Number(vars.DECISION_MEMORY),
    publicCommentRateLimit: Number(vars.PUBLIC_COMMENT_RATE_LIMIT),
    trustProxy: trustProxyOf(vars.TRUST_PROXY),
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
