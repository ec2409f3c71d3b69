/** Who asks: the parts of an actor that decide what they may see. */
export interface Viewer {
  jurisdiction: string;
  unit: string;
  roles: readonly string[];
}

/** A decision as far as visibility goes: its jurisdiction, whether it is confidential, and the units involved in it. */
export interface VisibleThing {
  jurisdiction: string;
  confidential: boolean;
  involved_units: readonly string[];
}

/**
 * Roles that see the confidential decisions (依法不予公开) of their jurisdiction: the reviewer,
 * secretary, head and auditors (PROCEDURE.md), and the engine's own timer.
 */
export const ROLES_SEEING_CONFIDENTIAL: readonly string[] = ['legal_reviewer', 'secretary', 'head', 'auditor', 'system'];

/** Does any of the viewer's roles see confidential decisions? */
export function seesConfidential(viewer: Pick<Viewer, 'roles'>): boolean {
  return viewer.roles.some((r) => ROLES_SEEING_CONFIDENTIAL.includes(r));
}

/**
 * May this viewer see this decision at all? Other jurisdictions' decisions, and confidential ones
 * of other units, are invisible (404, never 403). The same rule in SQL: libs/persistence's
 * `visibleDecisions`, which takes its inputs from here.
 */
export function canSee(thing: VisibleThing, viewer: Viewer): boolean {
  if (thing.jurisdiction !== viewer.jurisdiction) return false;
  return !thing.confidential || seesConfidential(viewer) || thing.involved_units.includes(viewer.unit);
}
