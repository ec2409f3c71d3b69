/** Kinds of units (API.md "Units and identity"). */
export const UNIT_KINDS = ['DEPARTMENT', 'LEGAL_REVIEW_OFFICE', 'GENERAL_OFFICE', 'LOWER_GOVERNMENT', 'THIRD_PARTY', 'OTHER'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** A registered unit of a jurisdiction. */
export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  /** names earlier records used for this unit (v1 decisions recorded units as free text, e.g. by Chinese name) */
  legacyNames: string[];
}

/** Events of a unit's trail. */
export type UnitEventType = 'UNIT_REGISTERED' | 'UNIT_CHANGED';

/** How a unit came to be registered: named in a valid token (name = id until an admin names it), or by an admin. */
export type UnitSource = 'TOKEN' | 'ADMIN';

/** The message of UNIT_NAME_TAKEN (UNIT_NOT_REGISTERED is a rule code of libs/procedure, checked by the host). */
export const UNIT_NAME_TAKEN = '该名称已用于本辖区的另一单位';
