import { AppConfig, ConfigValidationError, loadAppConfig, loggerOptions } from '@app/config';
import { EmbeddedPostgres, EmbeddedPostgresUnavailable, OwnerRuntimeRefused, prepareDatabaseAccess, startEmbeddedPostgres } from '@app/persistence';
import { migrateQueueSchema } from '@app/scheduling';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { API_PREFIX, configureApiApp } from '../../api/src/configure-api-app';
import { rootModuleFor } from './server.module';

// Composition root: configuration, database (external or embedded), migrations, then the app of MODE.

function loadConfigOrExit(): AppConfig {
  try {
    return loadAppConfig(process.env);
  } catch (error) {
    // One line and no stack: the operator's fix is in the message.
    const message = error instanceof ConfigValidationError ? error.message : `Invalid configuration: ${(error as Error).message}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
}

async function createApp(config: AppConfig): Promise<{ app: INestApplicationContext; url?: string }> {
  const root = rootModuleFor(config.mode);
  if (config.mode === 'worker') {
    const app = await NestFactory.createApplicationContext(root, { bufferLogs: true });
    app.useLogger(app.get(NestPinoLogger));
    return { app };
  }
  const app = configureApiApp(await NestFactory.create<NestExpressApplication>(root, { bufferLogs: true }));
  await app.listen(config.port);
  return { app, url: `http://localhost:${config.port}/${API_PREFIX}` };
}

// Nest's own signal hooks (enableShutdownHooks) close the app too; both share one close(), and this
// listener stays to stop the embedded database last, once nothing uses it any more.
function stopOnSignals(app: INestApplicationContext, embedded: EmbeddedPostgres | undefined, log: pino.Logger): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    setTimeout(() => process.exit(1), 30_000).unref();
    try {
      await app.close();
    } finally {
      await embedded?.stop();
    }
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, stop);
}

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const log = pino(loggerOptions(config.logLevel)).child({ context: 'Server' });
  let embedded: EmbeddedPostgres | undefined;
  try {
    if (!config.databaseUrl && (config.migrationDatabaseUrl || config.dbRuntimeUrl)) {
      throw new OwnerRuntimeRefused('MIGRATION_DATABASE_URL and DB_RUNTIME_URL need a DATABASE_URL (the embedded database makes its own runtime role)');
    }
    if (!config.databaseUrl) {
      log.info(`No DATABASE_URL: starting embedded PostgreSQL in ${config.dataDir}/pg on port ${config.embeddedPgPort}`);
      embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, { log: (line) => log.debug(line), notice: (line) => log.info(line), sharedDir: config.embeddedPgSharedDir });
    }
    const databaseUrl = config.databaseUrl ?? embedded!.url;
    if (!config.redisUrl) {
      // The queues' PostgreSQL schema too is the owner's to create; the runtime role gets row rights in it.
      await migrateQueueSchema(config.migrationDatabaseUrl ?? databaseUrl, config.queuePrefix);
      process.env.QUEUE_MIGRATE = 'false';
    }
    // Migrations as the owner; the app connects as the runtime role (refused: a connection that could disable the triggers).
    const access = await prepareDatabaseAccess({
      databaseUrl,
      migrationUrl: config.migrationDatabaseUrl,
      runtimeUrl: config.dbRuntimeUrl,
      runtimeRole: config.dbRuntimeRole,
      dataDir: config.dataDir,
      migrationsRun: config.migrationsRun,
      allowOwnerRuntime: config.allowOwnerRuntime,
      log: { info: (line) => log.info(line), warn: (line) => log.warn(line) },
    });
    if (config.migrationsRun) log.info(access.migrationsApplied.length ? `Applied migrations: ${access.migrationsApplied.join(', ')}` : 'Database schema up to date');
    log.info(`Serving on the database role "${access.privileges.role}"`);
    // Through the environment, so AppConfig (and every module reading it) sees the same URL.
    process.env.DATABASE_URL = access.url;
    const { app, url } = await createApp(config);
    stopOnSignals(app, embedded, log);
    log.info(url ? `Ready (mode ${config.mode}): ${url}  docs: ${url}/docs` : `Ready (mode ${config.mode})`);
  } catch (error) {
    // One line and no stack when the operator's fix is in the message.
    if (error instanceof EmbeddedPostgresUnavailable || error instanceof OwnerRuntimeRefused) process.stderr.write(`${error.message}\n`);
    else log.fatal({ err: error }, 'Startup failed');
    await embedded?.stop().catch(() => undefined);
    process.exit(1);
  }
}

void bootstrap();
