import type { ClaimsMapping } from '@app/config';
import { Actor, HumanRole, ROLES } from '@app/procedure';
import { localizedError } from '../http/localized-error';

/** The claims of API.md, where local tokens carry them. */
export const LOCAL_CLAIMS: ClaimsMapping = { roles: 'roles', jurisdiction: 'jurisdiction', unit: 'unit', name: 'name' };

/** The identity and the role the engine acts under itself (deadline timers); no token may claim them. */
export const RESERVED_IDENTITY = 'system';

const isRole = (role: unknown): role is HumanRole => ROLES.includes(role as HumanRole);

/** The value of `path` in `payload`: a claim of that exact name, else the dotted path into nested claims (realm_access.roles). */
export function claimAt(payload: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(payload, path)) return payload[path];
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** How strictly the roles claim is read. */
export interface RoleReading {
  /** local tokens: a role this engine does not know refuses the token; a provider's token: it is ignored (other systems' roles) */
  ignoreUnknown: boolean;
  /** a provider's token may list its roles space-separated in a string, as OAuth scopes */
  allowString: boolean;
}

function rolesOf(payload: Record<string, unknown>, mapping: ClaimsMapping, reading: RoleReading): HumanRole[] {
  const raw = claimAt(payload, mapping.roles);
  const list = typeof raw === 'string' && reading.allowString ? raw.split(/\s+/).filter(Boolean) : raw;
  const invalid = () => localizedError('UNAUTHENTICATED', 'TOKEN_ROLES_INVALID', { claim: mapping.roles, roles: ROLES.join(', ') });
  if (!Array.isArray(list) || !list.every((role) => typeof role === 'string')) throw invalid();
  const prefix = mapping.rolePrefix ?? '';
  const named = (list as string[]).filter((role) => role.startsWith(prefix)).map((role) => role.slice(prefix.length));
  if (named.includes(RESERVED_IDENTITY)) throw localizedError('UNAUTHENTICATED', 'TOKEN_RESERVED_IDENTITY');
  if (!reading.ignoreUnknown && !named.every(isRole)) throw invalid();
  const roles = [...new Set(named.filter(isRole))];
  if (roles.length === 0) throw invalid();
  return roles;
}

/**
 * The Actor of a verified token's claims, read where `mapping` says. Every person has their own
 * `sub`; the engine's own identity and role ("system") are refused. Throws UNAUTHENTICATED.
 */
export function actorFromClaims(payload: Record<string, unknown>, mapping: ClaimsMapping, reading: RoleReading, nameFallbacks: string[] = []): Actor {
  const text = (path: string, fallbacks: string[] = []): string => {
    for (const candidate of [path, ...fallbacks]) {
      const value = claimAt(payload, candidate);
      if (typeof value === 'string' && value.trim() && value.length <= 500) return value;
    }
    throw localizedError('UNAUTHENTICATED', 'TOKEN_CLAIM_INVALID', { claim: path });
  };
  const sub = text('sub');
  if (sub.trim().toLowerCase() === RESERVED_IDENTITY) throw localizedError('UNAUTHENTICATED', 'TOKEN_RESERVED_IDENTITY');
  return {
    sub,
    name: text(mapping.name, nameFallbacks),
    roles: rolesOf(payload, mapping, reading),
    jurisdiction: text(mapping.jurisdiction),
    unit: text(mapping.unit),
  };
}
