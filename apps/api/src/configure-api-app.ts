import { APP_CONFIG, AppConfig, requestIdFor } from '@app/config';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { LocalizeReasonsGuard } from './http/localize-reasons.guard';
import { refuseDeepJson, rejectPrototypeKeys } from './http/safe-json';
import { createValidationPipe } from './http/validation.pipe';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { serveConsole } from './console/console-static';
import { PUBLIC_WEB_ROUTES } from './public-web/public-web.controller';

export const API_PREFIX = 'api';

/** Applies the HTTP conventions of API.md to an app built on ApiModule (main.ts and tests alike). Call before init/listen. */
export function configureApiApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  // Before the body parsers, so that even a refused body gets its request id echoed.
  app.use((req: Request, res: Response, next: NextFunction) => {
    requestIdFor(req, res);
    next();
  });
  app.use(securityHeaders());
  // Registered here, Nest skips its own parsers (default 100kb limit, no reviver, no depth bound).
  // Nest's types leave `verify` out (it sets one for rawBody, which this app does not use); body-parser takes it.
  const json = { limit: config.bodyLimit, reviver: rejectPrototypeKeys, verify: refuseDeepJson };
  app.useBodyParser('json', json);
  app.useBodyParser('urlencoded', { limit: config.bodyLimit, extended: false, parameterLimit: 100 });
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  // The console's files and routes, outside the API's prefix and its JSON error model.
  app.use('/console', serveConsole(app));
  setApiPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  // after the auth guards (those of APP_GUARD come first): see LocalizeReasonsGuard
  app.useGlobalGuards(new LocalizeReasonsGuard());
  if (config.apiDocs) setUpOpenApi(app);
  app.enableShutdownHooks();
  return app;
}

/**
 * helmet's headers on every response (nosniff, frame-ancestors 'none', no-referrer, HSTS…), with a
 * same-origin CSP; the public pages set their own stricter one. No upgrade-insecure-requests: a
 * plain-http deployment (localhost) would lose its own scripts.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null, 'frame-ancestors': ["'none'"] } },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

function setUpOpenApi(app: NestExpressApplication): void {
  // A factory: the document is built on first request, once every feature module's routes exist.
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => buildOpenApiDocument(app), { jsonDocumentUrl: `${API_PREFIX}/docs-json` });
}

/** The global prefix of the API routes (the public page and the console live outside it). */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: PUBLIC_WEB_ROUTES });
}
