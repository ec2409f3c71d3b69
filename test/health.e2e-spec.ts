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
