import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { people } from './utils/decision-flow';
import { tokenFor } from './utils';
import { ConsoleHarness } from './console/console-harness';

// Login through the jurisdiction's identity provider (OIDC_ISSUER): authorization code + PKCE, done by
// the console in Chromium against a stand-in provider on this machine that checks the PKCE verifier.
// The provider issues a token the API accepts (the test's HS256 secret): JWKS verification of real
// provider tokens is the API's business, tested where it lives.

jest.setTimeout(120_000);

const base64url = (buffer: Buffer) => buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('Console: login through the identity provider (authorization code + PKCE), or with a token', () => {
  const who = people('county-console-oidc');
  const seen: { authorize?: URLSearchParams; token?: URLSearchParams } = {};
  const codes = new Map<string, string>();
  let provider: Server;
  let issuer: string;
  let h: ConsoleHarness;
  const saved = { issuer: process.env.OIDC_ISSUER, client: process.env.OIDC_CLIENT_ID, audience: process.env.OIDC_AUDIENCE };

  function answer(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url!, issuer);
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (url.pathname === '/.well-known/openid-configuration') {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, response_types_supported: ['code'], code_challenge_methods_supported: ['S256'] }));
    } else if (url.pathname === '/authorize') {
      // the person has authenticated at the provider: back to the console with a code
      seen.authorize = url.searchParams;
      const code = randomUUID();
      codes.set(code, url.searchParams.get('code_challenge')!);
      res.writeHead(302, { Location: `${url.searchParams.get('redirect_uri')}?code=${code}&state=${url.searchParams.get('state')}&iss=${encodeURIComponent(issuer)}` }).end();
    } else if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.token = new URLSearchParams(body);
        const challenge = codes.get(seen.token.get('code') ?? '');
        const verified = challenge !== undefined && base64url(createHash('sha256').update(seen.token.get('code_verifier') ?? '').digest()) === challenge;
        res.setHeader('Content-Type', 'application/json');
        if (!verified) return void res.writeHead(400).end(JSON.stringify({ error: 'invalid_grant' }));
        res.end(JSON.stringify({ access_token: tokenFor({ ...who.auditor, name: '周静' }), token_type: 'Bearer', expires_in: 3600 }));
      });
    } else {
      res.writeHead(404).end();
    }
  }

  beforeAll(async () => {
    provider = createServer(answer);
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    Object.assign(process.env, { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'console-test', OIDC_AUDIENCE: 'major-decision-engine' });
    h = await ConsoleHarness.start();
  });
  afterAll(async () => {
    await h?.close();
    provider?.close();
    for (const [key, value] of [['OIDC_ISSUER', saved.issuer], ['OIDC_CLIENT_ID', saved.client], ['OIDC_AUDIENCE', saved.audience]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('logs in with the provider, the code exchanged with the PKCE verifier the console kept', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const login = await page.goto(`${h.base}/console/login`);
    expect(login?.headers()['content-security-policy']).toContain(`connect-src 'self' ${issuer}`);
    await page.getByRole('button', { name: '使用统一身份认证登录' }).click();
    await expect(page.getByTestId('user-name').textContent()).resolves.toBe('周静');
    expect(page.url()).toMatch(/\/console\/?$/);
    expect(seen.authorize?.get('client_id')).toBe('console-test');
    expect(seen.authorize?.get('code_challenge_method')).toBe('S256');
    expect(seen.authorize?.get('redirect_uri')).toBe(`${h.base}/console/auth/callback`);
    expect(seen.token?.get('grant_type')).toBe('authorization_code');
    expect(seen.token?.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    await context.close();
  });

  it('takes a pasted bearer token beside it, and refuses a bad one in words', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${h.base}/console/login`);
    await page.fill('#token', 'not-a-token');
    await page.getByRole('button', { name: '进入工作台' }).click();
    await page.getByText('令牌无效或已过期，请重新获取。').waitFor();
    await page.fill('#token', tokenFor({ ...who.drafter, name: '张敏' }));
    await page.getByRole('button', { name: '进入工作台' }).click();
    await expect(page.getByTestId('user-name').textContent()).resolves.toBe('张敏');
    await context.close();
  });
});
