import { ModuleMetadata, Provider, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import request from 'supertest';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApiApp } from '../../apps/api/src/configure-api-app';

export interface TestAppOptions {
  /** Extra modules beside ApiModule (a test-only feature module, say). */
  imports?: ModuleMetadata['imports'];
  /** Test-only controllers; they get the real guards, pipe and filter. */
  controllers?: Type<unknown>[];
  providers?: Provider[];
  /** Overrides before compiling, e.g. `(b) => b.overrideProvider(CLOCK).useValue(fixedClock)`. */
  configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request.agent>;
  close(): Promise<void>;
}

/** Boots the real ApiModule, configured as in production, on an ephemeral port of 127.0.0.1. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  let builder = Test.createTestingModule({
    imports: [ApiModule, ...(options.imports ?? [])],
    controllers: options.controllers ?? [],
    providers: options.providers ?? [],
  });
  if (options.configure) builder = options.configure(builder);
  const moduleRef = await builder.compile();
  const app = configureApiApp(moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true }));
  await app.listen(0, '127.0.0.1');
  return { app, http: request.agent(app.getHttpServer()), close: () => app.close() };
}
