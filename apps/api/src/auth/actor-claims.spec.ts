import { LocalizedError } from '../http/localized-error';
import { actorFromClaims, claimAt } from './actor-claims';

const mapping = { roles: 'realm_access.roles', jurisdiction: 'jurisdiction', unit: 'org.unit', name: 'name' };
const provider = { ignoreUnknown: true, allowString: true };
const base = { sub: 'u-1', name: '张三', jurisdiction: 'county-a', org: { unit: 'agri-bureau' }, realm_access: { roles: ['drafter'] } };
const keyOf = (action: () => unknown) => {
  try {
    action();
  } catch (error) {
    return (error as LocalizedError).messages[0].key;
  }
  throw new Error('expected a refusal');
};

describe(claimAt.name, () => {
  it('reads a claim by its exact name first, then along a dotted path', () => {
    expect(claimAt({ 'https://example.gov.cn/roles': ['head'] }, 'https://example.gov.cn/roles')).toEqual(['head']);
    expect(claimAt({ a: { b: { c: 1 } } }, 'a.b.c')).toBe(1);
    expect(claimAt({ a: [{ b: 1 }] }, 'a.0.b')).toBeUndefined();
    expect(claimAt({ a: {} }, 'a.toString')).toBeUndefined();
  });
});

describe(actorFromClaims.name, () => {
  it('maps the claims where the mapping says', () => {
    expect(actorFromClaims(base, mapping, provider)).toEqual({ sub: 'u-1', name: '张三', roles: ['drafter'], jurisdiction: 'county-a', unit: 'agri-bureau' });
  });

  it('reads a provider\'s roles listed in a string, ignoring roles of other systems', () => {
    expect(actorFromClaims({ ...base, realm_access: { roles: 'offline_access drafter head' } }, mapping, provider).roles).toEqual(['drafter', 'head']);
  });

  it('falls back to other name claims of the provider', () => {
    expect(actorFromClaims({ ...base, name: undefined, preferred_username: 'zhangsan' }, mapping, provider, ['preferred_username', 'sub']).name).toBe('zhangsan');
  });

  it.each([
    ['no role of this engine', { realm_access: { roles: ['viewer'] } }, 'TOKEN_ROLES_INVALID'],
    ['roles that are no list', { realm_access: { roles: 7 } }, 'TOKEN_ROLES_INVALID'],
    ['the role system among others', { realm_access: { roles: ['drafter', 'system'] } }, 'TOKEN_RESERVED_IDENTITY'],
    ['the sub system', { sub: 'SYSTEM' }, 'TOKEN_RESERVED_IDENTITY'],
    ['no unit', { org: {} }, 'TOKEN_CLAIM_INVALID'],
    ['a blank jurisdiction', { jurisdiction: ' ' }, 'TOKEN_CLAIM_INVALID'],
  ])('refuses %s', (_case, change, key) => {
    expect(keyOf(() => actorFromClaims({ ...base, ...change }, mapping, provider))).toBe(key);
  });
});
