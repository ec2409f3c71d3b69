/** Roles of API.md, carried in the JWT `roles` claim. `system` is the deadline timer. */
export const ROLES = ['drafter', 'legal_reviewer', 'secretary', 'head', 'executor', 'auditor', 'admin'] as const;
export type HumanRole = (typeof ROLES)[number];
export type Role = HumanRole | 'system';

/** Who sent an event: identity from the token, recorded in the audit trail as is. */
export interface Actor {
  sub: string;
  name: string;
  roles: Role[];
  unit: string;
  jurisdiction: string;
}

/** The actor of events the engine sends itself (deadline timers). */
export function systemActor(jurisdiction: string): Actor {
  return { sub: 'system', name: '系统定时器', roles: ['system'], unit: 'system', jurisdiction };
}
