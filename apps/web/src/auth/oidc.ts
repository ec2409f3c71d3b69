import * as oauth from 'oauth4webapi';

/** The identity provider as GET /api/console/config names it. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  scope: string;
}

const PENDING = 'mde.console.oidc';
const redirectUri = () => `${window.location.origin}/console/auth/callback`;

// A provider is reached over HTTPS; plain HTTP only on this machine (a development or test provider).
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const transport = (issuer: URL) => ({ [oauth.allowInsecureRequests]: issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname) });

async function server(config: OidcConfig) {
  const issuer = new URL(config.issuer);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...transport(issuer) }));
}

/** Starts authorization code + PKCE: remembers verifier and state for this tab, then leaves for the provider. */
export async function startOidcLogin(config: OidcConfig, returnTo: string): Promise<void> {
  const as = await server(config);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(as.authorization_endpoint!);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', config.scope);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  window.location.assign(url.href);
}

/** Completes the login on the callback page: checks the state, exchanges the code with the verifier, returns the access token. */
export async function finishOidcLogin(config: OidcConfig, callbackUrl: URL): Promise<{ token: string; returnTo: string }> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
  sessionStorage.removeItem(PENDING);
  if (!pending) throw new Error('login was not started in this tab');
  const as = await server(config);
  const client: oauth.Client = { client_id: config.clientId };
  const params = oauth.validateAuthResponse(as, client, callbackUrl, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri(), pending.verifier, transport(new URL(config.issuer)));
  const result = await oauth.processAuthorizationCodeResponse(as, client, response);
  return { token: result.access_token, returnTo: pending.returnTo };
}
