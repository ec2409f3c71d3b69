import { ENV_DEFAULTS } from '@app/config';
import { localizedError } from '../http/localized-error';

/** The limits every token obeys, whoever signed it. */
export interface TokenPolicy {
  /** longest exp − iat accepted, in seconds */
  maxLifetimeSeconds: number;
  /** clock difference tolerated with the issuer, in seconds */
  clockSkewSeconds: number;
}

/** The policy of an environment that sets nothing (TOKEN_MAX_LIFETIME, TOKEN_CLOCK_SKEW). */
export const DEFAULT_TOKEN_POLICY: TokenPolicy = {
  maxLifetimeSeconds: Number(ENV_DEFAULTS.TOKEN_MAX_LIFETIME),
  clockSkewSeconds: Number(ENV_DEFAULTS.TOKEN_CLOCK_SKEW),
};

/** The registered time claims of a token, in seconds since the epoch. */
export interface TokenTimes {
  exp: number;
  iat: number;
  nbf?: number;
}

const unauthenticated = (key: Parameters<typeof localizedError>[1], params?: Record<string, string | number>) => localizedError('UNAUTHENTICATED', key, params);

function numericDate(payload: Record<string, unknown>, claim: string, required: boolean): number | undefined {
  const value = payload[claim];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw unauthenticated('TOKEN_CLAIM_INVALID', { claim });
  return value;
}

/**
 * Reads exp, iat (both required) and nbf, and refuses a token whose lifetime exceeds the policy:
 * a token without an end, or with one far away, is a standing key. Throws UNAUTHENTICATED.
 */
export function tokenTimesOf(payload: Record<string, unknown>, policy: TokenPolicy): TokenTimes {
  const exp = numericDate(payload, 'exp', true)!;
  const iat = numericDate(payload, 'iat', true)!;
  const nbf = numericDate(payload, 'nbf', false);
  if (exp - iat > policy.maxLifetimeSeconds) throw unauthenticated('TOKEN_LIFETIME_TOO_LONG', { max: policy.maxLifetimeSeconds });
  return nbf === undefined ? { exp, iat } : { exp, iat, nbf };
}

/** Refuses a token not valid at `nowSeconds`, give or take the clock skew: expired, not yet valid, or issued in the future. */
export function checkTokenTimes(times: TokenTimes, policy: TokenPolicy, nowSeconds: number): void {
  const skew = policy.clockSkewSeconds;
  if (nowSeconds >= times.exp + skew) throw unauthenticated('TOKEN_EXPIRED');
  if (times.nbf !== undefined && times.nbf > nowSeconds + skew) throw unauthenticated('TOKEN_NOT_YET_VALID');
  if (times.iat > nowSeconds + skew) throw unauthenticated('TOKEN_ISSUED_IN_FUTURE');
}
