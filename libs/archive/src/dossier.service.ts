import { DecisionQueryService, presentEvent, type DecisionResponse } from '@app/decisions';
import { MaterialService, type MaterialHandle } from '@app/materials';
import { MaterialRepository, type TrailEntry } from '@app/persistence';
import type { Actor } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { recordHtmlChunks } from './dossier-record.html';
import { VERIFY_MD } from './dossier-verify.md';
import { jsonObjectChunks } from './json-stream';
import { TrailQueryService, type ReplayAnswer } from './trail-query.service';
import { zipStream, type ZipEntry } from './zip-writer';

/** What one decision's dossier is made of; the trail is read again for each file that lists it. */
export interface DossierParts {
  decision: DecisionResponse;
  replay: ReplayAnswer;
  /** the materials its events cite, in order of first citation, opened (access checked) but not read */
  materials: readonly MaterialHandle[];
  /** the trail up to the decision's version, batch by batch, from the start each call */
  trail(): AsyncIterable<readonly TrailEntry[]>;
}

const materialPath = (m: { id: string; filename: string }) => `materials/${m.id}-${m.filename}`;

async function* mapped<T, R>(batches: AsyncIterable<readonly T[]>, f: (t: T) => R): AsyncGenerator<R[]> {
  for await (const batch of batches) yield batch.map(f);
}

/**
 * The dossier's files, in order: the one list of what it contains. Each file's content is produced
 * when the zip writer reaches it (the manifest and the timeline written event batch by event batch,
 * each material read piecewise), so nothing holds the whole trail or all materials.
 */
export function dossierEntries({ decision, replay, materials, trail }: DossierParts): ZipEntry[] {
  const manifest = () =>
    jsonObjectChunks(
      [
        { key: 'format', value: 'major-decision-dossier/1' },
        { key: 'decision', value: { id: decision.id, title: decision.title, category: decision.category, jurisdiction: decision.jurisdiction, status: decision.status, version: decision.version, machine: decision.machine, profile: decision.profile, lastHash: decision.lastHash } },
        { key: 'verifiedAtExport', value: { verified: replay.verified, mismatches: replay.mismatches } },
        { key: 'hashAlgorithm', value: 'SHA-256 over canonical JSON (RFC 8785 style: sorted keys, compact); see VERIFY.md' },
        { key: 'events', items: mapped(trail(), (e) => ({ decisionId: decision.id, ...presentEvent(e) })) },
        { key: 'materials', value: materials.map((m) => ({ id: m.id, filename: m.filename, sha256: m.sha256, size: m.size, path: materialPath(m) })) },
      ],
      2,
    );
  return [
    { path: 'manifest.json', content: manifest },
    { path: 'record.html', content: () => recordHtmlChunks(decision, mapped(trail(), presentEvent)) },
    { path: 'VERIFY.md', content: VERIFY_MD },
    // stored as they are: mostly compressed formats already, and the big part of the archive
    ...materials.map((m): ZipEntry => ({ path: materialPath(m), content: () => m.bytes(), compress: false })),
  ];
}

/**
 * The archive package of one decision (过程记录和材料归档): manifest.json with
 * every event and hash and every material with its hash, the materials
 * themselves, a Chinese timeline (record.html) and VERIFY.md on how to recheck
 * the chain with standard tools. Readable without this system. Streamed: the
 * zip is written as the client reads it.
 */
@Injectable()
export class DossierService {
  constructor(
    private readonly queries: DecisionQueryService,
    private readonly trails: TrailQueryService,
    private readonly materials: MaterialService,
    private readonly citations: MaterialRepository,
  ) {}

  /** Access, the replay check and every material's access are settled here, before the first byte; the zip is written as `chunks` is read. */
  async build(id: string, actor: Actor): Promise<{ filename: string; chunks: AsyncIterable<Buffer> }> {
    const decision = await this.queries.get(id, actor);
    const replay = await this.trails.replay(id, actor);
    const materials: MaterialHandle[] = [];
    for (const materialId of await this.citations.citedBy(id, decision.version)) materials.push(await this.materials.open(materialId, actor));
    const entries = dossierEntries({ decision, replay, materials, trail: () => this.trails.trailBatches(id, decision.version) });
    return { filename: `dossier-${decision.id}.zip`, chunks: zipStream(entries, new Date(decision.updatedAt)) };
  }
}
