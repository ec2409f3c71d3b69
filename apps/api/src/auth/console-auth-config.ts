import type { AppConfig } from '@app/config';

/** What the staff console needs to log people in (served by GET /api/console/config, no secret in it). */
export interface ConsoleAuthConfig {
  /** log in at this OpenID provider (authorization code with PKCE); null: no provider configured */
  oidc: { issuer: string; clientId: string; audience: string; scopes: string[] } | null;
  /** local HS256 tokens (npm run token) are accepted */
  localTokens: boolean;
}

/** The login settings of `config` the console may know. */
export function consoleAuthConfig(config: AppConfig): ConsoleAuthConfig {
  const { oidc, localSecret } = config.auth;
  return {
    oidc: oidc ? { issuer: oidc.issuer, clientId: oidc.clientId, audience: oidc.audience, scopes: ['openid', 'profile'] } : null,
    localTokens: localSecret !== undefined,
  };
}
