import { AppConfig, ConfigValidationError, loadAppConfig, loggerOptions } from '@app/config';
import { EmbeddedPostgres, EmbeddedPostgresUnavailable, runPendingMigrations, startEmbeddedPostgres } from '@app/persistence';
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
    if (!config.databaseUrl) {
      log.info(`No DATABASE_URL: starting embedded PostgreSQL in ${config.dataDir}/pg on port ${config.embeddedPgPort}`);
      embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, { log: (line) => log.debug(line), notice: (line) => log.info(line), sharedDir: config.embeddedPgSharedDir });
      // Through the environment, so AppConfig (and every module reading it) sees the same URL.
      process.env.DATABASE_URL = embedded.url;
    }
    const databaseUrl = config.databaseUrl ?? embedded!.url;
    if (config.migrationsRun) {
      const applied = await runPendingMigrations(databaseUrl);
      log.info(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema up to date');
    }
    const { app, url } = await createApp(config);
    stopOnSignals(app, embedded, log);
    log.info(url ? `Ready (mode ${config.mode}): ${url}  docs: ${url}/docs` : `Ready (mode ${config.mode})`);
  } catch (error) {
    // One line and no stack when the operator's fix is in the message.
    if (error instanceof EmbeddedPostgresUnavailable) process.stderr.write(`${error.message}\n`);
    else log.fatal({ err: error }, 'Startup failed');
    await embedded?.stop().catch(() => undefined);
    process.exit(1);
  }
}

void bootstrap();
