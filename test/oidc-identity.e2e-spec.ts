import type { OidcConfig } from '@app/config';
import { Controller, Get } from '@nestjs/common';
import { CurrentActor } from '../apps/api/src/auth';
import { JwksKeyStore } from '../apps/api/src/auth/oidc/jwks-key-store';
import { OidcTokenVerifier } from '../apps/api/src/auth/oidc/oidc-token-verifier';
import type { Actor } from '../libs/procedure/src/actor';
import { OidcProviderProcess, type ProviderPerson } from './oidc/oidc-provider-process';
import { Sm2Provider, sm2Key, sm2Token } from './oidc/sm2-provider';
import { bearer, createTestApp, TestApp } from './utils';

// Tokens of a real OpenID provider (oidc-provider, certified, in a child process on loopback):
// keys from its JWKS, iss/aud/exp/iat required, the token policy, the claims mapping.

@Controller('test-oidc')
class WhoAmIController {
  @Get('whoami')
  whoami(@CurrentActor() actor: Actor) {
    return actor;
  }
}

const J = 'county-oidc';
const person = (clientId: string, claims: Record<string, unknown>): ProviderPerson => ({ clientId, secret: `${clientId}-secret-of-some-length-0123456789`, claims });
const PEOPLE = {
  zhang: person('zhang-san', { name: '张三', roles: ['drafter', 'offline_access'], unit: 'agri-bureau', jurisdiction: J }),
  wang: person('wang-wu', { name: '王五', realm_access: { roles: ['mde-secretary', 'secretary', 'uma_authorization'] }, unit: 'general-office', jurisdiction: J }),
  engine: person('impostor', { name: '冒充者', roles: ['drafter', 'system'], unit: 'agri-bureau', jurisdiction: J }),
  nobody: person('nobody', { name: '无角色', roles: ['viewer'], unit: 'agri-bureau', jurisdiction: J }),
};
const RESOURCES = {
  es256: { audience: 'mde-api', alg: 'ES256' as const, ttl: 600 },
  rs256: { audience: 'mde-api', alg: 'RS256' as const, ttl: 600 },
  otherApi: { audience: 'other-api', alg: 'ES256' as const, ttl: 600 },
  dayLong: { audience: 'mde-api', alg: 'ES256' as const, ttl: 86_400 },
  oneSecond: { audience: 'mde-api', alg: 'ES256' as const, ttl: 1 },
};
const resource = (name: keyof typeof RESOURCES) => `https://mde.test/${name}`;

/** A test app whose environment adds `env` (restored afterwards). */
async function appWith(env: Record<string, string>): Promise<TestApp> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await createTestApp({ controllers: [WhoAmIController] });
  } finally {
    process.env = saved;
  }
}

describe('tokens of an OpenID provider', () => {
  const provider = new OidcProviderProcess(
    Object.values(PEOPLE),
    Object.fromEntries(Object.entries(RESOURCES).map(([name, r]) => [resource(name as keyof typeof RESOURCES), r])),
  );
  let t: TestApp;
  const whoami = (token: string, app = t) => app.http.get('/api/test-oidc/whoami').set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    const issuer = await provider.start();
    t = await appWith({ OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'mde-api', TOKEN_CLOCK_SKEW: '0' });
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await provider.stop();
  });

  it.each(['es256', 'rs256'] as const)('accepts a %s token of the provider, the person as its sub', async (alg) => {
    const res = await whoami(await provider.token(PEOPLE.zhang, resource(alg)));
    expect(res.status).toBe(200);
    // Roles of other systems (offline_access) are ignored; the person is the token's sub.
    expect(res.body).toEqual({ sub: 'zhang-san', name: '张三', roles: ['drafter'], unit: 'agri-bureau', jurisdiction: J });
  });

  it('lets that person act: the trail records the provider\'s sub', async () => {
    const token = await provider.token(PEOPLE.zhang, resource('es256'));
    const created = await t.http.post('/api/decisions').set('Authorization', `Bearer ${token}`).send({ title: '统一身份认证下的决策', category: 'PUBLIC_POLICY' }).expect(201);
    const history = await t.http.get(`/api/decisions/${created.body.id}/history`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(history.body.events[0].actor).toMatchObject({ sub: 'zhang-san', name: '张三', unit: 'agri-bureau' });
  });

  it('still accepts local HS256 tokens, JWT_SECRET being set', async () => {
    const res = await t.http.get('/api/test-oidc/whoami').set('Authorization', bearer({ sub: 'local-1', roles: ['auditor'], unit: 'audit-office', jurisdiction: J }));
    expect(res.body.sub).toBe('local-1');
  });

  describe('refusals (401 UNAUTHENTICATED, in Chinese)', () => {
    const refused = async (token: string, message: string) => {
      const res = await whoami(token);
      expect(res.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message });
    };

    it('a token for another audience', async () => {
      await refused(await provider.token(PEOPLE.zhang, resource('otherApi')), '访问令牌的受众（aud）不是本系统');
    });

    it('a token living longer than TOKEN_MAX_LIFETIME (12 h by default)', async () => {
      await refused(await provider.token(PEOPLE.zhang, resource('dayLong')), '访问令牌有效期超过允许的 43200 秒');
    });

    it('an expired token', async () => {
      const token = await provider.token(PEOPLE.zhang, resource('oneSecond'));
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await refused(token, '访问令牌已过期');
    });

    it('a token claiming the engine\'s role "system"', async () => {
      await refused(await provider.token(PEOPLE.engine, resource('es256')), '"system" 是引擎保留的身份和角色，不得出现在访问令牌中');
    });

    it('a token without any role of this engine', async () => {
      const res = await whoami(await provider.token(PEOPLE.nobody, resource('es256')));
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('"roles"') });
    });

    it('a token whose claims were changed after signing', async () => {
      const [header, payload, signature] = (await provider.token(PEOPLE.zhang, resource('es256'))).split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
      await refused(`${header}.${forged}.${signature}`, '访问令牌无效');
    });

    it('a token naming one key type and signed for another (ES256 header on the RSA key)', async () => {
      const [, payload, signature] = (await provider.token(PEOPLE.zhang, resource('rs256'))).split('.');
      const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'rsa-1' })).toString('base64url');
      await refused(`${header}.${payload}.${signature}`, '访问令牌无效');
    });

    it('an unsigned token (alg none)', async () => {
      const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      await refused(`${b64({ alg: 'none' })}.${b64({ ...PEOPLE.zhang.claims, sub: 'x', iss: provider.issuer, aud: 'mde-api', iat: now, exp: now + 60 })}.`, '访问令牌无效');
    });
  });

  it('reads roles where OIDC_ROLES_CLAIM says, with OIDC_ROLE_PREFIX', async () => {
    const mapped = await appWith({ OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: 'mde-api', OIDC_ROLES_CLAIM: 'realm_access.roles', OIDC_ROLE_PREFIX: 'mde-' });
    try {
      const res = await whoami(await provider.token(PEOPLE.wang, resource('rs256')), mapped);
      // "secretary" without the prefix is some other system's role: only "mde-secretary" counts.
      expect(res.body).toEqual({ sub: 'wang-wu', name: '王五', roles: ['secretary'], unit: 'general-office', jurisdiction: J });
    } finally {
      await mapped.close();
    }
  });

  it('answers 503, not 401, while the provider cannot be reached', async () => {
    const token = await provider.token(PEOPLE.zhang, resource('es256'));
    const unreachable = await appWith({ OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_AUDIENCE: 'mde-api' });
    try {
      const res = await whoami(token, unreachable);
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: '身份认证服务暂时不可用，请稍后重试' });
      expect(res.headers['retry-after']).toBe('5');
    } finally {
      await unreachable.close();
    }
  });
});

