import { sha256Hex } from '@app/audit';
import { DomainError } from '@app/common';
import { reportScopeOf } from '@app/participation';
import { CatalogueRepository, CommentTriageRepository, MaterialRepository, PublicCommentRepository, type DecisionRow, type MaterialRef, type SqlExecutor } from '@app/persistence';
import type { Actor, DecisionView, ReceivedCommentSummary } from '@app/procedure';
import { Injectable } from '@nestjs/common';

/** Every material an event payload cites: drafts, records, review materials, the notice of a period held before it was recorded, other participation methods' records. */
export function materialIdsOf(payload: Record<string, unknown>): string[] {
  const others = Array.isArray(payload.otherMethods) ? (payload.otherMethods as { materialId?: unknown }[]).map((m) => m?.materialId) : [];
  const ids = [payload.materialId, payload.recordMaterialId, payload.evidenceMaterialId, ...((payload.materialIds as unknown[]) ?? []), ...others];
  return [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
}

/** Fields only the host writes into a payload: a client never sets them (the edge strips them, and so does this). */
export const HOST_ONLY_FIELDS = ['receivedComments', 'receivedCommentSummary', 'contentHash', 'materials'] as const;

/**
 * What the engine adds to a validated payload before it is recorded: the SHA-256 of every
 * cited material (so the trail proves which file was meant), the content hash of a new draft,
 * and for the opinion report the round's public comments, which the machine then requires to be
 * accounted for: on machine v1 each comment with its SHA-256, from v2 on the groups staff made of
 * them (spam excluded), counted in the database. A material the caller may not read is refused
 * as if it did not exist (404 MATERIAL_NOT_FOUND): citing it would widen who may read it. Reads
 * run on the caller's session.
 */
@Injectable()
export class EventEnricher {
  constructor(
    private readonly materials: MaterialRepository,
    private readonly comments: PublicCommentRepository,
    private readonly triage: CommentTriageRepository,
    private readonly catalogues: CatalogueRepository,
  ) {}

  async enrich(em: SqlExecutor, row: DecisionRow, type: string, input: Record<string, unknown>, actor: Actor): Promise<Record<string, unknown>> {
    const payload = { ...input };
    for (const field of HOST_ONLY_FIELDS) delete payload[field];
    const ids = materialIdsOf(payload);
    const materials = ids.length ? await this.materials.readableRefsIn(em, actor, ids) : [];
    const missing = ids.filter((id) => !materials.some((m) => m.id === id));
    if (missing.length) throw new DomainError('MATERIAL_NOT_FOUND', `材料不存在：${missing.join(', ')}`, undefined, { materialIds: missing });
    const out: Record<string, unknown> = { ...payload };
    if (materials.length) out.materials = materials.map((m) => ({ id: m.id, sha256: m.sha256, filename: m.filename }));
    if (type === 'REVISE_DRAFT') {
      out.contentHash = typeof payload.text === 'string' ? sha256Hex(payload.text) : materials.find((m) => m.id === payload.materialId)!.sha256;
    }
    if (type === 'SUBMIT_PUBLIC_OPINION_REPORT') {
      const view = row.view as DecisionView;
      if (row.machine_version === 1) out.receivedComments = await this.comments.receivedIn(em, row.id, view.round);
      else out.receivedCommentSummary = await this.commentSummary(em, row);
    }
    return out;
  }

  /** A decision may reference only a live item of its own jurisdiction's catalogue (422 CATALOGUE_ITEM_NOT_FOUND). */
  async checkCatalogueItem(em: SqlExecutor, jurisdiction: string, itemId: string): Promise<void> {
    if (!(await this.catalogues.liveItemExists(em, jurisdiction, itemId))) {
      throw new DomainError('CATALOGUE_ITEM_NOT_FOUND', `本辖区决策事项目录中不存在该事项：${itemId}`, undefined, { catalogueItemId: itemId });
    }
  }

  private async commentSummary(em: SqlExecutor, row: DecisionRow): Promise<ReceivedCommentSummary> {
    const { total, spam, groups } = await this.triage.summary(em, row.id, reportScopeOf(row.view as DecisionView));
    return { total, spam, groups: groups.map((g) => ({ groupId: g.group_id, count: g.count, digest: g.digest })) };
  }
}

/** The materials an enriched payload cites (recorded with the event: visibility of materials follows the decisions citing them). */
export function citedMaterials(payload: Record<string, unknown>): string[] {
  return ((payload.materials as MaterialRef[] | undefined) ?? []).map((m) => m.id);
}
