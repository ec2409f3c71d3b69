import { seesConfidential, type Viewer } from '@app/common';

export type { Viewer };

/**
 * libs/common's `canSee` as a SQL condition over the decisions table aliased `alias`, its
 * inputs appended to `params` (placeholders numbered after what is there already).
 */
export function visibleDecisions(alias: string, viewer: Viewer, params: unknown[]): string {
  const j = params.push(viewer.jurisdiction);
  const c = params.push(seesConfidential(viewer));
  const u = params.push(viewer.unit);
  return `${alias}.jurisdiction = $${j} AND (NOT ${alias}.confidential OR $${c}::boolean OR $${u} = ANY(${alias}.involved_units))`;
}
