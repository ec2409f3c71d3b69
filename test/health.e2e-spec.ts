import { APP_CONFIG, AppConfig } from '@app/config';
import { HealthIndicatorService } from '@nestjs/terminus';
import { RedisHealthIndicator } from '../apps/api/src/health/redis.health';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { people } from './utils/decision-flow';
import { createTestApp, TestApp, tokenFor } from './utils';

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

describe('API and worker in one process (MODE=all) booted while Redis is down', () => {
  let api: TestApp;
  let bootMs: number;
  const saved = process.env.REDIS_URL;

  beforeAll(async () => {
    // Nothing listens on port 1: the queues, the worker and the health check all see Redis down.
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    const started = Date.now();
    try {
      api = await createTestApp({ imports: [WorkerModule] });
    } finally {
      process.env.REDIS_URL = saved;
    }
    bootMs = Date.now() - started;
  });
  // Shutting down waits a bounded time for the queue store before giving up on it.
  afterAll(() => api.close(), 30_000);

  it('listens, answers health 503 with the reason, and accepts events without waiting on the queue', async () => {
    expect(bootMs).toBeLessThan(20_000);
    const health = await api.http.get('/api/health').expect(503);
    expect(health.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', error: { redis: { status: 'down', message: expect.any(String) } } });
    const started = Date.now();
    await api.http.post('/api/decisions').set('Authorization', `Bearer ${tokenFor(people('county-a').drafter)}`).send({ title: '停电期间登记的决策', category: 'PUBLIC_POLICY' }).expect(201);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
