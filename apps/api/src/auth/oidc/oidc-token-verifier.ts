import type { OidcConfig } from '@app/config';
import { compactVerify, importJWK, type JWK } from 'jose';
import { Actor } from '@app/procedure';
import { localizedError } from '../../http/localized-error';
import { actorFromClaims } from '../actor-claims';
import { TokenPolicy, TokenTimes, tokenTimesOf } from '../token-policy';
import { JwksKeyStore } from './jwks-key-store';
import { isSm2Key, SM2_ALGORITHM, verifySm2Signature } from './sm2-jws';

const invalid = () => localizedError('UNAUTHENTICATED', 'TOKEN_INVALID');

// The key a JWS algorithm needs: a token naming ES256 is never checked against an RSA key, nor the reverse.
const KEY_FITS: Record<string, (jwk: JWK) => boolean> = {
  RS256: (jwk) => jwk.kty === 'RSA',
  ES256: (jwk) => jwk.kty === 'EC' && jwk.crv === 'P-256',
  [SM2_ALGORITHM]: isSm2Key,
};

function parseSegment(segment: string): Record<string, unknown> {
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw invalid();
}

/**
 * Verifies the access tokens of one OpenID provider: signature with a key of its JWKS (RS256,
 * ES256, SM2 as configured), `iss` exactly the issuer, `aud` naming the audience, the times and
 * lifetime of the token policy (checked by the caller at each use), then the claims mapping.
 */
export class OidcTokenVerifier {
  private readonly imported = new Map<string, ReturnType<typeof importJWK>>();

  constructor(
    private readonly config: OidcConfig,
    private readonly policy: TokenPolicy,
    private readonly keys = new JwksKeyStore({ issuer: config.issuer, jwksUri: config.jwksUri }),
  ) {}

  /** The actor and times of a token of this provider; throws UNAUTHENTICATED, or SERVICE_UNAVAILABLE when its keys cannot be had. */
  async verify(token: string): Promise<{ actor: Actor; times: TokenTimes }> {
    const parts = token.split('.');
    if (parts.length !== 3) throw invalid();
    const header = parseSegment(parts[0]);
    const alg = header.alg;
    if (typeof alg !== 'string' || !(this.config.algorithms as string[]).includes(alg) || header.crit !== undefined) throw invalid();
    const kid = typeof header.kid === 'string' ? header.kid : undefined;
    const jwk = await this.keys.key(kid, alg);
    if (!jwk || !KEY_FITS[alg](jwk)) throw invalid();
    if (!(await this.signatureHolds(token, parts, alg, jwk))) throw invalid();

    const payload = parseSegment(parts[1]);
    if (payload.iss !== this.config.issuer) throw localizedError('UNAUTHENTICATED', 'TOKEN_ISSUER_UNTRUSTED');
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.includes(this.config.audience)) throw localizedError('UNAUTHENTICATED', 'TOKEN_AUDIENCE_MISMATCH');
    const times = tokenTimesOf(payload, this.policy);
    const actor = actorFromClaims(payload, this.config.claims, { ignoreUnknown: true, allowString: true }, ['preferred_username', 'sub']);
    return { actor, times };
  }

  private async signatureHolds(token: string, parts: string[], alg: string, jwk: JWK): Promise<boolean> {
    if (alg === SM2_ALGORITHM) return verifySm2Signature(`${parts[0]}.${parts[1]}`, parts[2], jwk);
    const id = `${alg}:${jwk.kid ?? ''}:${jwk.n ?? ''}${jwk.x ?? ''}`;
    let key = this.imported.get(id);
    if (!key) {
      key = importJWK({ ...jwk, alg }, alg);
      this.imported.set(id, key);
      key.catch(() => this.imported.delete(id));
    }
    try {
      await compactVerify(token, await key, { algorithms: [alg] });
      return true;
    } catch {
      return false;
    }
  }
}
