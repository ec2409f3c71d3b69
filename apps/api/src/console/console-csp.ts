/**
 * The console's Content-Security-Policy: scripts and styles only from our origin, Ant Design's runtime
 * styles admitted by the response's nonce, no inline script at all; the identity provider is the only
 * other origin, reached for its discovery document and token endpoint and by the login redirect.
 */
export function consoleCsp(nonce: string, identityProvider: string | null): string {
  const idp = identityProvider ? ` ${new URL(identityProvider).origin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${idp}`,
    "manifest-src 'self'",
    `form-action 'self'${idp}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
