import { sha256Hex } from '@app/audit';
import { DomainError } from '@app/common';
import { CatalogueRepository, MaterialRepository, PublicCommentRepository, type MaterialRef, type SqlExecutor } from '@app/persistence';
import { Injectable } from '@nestjs/common';

function materialIdsOf(payload: Record<string, unknown>): string[] {
  const ids = [payload.materialId, payload.recordMaterialId, ...((payload.materialIds as unknown[]) ?? [])];
  return [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
}

/**
 * What the engine adds to a validated payload before it is recorded: the SHA-256 of every
 * referenced material (so the trail proves which file was meant), the content hash of a new
 * draft, and for the opinion report every public comment of the current round with its
 * SHA-256 (the machine then refuses a report that does not account for each). Unknown
 * materials are refused. Reads run on the caller's session.
 */
@Injectable()
export class EventEnricher {
  constructor(
    private readonly materials: MaterialRepository,
    private readonly comments: PublicCommentRepository,
    private readonly catalogues: CatalogueRepository,
  ) {}

  async enrich(em: SqlExecutor, jurisdiction: string, type: string, payload: Record<string, unknown>, decision: { id: string; round: number }): Promise<Record<string, unknown>> {
    const ids = materialIdsOf(payload);
    const materials = ids.length ? await this.materials.refsIn(em, jurisdiction, ids) : [];
    const missing = ids.filter((id) => !materials.some((m) => m.id === id));
    if (missing.length) throw new DomainError('MATERIAL_NOT_FOUND', `材料不存在：${missing.join(', ')}`, undefined, { materialIds: missing });
    const out: Record<string, unknown> = { ...payload };
    if (materials.length) out.materials = materials.map((m) => ({ id: m.id, sha256: m.sha256, filename: m.filename }));
    if (type === 'REVISE_DRAFT') {
      out.contentHash = typeof payload.text === 'string' ? sha256Hex(payload.text) : materials.find((m) => m.id === payload.materialId)!.sha256;
    }
    if (type === 'SUBMIT_PUBLIC_OPINION_REPORT') out.receivedComments = await this.comments.receivedIn(em, decision.id, decision.round);
    return out;
  }

  /** A decision may reference only a live item of its own jurisdiction's catalogue (422 CATALOGUE_ITEM_NOT_FOUND). */
  async checkCatalogueItem(em: SqlExecutor, jurisdiction: string, itemId: string): Promise<void> {
    if (!(await this.catalogues.liveItemExists(em, jurisdiction, itemId))) {
      throw new DomainError('CATALOGUE_ITEM_NOT_FOUND', `本辖区决策事项目录中不存在该事项：${itemId}`, undefined, { catalogueItemId: itemId });
    }
  }
}

/** The materials an enriched payload cites (recorded with the event: visibility of materials follows the decisions citing them). */
export function citedMaterials(payload: Record<string, unknown>): string[] {
  return ((payload.materials as MaterialRef[] | undefined) ?? []).map((m) => m.id);
}
