import { DomainError } from '@app/common';
import { NotFoundException } from '@nestjs/common';
import { toErrorBody } from './all-exceptions.filter';

describe(toErrorBody.name, () => {
  it('maps domain errors by code and keeps the reasons', () => {
    const reasons = [{ code: 'STEPS_NOT_SETTLED', message: 'x' }, { code: 'LEGALITY_REVIEW_REQUIRED', message: 'y' }];
    expect(toErrorBody(DomainError.ruleViolation(reasons))).toEqual({ statusCode: 422, code: 'STEPS_NOT_SETTLED', message: 'x', reasons });
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
