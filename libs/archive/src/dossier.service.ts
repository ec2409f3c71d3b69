import { DecisionQueryService } from '@app/decisions';
import { MaterialService } from '@app/materials';
import type { Actor } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { renderRecordHtml } from './dossier-record.html';
import { VERIFY_MD } from './dossier-verify.md';
import { TrailQueryService } from './trail-query.service';

/**
 * The archive package of one decision (过程记录和材料归档): manifest.json with
 * every event and hash and every material with its hash, the materials
 * themselves, a Chinese timeline (record.html) and VERIFY.md on how to recheck
 * the chain with standard tools. Readable without this system.
 */
@Injectable()
export class DossierService {
  constructor(
    private readonly queries: DecisionQueryService,
    private readonly trails: TrailQueryService,
    private readonly materials: MaterialService,
  ) {}

  async build(id: string, actor: Actor): Promise<{ filename: string; stream: Readable }> {
    const decision = await this.queries.get(id, actor);
    const { events } = await this.trails.history(id, actor);
    const replay = await this.trails.replay(id, actor);
    const materialIds = [...new Set(events.flatMap((e) => ((e.payload as { materials?: { id: string }[] }).materials ?? []).map((m) => m.id)))];
    const materials = await Promise.all(materialIds.map((m) => this.materials.read(m, actor)));
    const manifest = {
      format: 'major-decision-dossier/1',
      decision: { id: decision.id, title: decision.title, category: decision.category, jurisdiction: decision.jurisdiction, status: decision.status, version: decision.version, machine: decision.machine, profile: decision.profile, lastHash: decision.lastHash },
      verifiedAtExport: { verified: replay.verified, mismatches: replay.mismatches },
      hashAlgorithm: 'SHA-256 over canonical JSON (RFC 8785 style: sorted keys, compact); see VERIFY.md',
      events: events.map((e) => ({ decisionId: decision.id, ...e })),
      materials: materials.map((m) => ({ id: m.id, filename: m.filename, sha256: m.sha256, size: m.size, path: `materials/${m.id}-${m.filename}` })),
    };
    const zip = new ZipFile();
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json');
    zip.addBuffer(Buffer.from(renderRecordHtml(decision, events)), 'record.html');
    zip.addBuffer(Buffer.from(VERIFY_MD), 'VERIFY.md');
    for (const m of materials) zip.addBuffer(m.content, `materials/${m.id}-${m.filename}`);
    zip.end();
    return { filename: `dossier-${decision.id}.zip`, stream: zip.outputStream as Readable };
  }
}
