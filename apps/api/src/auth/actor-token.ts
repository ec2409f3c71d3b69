import { JwtService } from '@nestjs/jwt';
import { createHash, createSecretKey, type KeyObject } from 'node:crypto';
import { Actor, HumanRole } from '@app/procedure';
import { localizedError } from '../http/localized-error';
import { actorFromClaims, LOCAL_CLAIMS, RESERVED_IDENTITY } from './actor-claims';
import { checkTokenTimes, DEFAULT_TOKEN_POLICY, TokenPolicy, TokenTimes, tokenTimesOf } from './token-policy';

/** The claims of API.md carried by every token. */
export interface ActorClaims {
  sub: string;
  name: string;
  roles: HumanRole[];
  jurisdiction: string;
  unit: string;
}

/** What a caller must say to mint a token: the person's own `sub`, or a `name` to derive it from. */
export type ActorClaimsInput = Omit<ActorClaims, 'sub' | 'name'> & ({ sub: string; name?: string } | { sub?: undefined; name: string });

/**
 * A person id for someone known by name only: the same name in the same unit and jurisdiction is
 * the same person; a colleague of another name is another. Never a role: roles are not persons.
 */
export function personIdFor(jurisdiction: string, unit: string, name: string): string {
  return `person-${createHash('sha256').update(JSON.stringify([jurisdiction, unit, name])).digest('hex').slice(0, 16)}`;
}

/** Completes the claims with the person's id (shared by the token CLI and the tests); refuses the engine's reserved identity. */
export function claimsFor(input: ActorClaimsInput): ActorClaims {
  const sub = input.sub ?? personIdFor(input.jurisdiction, input.unit, input.name!);
  if (sub.trim().toLowerCase() === RESERVED_IDENTITY) throw new Error(`"${RESERVED_IDENTITY}" is reserved for the engine and may not be a token's sub`);
  return { sub, name: input.name ?? sub, roles: input.roles, jurisdiction: input.jurisdiction, unit: input.unit };
}

// Pinned, so a token cannot pick a weaker algorithm (or "none") for itself.
const ALGORITHM = 'HS256';
const jwt = new JwtService();

// Given a string, jsonwebtoken first tries to parse it as a public key (~0.5 ms, on every request);
// a secret KeyObject made once per secret skips that.
const keys = new Map<string, KeyObject>();
function keyFor(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

/** Signs the claims as an HS256 JWT with iat and exp; `expiresIn` as "8h", "30m" or seconds. */
export function signActorToken(claims: ActorClaims, secret: string, expiresIn: string | number = '8h'): string {
  const { sub, name, roles, jurisdiction, unit } = claims;
  return jwt.sign({ sub, name, roles, jurisdiction, unit }, { secret: keyFor(secret) as never, algorithm: ALGORITHM, expiresIn: expiresIn as number });
}

/** A local token's actor and times, its signature checked (its times not yet: see checkTokenTimes). */
export function verifyLocalSignature(token: string, secret: string, policy: TokenPolicy): { actor: Actor; times: TokenTimes } {
  let payload: Record<string, unknown>;
  try {
    // Times are the policy's business (clock skew, lifetime), checked by the caller.
    payload = jwt.verify(token, { secret: keyFor(secret) as never, algorithms: [ALGORITHM], ignoreExpiration: true, ignoreNotBefore: true } as never);
  } catch {
    throw localizedError('UNAUTHENTICATED', 'TOKEN_INVALID');
  }
  if (typeof payload !== 'object' || payload === null) throw localizedError('UNAUTHENTICATED', 'TOKEN_INVALID');
  const times = tokenTimesOf(payload, policy);
  return { actor: actorFromClaims(payload, LOCAL_CLAIMS, { ignoreUnknown: false, allowString: false }), times };
}

/** Verifies an HS256 JWT at `nowSeconds` and returns its Actor; throws UNAUTHENTICATED when bad, expired, too long-lived or incomplete. */
export function verifyActorToken(token: string, secret: string, policy: TokenPolicy = DEFAULT_TOKEN_POLICY, nowSeconds = Math.floor(Date.now() / 1000)): Actor {
  const { actor, times } = verifyLocalSignature(token, secret, policy);
  checkTokenTimes(times, policy, nowSeconds);
  return actor;
}

/** The token of an `Authorization: Bearer <token>` header; throws UNAUTHENTICATED otherwise. */
export function bearerToken(header: string | undefined): string {
  if (!header) throw localizedError('UNAUTHENTICATED', 'TOKEN_MISSING');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw localizedError('UNAUTHENTICATED', 'TOKEN_HEADER_MALFORMED');
  return match[1];
}