describe('tokens signed with SM2', () => {
  const provider = new Sm2Provider();
  const first = sm2Key('sm2-1');
  let t: TestApp;
  const claimsAt = (now: number, extra: object = {}) => ({ iss: provider.issuer, aud: 'mde-api', sub: 'li-si', name: '李四', roles: ['legal_reviewer'], unit: 'justice-bureau', jurisdiction: J, iat: now, exp: now + 600, ...extra });
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    await provider.start();
    provider.keys = [first];
    t = await appWith({ OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: 'mde-api', OIDC_ALGORITHMS: 'ES256,SM2' });
  });
  afterAll(async () => {
    await t?.close();
    await provider.stop();
  });

  it('accepts a token signed with the SM2 key of the JWKS', async () => {
    const res = await t.http.get('/api/test-oidc/whoami').set('Authorization', `Bearer ${sm2Token(first, claimsAt(nowSeconds()))}`);
    expect(res.body).toEqual({ sub: 'li-si', name: '李四', roles: ['legal_reviewer'], unit: 'justice-bureau', jurisdiction: J });
  });

  it('refuses an SM2 signature by another key under the same kid, and a changed payload', async () => {
    const impostor = { ...sm2Key('sm2-1') };
    const forged = sm2Token(impostor, claimsAt(nowSeconds()));
    expect((await t.http.get('/api/test-oidc/whoami').set('Authorization', `Bearer ${forged}`)).body.code).toBe('UNAUTHENTICATED');
    const [header, , signature] = sm2Token(first, claimsAt(nowSeconds())).split('.');
    const changed = Buffer.from(JSON.stringify(claimsAt(nowSeconds(), { roles: ['admin'] }))).toString('base64url');
    expect((await t.http.get('/api/test-oidc/whoami').set('Authorization', `Bearer ${header}.${changed}.${signature}`)).status).toBe(401);
  });

  it('refuses SM2 where OIDC_ALGORITHMS does not list it', async () => {
    const strict = await appWith({ OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: 'mde-api' });
    try {
      const res = await strict.http.get('/api/test-oidc/whoami').set('Authorization', `Bearer ${sm2Token(first, claimsAt(nowSeconds()))}`);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', message: '访问令牌无效' });
    } finally {
      await strict.close();
    }
  });

  it('follows a key rotation: an unknown kid fetches the JWKS again, at most once per cooldown', async () => {
    let now = 1_000_000;
    const config: OidcConfig = {
      issuer: provider.issuer,
      audience: 'mde-api',
      clientId: 'mde-api',
      algorithms: ['SM2'],
      claims: { roles: 'roles', jurisdiction: 'jurisdiction', unit: 'unit', name: 'name' },
    };
    const verifier = new OidcTokenVerifier(config, { maxLifetimeSeconds: 3600, clockSkewSeconds: 60 }, new JwksKeyStore({ issuer: provider.issuer, cooldownMs: 30_000 }, () => now));
    const second = sm2Key('sm2-2');
    const before = provider.jwksRequests;
    expect((await verifier.verify(sm2Token(first, claimsAt(nowSeconds())))).actor.sub).toBe('li-si');
    provider.keys = [first, second];
    // Within the cooldown the new kid is not looked up (a flood of made-up kids must not flood the provider).
    now += 10_000;
    await expect(verifier.verify(sm2Token(second, claimsAt(nowSeconds())))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    now += 30_000;
    expect((await verifier.verify(sm2Token(second, claimsAt(nowSeconds())))).actor.sub).toBe('li-si');
    expect(provider.jwksRequests - before).toBe(2);
    provider.keys = [first];
  });
});
