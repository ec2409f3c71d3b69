import { APP_CONFIG, AppConfig } from '@app/config';
import { HealthIndicatorService } from '@nestjs/terminus';
import { RedisHealthIndicator } from '../apps/api/src/health/redis.health';
import { createTestApp, TestApp } from './utils';

describe('GET /api/health and the API docs', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await createTestApp();
  });
  afterAll(() => api.close());

  it('answers 200 without a token once the database and Redis answer', async () => {
    const response = await api.http.get('/api/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('serves the OpenAPI UI at /api/docs', async () => {
    const response = await api.http.get('/api/docs').redirects(1).expect(200);
    expect(response.text).toContain('swagger-ui');
  });

  it('serves the OpenAPI document, with bearer auth declared, at /api/docs-json', async () => {
    const response = await api.http.get('/api/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(response.body.paths).toHaveProperty('/api/health');
    expect(response.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('GET /api/health with a dependency down', () => {
  let api: TestApp;

  beforeAll(async () => {
    // Only the health indicator sees a dead Redis (nothing listens on port 1); the queues keep the real one.
    api = await createTestApp({
      configure: (builder) =>
        builder.overrideProvider(RedisHealthIndicator).useFactory({
          inject: [HealthIndicatorService, APP_CONFIG],
          factory: (indicators: HealthIndicatorService, config: AppConfig) =>
            new RedisHealthIndicator(indicators, { ...config, redisUrl: 'redis://127.0.0.1:1' }),
        }),
    });
  });
  afterAll(() => api.close());

  it('answers 503 SERVICE_UNAVAILABLE naming the failing dependency', async () => {
    const response = await api.http.get('/api/health').expect(503);
    expect(response.body).toMatchObject({
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      status: 'error',
      info: { database: { status: 'up' } },
      error: { redis: { status: 'down' } },
    });
  });
});
