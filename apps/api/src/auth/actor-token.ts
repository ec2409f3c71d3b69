import { JwtService } from '@nestjs/jwt';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { Actor, HumanRole, ROLES } from '../../../../libs/procedure/src/actor';
import { localizedError } from '../http/localized-error';
import type { MessageKey } from '../http/http-messages';

/** The claims of API.md carried by every token. */
export interface ActorClaims {
  sub: string;
  name: string;
  roles: HumanRole[];
  jurisdiction: string;
  unit: string;
}

/** What a caller must say to mint a token; `sub` defaults to "<first role>@<unit>", `name` to `sub`. */
export type ActorClaimsInput = Omit<ActorClaims, 'sub' | 'name'> & Partial<Pick<ActorClaims, 'sub' | 'name'>>;

/** Completes the claims with the default identity (shared by the token CLI and the tests). */
export function claimsFor(input: ActorClaimsInput): ActorClaims {
  const sub = input.sub ?? `${input.roles[0]}@${input.unit}`;
  return { sub, name: input.name ?? sub, roles: input.roles, jurisdiction: input.jurisdiction, unit: input.unit };
}

// Pinned, so a token cannot pick a weaker algorithm (or "none") for itself.
const ALGORITHM = 'HS256';
const jwt = new JwtService();
const unauthenticated = (key: MessageKey, params?: Record<string, string>) => localizedError('UNAUTHENTICATED', key, params);

// Given a string, jsonwebtoken first tries to parse it as a public key (~0.5 ms, on every request);
// a secret KeyObject made once per secret skips that.
const keys = new Map<string, KeyObject>();
function keyFor(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

/** Signs the claims as an HS256 JWT; `expiresIn` as "8h", "30m" or seconds. */
export function signActorToken(claims: ActorClaims, secret: string, expiresIn: string | number = '8h'): string {
  const { sub, name, roles, jurisdiction, unit } = claims;
  return jwt.sign(
    { sub, name, roles, jurisdiction, unit },
    { secret: keyFor(secret) as never, algorithm: ALGORITHM, expiresIn: expiresIn as number },
  );
}

/** Verifies an HS256 JWT and returns its Actor; throws DomainError UNAUTHENTICATED when missing, bad, expired or incomplete. */
export function verifyActorToken(token: string, secret: string): Actor {
  const clock = Math.floor(Date.now() / 1000);
  const known = verified.get(token);
  if (known && known.secret === secret) {
    checkTimes(known, clock);
    return { ...known.actor, roles: [...known.actor.roles] };
  }
  let payload: Record<string, unknown>;
  try {
    payload = jwt.verify(token, { secret: keyFor(secret) as never, algorithms: [ALGORITHM] });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TokenExpiredError') throw unauthenticated('TOKEN_EXPIRED');
    if (name === 'NotBeforeError') throw unauthenticated('TOKEN_NOT_YET_VALID');
    throw unauthenticated('TOKEN_INVALID');
  }
  const actor = actorFromClaims(payload);
  // A client sends the same token with every request: its signature is checked once, its times every time.
  if (verified.size >= MAX_VERIFIED) verified.clear();
  verified.set(token, { secret, actor, exp: numeric(payload.exp), nbf: numeric(payload.nbf) });
  return { ...actor, roles: [...actor.roles] };
}

const MAX_VERIFIED = 10_000;
const verified = new Map<string, { secret: string; actor: Actor; exp?: number; nbf?: number }>();
const numeric = (v: unknown) => (typeof v === 'number' ? v : undefined);

// The checks jsonwebtoken makes at verification (no clock tolerance), for a token verified before.
function checkTimes(t: { exp?: number; nbf?: number }, clock: number): void {
  if (t.nbf !== undefined && t.nbf > clock) throw unauthenticated('TOKEN_NOT_YET_VALID');
  if (t.exp !== undefined && clock >= t.exp) throw unauthenticated('TOKEN_EXPIRED');
}

function actorFromClaims(payload: Record<string, unknown>): Actor {
  const text = (claim: string): string => {
    const value = payload[claim];
    if (typeof value !== 'string' || !value.trim()) throw unauthenticated('TOKEN_CLAIM_INVALID', { claim });
    return value;
  };
  const roles = payload.roles;
  const isRole = (role: unknown): role is HumanRole => ROLES.includes(role as HumanRole);
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw unauthenticated('TOKEN_ROLES_INVALID', { claim: 'roles', roles: ROLES.join(', ') });
  }
  return { sub: text('sub'), name: text('name'), roles: [...new Set(roles)], jurisdiction: text('jurisdiction'), unit: text('unit') };
}

/** The token of an `Authorization: Bearer <token>` header; throws UNAUTHENTICATED otherwise. */
export function bearerToken(header: string | undefined): string {
  if (!header) throw unauthenticated('TOKEN_MISSING');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated('TOKEN_HEADER_MALFORMED');
  return match[1];
}
