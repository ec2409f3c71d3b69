import type { Actor, Role } from '@app/procedure';

/** Roles that see confidential decisions of their jurisdiction (PROCEDURE.md: reviewer, secretary, head, auditors). */
const SEES_CONFIDENTIAL: readonly Role[] = ['legal_reviewer', 'secretary', 'head', 'auditor', 'system'];

/** May this actor see this decision at all? Others' jurisdictions and confidential matters of other units are invisible (404). */
export function canSee(row: { jurisdiction: string; confidential: boolean; involved_units: string[] }, actor: Actor): boolean {
  if (row.jurisdiction !== actor.jurisdiction) return false;
  if (!row.confidential) return true;
  return actor.roles.some((r) => SEES_CONFIDENTIAL.includes(r)) || row.involved_units.includes(actor.unit);
}

/** The same rule as SQL over `decisions d`: `j` the jurisdiction, `u` the unit, `c` whether the roles see confidential matters. */
export function visibilitySql(j: string, u: string, c: string): string {
  return `d.jurisdiction = ${j} AND (NOT d.confidential OR ${c} OR ${u} = ANY(d.involved_units))`;
}

/** Does any of the actor's roles see confidential decisions? */
export function seesConfidential(actor: Actor): boolean {
  return actor.roles.some((r) => SEES_CONFIDENTIAL.includes(r));
}
