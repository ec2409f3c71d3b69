import { DomainError } from '@app/common';
import { Body, Controller, Get, Post } from '@nestjs/common';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { JwtService } from '@nestjs/jwt';
import { CurrentActor, Public, Roles } from '../apps/api/src/auth';
import type { Actor } from '../libs/procedure/src/actor';
import { bearer, createTestApp, TestApp, tokenFor } from './utils';

class EchoDto {
  @IsString() title!: string;
  @IsOptional() @IsInt() count?: number;
}

// Test-only routes exercising the global guard, pipe and filter.
@Controller('test-echo')
class EchoController {
  @Post()
  echo(@Body() body: EchoDto, @CurrentActor() actor: Actor) {
    return { body, actor };
  }

  @Public()
  @Post('public')
  open(@Body() body: EchoDto) {
    return { body };
  }

  @Roles('auditor', 'admin')
  @Get('audit')
  audit() {
    return { ok: true };
  }

  @Public()
  @Get('rule')
  rule() {
    throw DomainError.ruleViolation([
      { code: 'QUORUM_NOT_MET', message: '出席人数不足' },
      { code: 'HEAD_MUST_SPEAK_LAST', message: '行政首长未最后发言' },
    ]);
  }

  @Public()
  @Get('boom')
  boom() {
    throw new Error('connection string postgres://secret@db leaked?');
  }
}

const drafter = { sub: 'drafter-7', roles: ['drafter' as const], unit: 'agri-bureau', jurisdiction: 'county-a' };

describe('HTTP error model', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await createTestApp({ controllers: [EchoController] });
  });
  afterAll(() => api.close());

  describe('authentication', () => {
    it('refuses a request without a token with 401 UNAUTHENTICATED', async () => {
      const response = await api.http.post('/api/test-echo').send({ title: 'x' }).expect(401);
      expect(response.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.any(String) });
    });

    it.each([
      ['garbage', 'Bearer not-a-jwt'],
      ['another secret', `Bearer ${new JwtService().sign({ ...drafter, sub: 'u', name: 'n' }, { secret: 'other' })}`],
      ['no Bearer scheme', tokenFor(drafter)],
    ])('refuses a bad token (%s) with 401', async (_case, header) => {
      const response = await api.http.post('/api/test-echo').set('Authorization', header).send({ title: 'x' }).expect(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    });

    it('refuses an expired token with 401', async () => {
      const response = await api.http
        .post('/api/test-echo')
        // Past the default clock skew of 60 s.
        .set('Authorization', `Bearer ${tokenFor(drafter, -61)}`)
        .send({ title: 'x' })
        .expect(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED', message: '访问令牌已过期' });
    });

    it('refuses a token whose roles are not roles of API.md', async () => {
      const token = new JwtService().sign({ ...drafter, roles: ['mayor'], name: 'n' }, { secret: process.env.JWT_SECRET, expiresIn: 60 });
      const response = await api.http.post('/api/test-echo').set('Authorization', `Bearer ${token}`).send({ title: 'x' }).expect(401);
      expect(response.body.message).toContain('roles');
    });

    it.each([
      ['the role', { roles: ['drafter', 'system'] }],
      ['the sub', { sub: 'system' }],
    ])('refuses a token claiming the engine\'s reserved identity "system" (%s)', async (_case, claims) => {
      const token = new JwtService().sign({ ...drafter, name: 'n', ...claims }, { secret: process.env.JWT_SECRET, expiresIn: 60 });
      const response = await api.http.post('/api/test-echo').set('Authorization', `Bearer ${token}`).send({ title: 'x' }).expect(401);
      expect(response.body.message).toContain('"system"');
    });

    it('hands the verified actor to the handler', async () => {
      const response = await api.http.post('/api/test-echo').set('Authorization', bearer(drafter)).send({ title: 'x' }).expect(201);
      expect(response.body.actor).toEqual({ name: 'drafter-7', ...drafter });
    });

    it('refuses a caller without a role of @Roles with 403 FORBIDDEN_ROLE', async () => {
      const response = await api.http.get('/api/test-echo/audit').set('Authorization', bearer(drafter)).expect(403);
      expect(response.body.code).toBe('FORBIDDEN_ROLE');
      await api.http.get('/api/test-echo/audit').set('Authorization', bearer({ ...drafter, roles: ['auditor'] })).expect(200);
    });
  });

  describe('bodies', () => {
    it('refuses a missing field with 400 VALIDATION_FAILED naming it', async () => {
      const response = await api.http.post('/api/test-echo/public').send({ count: 1 }).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: { fields: ['title'] } });
      expect(response.body.message).toContain('title');
    });

    it('refuses an unknown field with 400 VALIDATION_FAILED', async () => {
      const response = await api.http.post('/api/test-echo/public').send({ title: 'x', extra: 1 }).expect(400);
      expect(response.body.details.fields).toEqual(['extra']);
    });

    it('refuses malformed JSON with 400 VALIDATION_FAILED', async () => {
      const response = await api.http.post('/api/test-echo/public').set('Content-Type', 'application/json').send('{"title": ').expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(response.body.message).toBe('请求体不是合法的 JSON');
      const english = await api.http.post('/api/test-echo/public').set('Content-Type', 'application/json').set('Accept-Language', 'en').send('{"title": ');
      expect(english.body.message).toBe('Malformed JSON body');
    });

    it.each(['__proto__', 'constructor', 'prototype'])('refuses a body carrying the key %s, at any depth', async (key) => {
      const body = `{"title":"x","nested":{"${key}":{"polluted":true}}}`;
      const response = await api.http.post('/api/test-echo/public').set('Content-Type', 'application/json').send(body).expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: `请求体不得包含键 "${key}"` });
    });

    it('refuses a body over BODY_LIMIT with 413 PAYLOAD_TOO_LARGE', async () => {
      const response = await api.http.post('/api/test-echo/public').send({ title: 'x'.repeat(1024 * 1024 + 1) }).expect(413);
      expect(response.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    });
  });

  describe('other errors', () => {
    it('answers a refused rule with 422, the first rule as code and every reason', async () => {
      const response = await api.http.get('/api/test-echo/rule').expect(422);
      expect(response.body).toEqual({
        statusCode: 422,
        code: 'QUORUM_NOT_MET',
        message: '出席人数不足',
        reasons: [expect.objectContaining({ code: 'QUORUM_NOT_MET' }), expect.objectContaining({ code: 'HEAD_MUST_SPEAK_LAST' })],
      });
    });

    it('answers an unexpected error with 500 INTERNAL_ERROR and no detail', async () => {
      const response = await api.http.get('/api/test-echo/boom').expect(500);
      expect(response.body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误' });
    });

    it('answers an unknown route with 404 NOT_FOUND', async () => {
      const response = await api.http.get('/api/no-such-route').expect(404);
      expect(response.body.code).toBe('NOT_FOUND');
    });
  });

  describe('request id', () => {
    it('echoes the caller X-Request-Id, even on a refused body', async () => {
      await api.http.get('/api/health').set('X-Request-Id', 'req-42').expect('X-Request-Id', 'req-42');
      await api.http
        .post('/api/test-echo/public')
        .set('X-Request-Id', 'req-43')
        .set('Content-Type', 'application/json')
        .send('{')
        .expect(400)
        .expect('X-Request-Id', 'req-43');
    });

    it('generates one when the caller sends none or an unusable one', async () => {
      const plain = await api.http.get('/api/health');
      expect(plain.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const forged = await api.http.get('/api/health').set('X-Request-Id', 'a b\tc');
      expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
