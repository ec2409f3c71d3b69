import { claimsFor, signActorToken, type ActorClaimsInput } from '../../apps/api/src/auth/actor-token';

export type RoleName = 'drafter' | 'secretary' | 'head' | 'reviewer' | 'executor' | 'auditor' | 'admin';

/** The people of one jurisdiction (same identities as test/utils/decision-flow.ts), as claims. */
export function peopleOf(jurisdiction: string): Record<RoleName, ActorClaimsInput> {
  const who = (sub: string, role: ActorClaimsInput['roles'][number], unit: string): ActorClaimsInput => ({ sub, name: sub, roles: [role], unit, jurisdiction });
  return {
    drafter: who('drafter-1', 'drafter', 'agri-bureau'),
    secretary: who('secretary-1', 'secretary', 'general-office'),
    head: who('head-1', 'head', 'county-government'),
    reviewer: who('reviewer-1', 'legal_reviewer', 'justice-bureau'),
    executor: who('executor-1', 'executor', 'agri-bureau'),
    auditor: who('auditor-1', 'auditor', 'audit-office'),
    admin: who('admin-1', 'admin', 'it-office'),
  };
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
