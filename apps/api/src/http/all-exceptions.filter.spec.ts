import { DomainError } from '@app/common';
import { RULES } from '@app/procedure';
import {
  ForbiddenException,
  HttpException,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { toErrorBody } from './all-exceptions.filter';

describe(toErrorBody.name, () => {
  it('maps domain errors by code and keeps the reasons', () => {
    const reasons = [{ code: 'STEPS_NOT_SETTLED', message: '步骤未完成' }, { code: 'LEGALITY_REVIEW_REQUIRED', message: '未经审查' }];
    expect(toErrorBody(DomainError.ruleViolation(reasons))).toEqual({ statusCode: 422, code: 'STEPS_NOT_SETTLED', message: '步骤未完成', reasons });
    expect(toErrorBody(new NotFoundException())).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('answers 503 when the database is away (refused, terminated, admin shutdown), not 500', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { driverError: { code: '57P01' } });
    const terminated = new Error('Connection terminated unexpectedly');
    for (const e of [refused, shutdown, terminated]) expect(toErrorBody(e)).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('leaves unknown errors to the 500 path (no details leak)', () => {
    expect(toErrorBody(new Error('boom'))).toBeUndefined();
    expect(toErrorBody(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeUndefined();
  });
});

describe('toErrorBody in the caller\'s language', () => {
  const ruleError = () => DomainError.ruleViolation([{ code: 'QUORUM_NOT_MET', message: RULES.QUORUM_NOT_MET }, { code: 'NOT_A_KNOWN_CODE', message: '某条新规则' }]);

  it('answers rule codes in Chinese by default, as the procedure words them', () => {
    expect(toErrorBody(ruleError())).toMatchObject({ message: RULES.QUORUM_NOT_MET, reasons: [{ message: RULES.QUORUM_NOT_MET }, { message: '某条新规则' }] });
  });

  it('answers rule codes in English from the catalogue, else the Chinese text with its code', () => {
    expect(toErrorBody(ruleError(), 'en')).toMatchObject({
      message: 'Fewer members attend than the required share',
      reasons: [{ code: 'QUORUM_NOT_MET', message: 'Fewer members attend than the required share' }, { code: 'NOT_A_KNOWN_CODE', message: '某条新规则 (NOT_A_KNOWN_CODE)' }],
    });
  });

  it('names the missing resource in either language', () => {
    expect(toErrorBody(DomainError.notFound('decision'))).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: '决策事项不存在' });
    expect(toErrorBody(DomainError.notFound('material'), 'en')).toMatchObject({ message: 'Material not found' });
    expect(toErrorBody(DomainError.notFound('something new'))).toMatchObject({ message: '请求的资源不存在' });
  });

  it('names an unknown route with its method and path', () => {
    expect(toErrorBody(new NotFoundException(), 'zh-CN', { method: 'GET', path: '/api/nope' })).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: '请求的地址不存在：GET /api/nope' });
    expect(toErrorBody(new NotFoundException(), 'en', { method: 'GET', path: '/api/nope' })?.message).toBe('No such endpoint: GET /api/nope');
  });

  it.each([
    [new PayloadTooLargeException(), 413, 'PAYLOAD_TOO_LARGE', '请求体超过大小限制'],
    [new UnsupportedMediaTypeException(), 415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容类型'],
    [new MethodNotAllowedException(), 405, 'METHOD_NOT_ALLOWED', '该地址不支持此请求方法'],
    [new HttpException('slow down', 429), 429, 'TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试'],
    [new ForbiddenException('nope'), 403, 'FORBIDDEN_ROLE', '无权执行该操作'],
  ])('answers %s in Chinese', (exception, statusCode, code, message) => {
    expect(toErrorBody(exception)).toEqual({ statusCode, code, message });
  });

  it('gives a Chinese message for an English validation text raised below the edge, naming its field', () => {
    expect(toErrorBody(DomainError.validation('content must not be blank', 'content'))?.message).toBe('content 无效');
    expect(toErrorBody(DomainError.validation('content must not be blank', 'content'), 'en')?.message).toBe('content must not be blank');
  });

  it('answers an HTTP-level code raised below the edge in Chinese with the edge\'s English', () => {
    expect(toErrorBody(new DomainError('TOO_MANY_REQUESTS', '提交意见过于频繁，请稍后再试'), 'en')?.message).toBe('Too many requests, retry later');
  });

  it('tells the version of a conflict in English', () => {
    const conflict = new DomainError('VERSION_CONFLICT', '版本已变化：当前版本为 5，请求基于版本 4', undefined, { currentVersion: 5 });
    expect(toErrorBody(conflict, 'en')?.message).toMatch(/version 5$/);
  });

  it('does not repeat the text of a JSON parse error: it quotes the body', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token \'s\', "secret-value" is not valid JSON'), { status: 400 });
    expect(toErrorBody(parseError)).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: '请求体不是合法的 JSON' });
  });
});
