import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** What the console needs from the environment (documented in the README's configuration table). */
export interface ConsoleSettings {
  /** the built console (vite's output); absent when the web app was not built */
  dir: string;
  /** the jurisdiction's identity provider (政务统一身份认证) for authorization-code + PKCE login, when configured */
  oidc: { issuer: string; clientId: string; scope: string } | null;
}

export const CONSOLE_SETTINGS = Symbol('CONSOLE_SETTINGS');

/** The built console: dist/web of the checkout, found upwards from this file (src/ in tests, dist/ in production). */
function defaultConsoleDir(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'web');
  }
  return resolve('dist', 'web');
}

/**
 * Reads CONSOLE_DIR, OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_SCOPE. The console offers the provider's
 * login (authorization code + PKCE) when the issuer and the console's client id are both set; with
 * the issuer alone the API still accepts the provider's tokens and the console takes pasted ones.
 */
export function loadConsoleSettings(env: NodeJS.ProcessEnv): ConsoleSettings {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  if (issuer && !/^https?:\/\/[^/]/.test(issuer)) throw new Error(`OIDC_ISSUER must be an http(s) URL, got "${issuer}"`);
  return {
    dir: env.CONSOLE_DIR?.trim() || defaultConsoleDir(),
    oidc: issuer && clientId ? { issuer: issuer.replace(/\/$/, ''), clientId, scope: env.OIDC_SCOPE?.trim() || 'openid profile' } : null,
  };
}
