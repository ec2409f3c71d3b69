import { DomainError } from '@app/common';
import { JwtService } from '@nestjs/jwt';
import { bearerToken, claimsFor, signActorToken, verifyActorToken } from './actor-token';

const SECRET = 'unit-test-secret';
const claims = claimsFor({ roles: ['legal_reviewer', 'admin'], unit: 'justice-bureau', jurisdiction: 'county-a', name: '李四' });
const codeOf = (action: () => unknown) => {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).code;
  }
  throw new Error('expected a refusal');
};

describe(verifyActorToken.name, () => {
  it('returns the actor of a token it signed', () => {
    expect(verifyActorToken(signActorToken(claims, SECRET), SECRET)).toEqual({
      sub: 'legal_reviewer@justice-bureau',
      name: '李四',
      roles: ['legal_reviewer', 'admin'],
      unit: 'justice-bureau',
      jurisdiction: 'county-a',
    });
  });

  it('refuses a token signed with another secret', () => {
    expect(codeOf(() => verifyActorToken(signActorToken(claims, 'other'), SECRET))).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token', () => {
    expect(() => verifyActorToken(signActorToken(claims, SECRET, -1), SECRET)).toThrow('访问令牌已过期');
  });

  it('refuses a token of another algorithm, even with the right secret', () => {
    const token = new JwtService().sign({ ...claims }, { secret: SECRET, algorithm: 'HS512' });
    expect(codeOf(() => verifyActorToken(token, SECRET))).toBe('UNAUTHENTICATED');
  });

  describe('a token verified before (its signature is checked once)', () => {
    afterEach(() => jest.useRealTimers());

    it('is still refused once it expires, and under another secret', () => {
      jest.useFakeTimers({ now: new Date('2026-11-27T08:00:00Z') });
      const token = signActorToken(claims, SECRET, '1h');
      expect(verifyActorToken(token, SECRET).sub).toBe('legal_reviewer@justice-bureau');
      expect(codeOf(() => verifyActorToken(token, 'another-secret'))).toBe('UNAUTHENTICATED');
      jest.setSystemTime(new Date('2026-11-27T08:59:59Z'));
      expect(verifyActorToken(token, SECRET).sub).toBe('legal_reviewer@justice-bureau');
      jest.setSystemTime(new Date('2026-11-27T09:00:00Z'));
      expect(() => verifyActorToken(token, SECRET)).toThrow('访问令牌已过期');
    });

    it('is refused before its nbf, as at its first verification', () => {
      jest.useFakeTimers({ now: new Date('2026-11-27T08:00:00Z') });
      const token = new JwtService().sign({ ...claims }, { secret: SECRET, notBefore: 60 });
      jest.setSystemTime(new Date('2026-11-27T08:01:00Z'));
      expect(verifyActorToken(token, SECRET).sub).toBe('legal_reviewer@justice-bureau');
      jest.setSystemTime(new Date('2026-11-27T08:00:30Z'));
      expect(() => verifyActorToken(token, SECRET)).toThrow('访问令牌尚未生效');
    });

    it('gives each caller its own actor object', () => {
      const token = signActorToken(claims, SECRET);
      const first = verifyActorToken(token, SECRET);
      first.roles.push('head');
      expect(verifyActorToken(token, SECRET).roles).toEqual(['legal_reviewer', 'admin']);
    });
  });

  it.each(['sub', 'name', 'jurisdiction', 'unit', 'roles'])('refuses a token without the claim %s', (claim) => {
    const token = new JwtService().sign({ ...claims, [claim]: undefined }, { secret: SECRET });
    expect(() => verifyActorToken(token, SECRET)).toThrow(`"${claim}"`);
  });

  it.each([[[]], [['system']], [['drafter', 'mayor']], ['drafter']])('refuses roles %j', (roles) => {
    const token = new JwtService().sign({ ...claims, roles }, { secret: SECRET });
    expect(() => verifyActorToken(token, SECRET)).toThrow('"roles"');
  });
});

describe(bearerToken.name, () => {
  it('takes the token of a Bearer header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
  });

  it.each([undefined, '', 'Basic dXNlcjpwYXNz', 'Bearer', 'abc.def.ghi'])('refuses %j', (header) => {
    expect(codeOf(() => bearerToken(header))).toBe('UNAUTHENTICATED');
  });
});
