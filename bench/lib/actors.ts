import { claimsFor, signActorToken, type ActorClaimsInput } from '../../apps/api/src/auth/actor-token';
import { people } from '../../test/utils/decision-flow';

export type RoleName = 'drafter' | 'secretary' | 'head' | 'reviewer' | 'executor' | 'auditor' | 'admin';

/** The people of one jurisdiction, as claims: the same identities the e2e tests use. */
export function peopleOf(jurisdiction: string): Record<RoleName, ActorClaimsInput> {
  return people(jurisdiction);
}

/** Bearer tokens (12 h) of the people of `jurisdiction`, signed with `secret`. */
export function tokensOf(jurisdiction: string, secret: string): Record<RoleName, string> {
  const people = peopleOf(jurisdiction);
  return Object.fromEntries(
    Object.entries(people).map(([role, claims]) => [role, signActorToken(claimsFor(claims), secret, '12h')]),
  ) as Record<RoleName, string>;
}

/** The trail's actor record of a person (what DecisionService writes: sub, name, roles, unit, jurisdiction). */
export function trailActor(claims: ActorClaimsInput) {
  const c = claimsFor(claims);
  return { sub: c.sub, name: c.name, roles: [...c.roles], unit: c.unit, jurisdiction: c.jurisdiction };
}
