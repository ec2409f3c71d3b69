import { consoleCsp } from './console-csp';
import { loadConsoleSettings } from './console-settings';

describe(loadConsoleSettings.name, () => {
  it('offers the identity provider only when both issuer and client id are configured', () => {
    expect(loadConsoleSettings({}).oidc).toBeNull();
    expect(loadConsoleSettings({ OIDC_ISSUER: 'https://id.example.gov.cn/realms/county/', OIDC_CLIENT_ID: 'console' }).oidc).toEqual({
      issuer: 'https://id.example.gov.cn/realms/county',
      clientId: 'console',
      scope: 'openid profile',
    });
  });

  it('offers the provider login only with the console client id; the issuer alone leaves token login', () => {
    expect(loadConsoleSettings({ OIDC_ISSUER: 'https://id.example.gov.cn' }).oidc).toBeNull();
    expect(loadConsoleSettings({ OIDC_ISSUER: 'https://id.example.gov.cn', OIDC_CLIENT_ID: 'console' }).oidc).toMatchObject({ clientId: 'console' });
  });

  it('stops boot on an issuer that is not an http(s) URL, naming the variable', () => {
    expect(() => loadConsoleSettings({ OIDC_ISSUER: 'id.example.gov.cn', OIDC_CLIENT_ID: 'console' })).toThrow('OIDC_ISSUER');
  });

  it('reads the built console from CONSOLE_DIR when set, else dist/web of the checkout', () => {
    expect(loadConsoleSettings({ CONSOLE_DIR: '/srv/console' }).dir).toBe('/srv/console');
    expect(loadConsoleSettings({}).dir).toMatch(/dist\/web$/);
  });
});

describe(consoleCsp.name, () => {
  it('admits scripts by origin only and styles by origin or the nonce, nothing inline or evaluated', () => {
    const csp = consoleCsp('abc', null);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self' 'nonce-abc'");
    expect(csp).not.toMatch(/unsafe/);
  });

  it('lets the browser reach the identity provider, and nothing else outside the origin', () => {
    const csp = consoleCsp('abc', 'https://id.example.gov.cn/realms/county');
    expect(csp).toContain("connect-src 'self' https://id.example.gov.cn;");
    expect(csp).toContain("form-action 'self' https://id.example.gov.cn;");
    expect(csp.match(/https:\/\//g)).toHaveLength(2);
  });
});
