import { DomainError } from '@app/common';
import { JwtService } from '@nestjs/jwt';
import { createHmac } from 'node:crypto';
import { LocalizedError } from '../http/localized-error';
import { bearerToken, claimsFor, personIdFor, signActorToken, verifyActorToken } from './actor-token';
import { DEFAULT_TOKEN_POLICY } from './token-policy';

const SECRET = 'unit-test-secret-of-at-least-32-bytes';
const T0 = Date.UTC(2026, 10, 27, 8) / 1000; // 2026-11-27T08:00:00Z
const claims = claimsFor({ sub: 'li-si', name: '李四', roles: ['legal_reviewer', 'admin'], unit: 'justice-bureau', jurisdiction: 'county-a' });
const hs = (payload: object, secret = SECRET, algorithm: 'HS256' | 'HS512' = 'HS256') => new JwtService().sign({ ...payload }, { secret, algorithm });
/** HS256 by hand: a payload exactly as given, without the times jsonwebtoken would add. */
const rawHs256 = (payload: object) => {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
};
/** A token of `claims` issued at T0 and valid for an hour, unless `times` says otherwise. */
const tokenAt = (times: object = {}, extra: object = {}) => hs({ ...claims, iat: T0, exp: T0 + 3600, ...times, ...extra });

// The refusal's code and its message key: the oracle is the catalogue key, not the text.
const refusalOf = (action: () => unknown) => {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return { code: (error as DomainError).code, key: (error as LocalizedError).messages?.[0]?.key, message: (error as Error).message };
  }
  throw new Error('expected a refusal');
};

describe(verifyActorToken.name, () => {
  it('returns the actor of a token it signed', () => {
    expect(verifyActorToken(tokenAt(), SECRET, DEFAULT_TOKEN_POLICY, T0 + 10)).toEqual({
      sub: 'li-si',
      name: '李四',
      roles: ['legal_reviewer', 'admin'],
      unit: 'justice-bureau',
      jurisdiction: 'county-a',
    });
  });

  it('signs with iat and exp (8 h by default)', () => {
    const payload = new JwtService().decode(signActorToken(claims, SECRET));
    expect(payload.exp - payload.iat).toBe(8 * 3600);
  });

  it('refuses a token signed with another secret, or with another algorithm even with the right secret', () => {
    expect(refusalOf(() => verifyActorToken(hs({ ...claims, iat: T0, exp: T0 + 60 }, 'another-secret-of-at-least-32-bytes!'), SECRET, DEFAULT_TOKEN_POLICY, T0))).toMatchObject({ code: 'UNAUTHENTICATED', key: 'TOKEN_INVALID' });
    expect(refusalOf(() => verifyActorToken(hs({ ...claims, iat: T0, exp: T0 + 60 }, SECRET, 'HS512'), SECRET, DEFAULT_TOKEN_POLICY, T0))).toMatchObject({ key: 'TOKEN_INVALID' });
  });

  describe('times (the default policy: 60 s of clock skew, 12 h of lifetime at most)', () => {
    const at = (token: string, now: number) => () => verifyActorToken(token, SECRET, DEFAULT_TOKEN_POLICY, now);

    it('accepts a token until its exp plus the skew, and refuses it from then on', () => {
      expect(at(tokenAt(), T0 + 3600 + 59)().sub).toBe('li-si');
      expect(refusalOf(at(tokenAt(), T0 + 3600 + 60))).toMatchObject({ key: 'TOKEN_EXPIRED' });
    });

    it('refuses a token before its nbf, less the skew', () => {
      const token = tokenAt({ nbf: T0 + 600 });
      expect(refusalOf(at(token, T0 + 539))).toMatchObject({ key: 'TOKEN_NOT_YET_VALID' });
      expect(at(token, T0 + 540)().sub).toBe('li-si');
    });

    it('refuses a token issued further in the future than the skew', () => {
      expect(refusalOf(at(tokenAt({ iat: T0 + 61, exp: T0 + 3600 }), T0))).toMatchObject({ key: 'TOKEN_ISSUED_IN_FUTURE' });
    });

    it('refuses a token living longer than 12 h, whenever it is used', () => {
      expect(at(tokenAt({ exp: T0 + 12 * 3600 }), T0)().sub).toBe('li-si');
      expect(refusalOf(at(tokenAt({ exp: T0 + 12 * 3600 + 1 }), T0))).toMatchObject({ key: 'TOKEN_LIFETIME_TOO_LONG' });
    });

    it.each(['exp', 'iat'])('refuses a token without %s', (claim) => {
      const token = rawHs256({ ...claims, iat: T0, exp: T0 + 3600, [claim]: undefined });
      expect(refusalOf(at(token, T0))).toMatchObject({ key: 'TOKEN_CLAIM_INVALID', message: expect.stringContaining(`"${claim}"`) });
    });
  });

  it.each(['sub', 'name', 'jurisdiction', 'unit', 'roles'])('refuses a token without the claim %s, naming it', (claim) => {
    expect(refusalOf(() => verifyActorToken(tokenAt({}, { [claim]: undefined }), SECRET, DEFAULT_TOKEN_POLICY, T0)).message).toContain(`"${claim}"`);
  });

  it.each([[[]], [['drafter', 'mayor']], ['drafter']])('refuses roles %j', (roles) => {
    expect(refusalOf(() => verifyActorToken(tokenAt({}, { roles }), SECRET, DEFAULT_TOKEN_POLICY, T0))).toMatchObject({ key: 'TOKEN_ROLES_INVALID' });
  });

  it.each([
    ['the role system', { roles: ['drafter', 'system'] }],
    ['the sub system', { sub: 'system' }],
    ['the sub System', { sub: ' System ' }],
  ])('refuses the engine\'s own identity: %s', (_case, extra) => {
    expect(refusalOf(() => verifyActorToken(tokenAt({}, extra), SECRET, DEFAULT_TOKEN_POLICY, T0))).toMatchObject({ key: 'TOKEN_RESERVED_IDENTITY' });
  });
});

describe(claimsFor.name, () => {
  const unitOf = { roles: ['drafter' as const], unit: 'agri-bureau', jurisdiction: 'county-a' };

  it('keeps the sub given, and names the person by it when no name is given', () => {
    expect(claimsFor({ ...unitOf, sub: 'zhang-san' })).toMatchObject({ sub: 'zhang-san', name: 'zhang-san' });
  });

  it('derives a person id from the name: one per person, never the role and unit', () => {
    const zhang = claimsFor({ ...unitOf, name: '张三' });
    expect(zhang.sub).toBe(personIdFor('county-a', 'agri-bureau', '张三'));
    expect(zhang.sub).toMatch(/^person-[0-9a-f]{16}$/);
    expect(claimsFor({ ...unitOf, name: '张三' }).sub).toBe(zhang.sub);
    expect(claimsFor({ ...unitOf, name: '李四' }).sub).not.toBe(zhang.sub);
    expect(claimsFor({ ...unitOf, roles: ['head'], name: '张三' }).sub).toBe(zhang.sub);
  });

  it('refuses the sub "system"', () => {
    expect(() => claimsFor({ ...unitOf, sub: 'system' })).toThrow('reserved');
  });
});

describe(bearerToken.name, () => {
  it('takes the token of a Bearer header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
  });

  it.each([undefined, '', 'Basic dXNlcjpwYXNz', 'Bearer', 'abc.def.ghi'])('refuses %j', (header) => {
    expect(refusalOf(() => bearerToken(header)).code).toBe('UNAUTHENTICATED');
  });
});
