// The dossier's bytes as an export thread writes them (see DossierService): the replay checked at export, then the zip.
import { dossierFileStream, inclusionProof, merkleHasher, TrailReplayer, type DossierMaterial, type HashAlgorithm, type NoteVerifierKey } from '@app/audit';
import { createReadStream } from 'node:fs';
// eslint-disable-next-line architecture/boundaries -- export threads present events without the decisions barrel (Nest, TypeORM)
import { presentEvent } from '../../decisions/src/event.presenter';
// eslint-disable-next-line architecture/boundaries -- export threads check materials as MaterialService does, without its Nest service
import { verifiedBytes } from '../../materials/src/material-spool';
// eslint-disable-next-line architecture/boundaries -- export threads load only the readers, not the persistence barrel (TypeORM and every entity)
import { materialChunks } from '../../persistence/src/repositories/material-chunks.reader';
// eslint-disable-next-line architecture/boundaries -- export threads load only the readers, not the persistence barrel (TypeORM and every entity)
import { leafIndexesOfEvents } from '../../persistence/src/repositories/checkpoint.repository';
// eslint-disable-next-line architecture/boundaries -- export threads load only the readers, not the persistence barrel (TypeORM and every entity)
import { readTrail, type TrailEntry } from '../../persistence/src/repositories/trail.reader';
// eslint-disable-next-line architecture/boundaries -- export threads load only the readers, not the persistence barrel (TypeORM and every entity)
import type { SqlSession } from '../../persistence/src/sql/sql-session';
import { inlineChainCheck } from './chain-check';
import { storedSubtreeHashes } from './checkpoints/stored-subtrees';
import { recordHtmlChunks } from './dossier-record.html';
import { checkTrailLength, procedureReplayEngine, replayPages } from './procedure-replay';
import { threadReplayEngine, type ReplaySetup } from './thread-replay-engine';
import { STREAM_PAGE } from './trail-pages';
import { zipStream, type ZipEntry } from './zip-writer';

/** A material of the dossier and where its bytes are (MaterialHandle.stored: the access was checked by the host). */
export type DossierJobMaterial = DossierMaterial & { stored: { content: Uint8Array } | { file: string } | { chunks: number } };

/** What the host settled before the first byte (access, checkpoint, materials), for the thread that writes the zip. */
export interface DossierJob {
  /** the manifest's decision (id, title, status, jurisdiction, version, lastHash…) */
  decision: { id: string; title: string; status: string; jurisdiction: string; version: number; lastHash?: string } & Record<string, unknown>;
  /** the zip entries' time (the decision's last change) */
  mtime: string;
  replay: ReplaySetup;
  checkpoint: {
    note: string;
    keys: NoteVerifierKey[];
    hashAlg: string;
    size: number;
  };
  materials: DossierJobMaterial[];
}

async function* mapped<T, R>(batches: AsyncIterable<readonly T[]>, f: (t: T) => R): AsyncGenerator<R[]> {
  for await (const batch of batches) yield batch.map(f);
}

async function* textBytes(chunks: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) yield Buffer.from(chunk, 'utf8');
}

async function* once(content: Uint8Array): AsyncGenerator<Buffer> {
  yield Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}

/**
 * The replay from event 1 as TrailQueryService.replay does it (the manifest says whether it verified): every event
 * up to the exported version with the calendar version it recorded, every hash checked, none missing.
 */
export async function replayAtExport(session: SqlSession, id: string, version: number, setup: ReplaySetup): Promise<{ verified: boolean; mismatches: unknown[] }> {
  const { engine: procedure, use } = threadReplayEngine(session, setup);
  const replayer = new TrailReplayer(procedureReplayEngine(procedure), undefined, { chain: 'elsewhere' });
  const chain = inlineChainCheck();
  // up to the exported version: events appended since the host read the decision are not part of this dossier
  const { events } = await replayPages(readTrail(session, { decisionId: id, toSeq: version }, STREAM_PAGE), replayer, chain, use);
  const report = replayer.report(await chain.breaks());
  checkTrailLength(report, events, version);
  return { verified: report.verified, mismatches: report.mismatches };
}

/** The dossier's zip (DossierService's content, byte for byte), read from `session`: the trail once per file that lists it. */
export function dossierZip(session: SqlSession, job: DossierJob, verifiedAtExport: { verified: boolean; mismatches: unknown[] }): AsyncGenerator<Buffer> {
  const { decision, checkpoint } = job;
  const trail = () => readTrail(session, { decisionId: decision.id, toSeq: decision.version }, STREAM_PAGE);
  const hasher = merkleHasher(checkpoint.hashAlg as HashAlgorithm);
  const proofsOf = async (batch: readonly TrailEntry[]) => {
    const nodes = storedSubtreeHashes(session, hasher, decision.jurisdiction, checkpoint.size);
    const indexes = batch.length ? await leafIndexesOfEvents(session, decision.jurisdiction, decision.id, batch[0].seq, batch[batch.length - 1].seq) : new Map<number, number>();
    const proofs = [];
    for (const e of batch) {
      const index = indexes.get(e.seq)!;
      proofs.push({ index, hashes: await inclusionProof(hasher, nodes, index, checkpoint.size) });
    }
    return proofs;
  };
  const readMaterial = (m: DossierMaterial) => {
    const { stored } = job.materials.find((x) => x.id === m.id)!;
    const source: AsyncIterable<Buffer> = 'content' in stored ? once(stored.content) : 'file' in stored ? createReadStream(stored.file) : materialChunks(session, m.id, stored.chunks);
    return verifiedBytes(source, m.sha256!, m.id);
  };
  const files = dossierFileStream({
    decision,
    eventBatches: trail,
    proofsOf,
    materials: job.materials.map(({ stored: _stored, ...m }) => m),
    // streamed chunk by chunk into its zip entry (checked against its hash as it passes)
    readMaterial,
    checkpointNote: checkpoint.note,
    keys: checkpoint.keys,
    extraFiles: [{ path: 'record.html', content: () => textBytes(recordHtmlChunks(decision, mapped(trail(), presentEvent))) }],
    notes: { verifiedAtExport },
  });
  async function* entries(): AsyncGenerator<ZipEntry> {
    // materials are stored as they are: mostly compressed formats already, and the big part of the archive
    for await (const file of files) yield { ...file, compress: !file.path.startsWith('materials/') };
  }
  return zipStream(entries(), new Date(job.mtime));
}
