import { APP_CONFIG, AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@app/procedure';
import { localizedError } from '../http/localized-error';
import { verifyLocalSignature } from './actor-token';
import { OidcTokenVerifier } from './oidc/oidc-token-verifier';
import { checkTokenTimes, TokenPolicy, TokenTimes } from './token-policy';

const MAX_VERIFIED = 10_000;

/** The `alg` of a compact JWS header, or undefined when the token is not one. */
function algorithmOf(token: string): string | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0) return undefined;
  try {
    const alg = (JSON.parse(Buffer.from(token.slice(0, dot), 'base64url').toString('utf8')) as { alg?: unknown }).alg;
    return typeof alg === 'string' ? alg : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns a bearer token into its Actor: HS256 tokens with the local secret (when there is one),
 * any other algorithm with the OpenID provider (when OIDC_ISSUER is set). Every token obeys the
 * token policy (exp and iat required, lifetime, clock skew), checked at every request.
 */
@Injectable()
export class ActorTokenVerifier {
  private readonly policy: TokenPolicy;
  private readonly localSecret?: string;
  private readonly oidc?: OidcTokenVerifier;
  // A client sends the same token with every request: its signature is checked once, its times every time.
  private readonly verified = new Map<string, { actor: Actor; times: TokenTimes }>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { localSecret, oidc, maxLifetimeSeconds, clockSkewSeconds } = config.auth;
    this.policy = { maxLifetimeSeconds, clockSkewSeconds };
    this.localSecret = localSecret;
    this.oidc = oidc && new OidcTokenVerifier(oidc, this.policy);
  }

  /** The caller of `token` at `nowSeconds`; throws UNAUTHENTICATED (401), or SERVICE_UNAVAILABLE (503) when the provider's keys cannot be had. */
  async verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): Promise<Actor> {
    let known = this.verified.get(token);
    if (!known) {
      known = await this.verifySignature(token);
      if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
      this.verified.set(token, known);
    }
    checkTokenTimes(known.times, this.policy, nowSeconds);
    // Each caller gets its own copy: a handler that edits its actor edits nobody else's.
    return { ...known.actor, roles: [...known.actor.roles] };
  }

  private async verifySignature(token: string): Promise<{ actor: Actor; times: TokenTimes }> {
    const alg = algorithmOf(token);
    if (alg === 'HS256' && this.localSecret) return verifyLocalSignature(token, this.localSecret, this.policy);
    if (alg !== undefined && alg !== 'HS256' && this.oidc) return this.oidc.verify(token);
    throw localizedError('UNAUTHENTICATED', 'TOKEN_INVALID');
  }
}
