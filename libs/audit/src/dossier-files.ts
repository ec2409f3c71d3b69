import { dossierFileStream } from './dossier-stream';
import { GENESIS_HASH, type ChainedEvent } from './hash-chain';
import type { NoteVerifierKey } from './signed-note';

/** The format tag of a self-proving dossier (manifest.json → format). */
export const DOSSIER_FORMAT = 'major-decision-dossier/2';

/** A material as the dossier lists it: the hash(es) the citing events recorded. */
export interface DossierMaterial {
  id: string;
  filename: string;
  size: number;
  sha256?: string;
  sm3?: string;
}

/** One file of the dossier. */
export interface DossierFile {
  path: string;
  content: Uint8Array;
}

/** What the host gathers for one decision's dossier. */
export interface DossierInput {
  /** The decision's metadata, copied into the manifest; `lastHash`, when given, must be the last event's hash. */
  decision: { id: string; lastHash?: string } & Record<string, unknown>;
  /** Oldest first, seq from 1, as recorded. */
  events: readonly (ChainedEvent & { hash: string })[];
  materials: readonly DossierMaterial[];
  /** Reads one material's bytes when its turn comes (one material in memory at a time). */
  readMaterial(material: DossierMaterial): Promise<Uint8Array>;
  /** The signed checkpoint note every proof is against. */
  checkpointNote: string;
  /** proofs[i]: the leaf index of events[i] and its inclusion proof in the checkpoint's tree. */
  proofs: readonly { index: number; hashes: readonly Uint8Array[] }[];
  /** Public keys of the log (the one that signed the checkpoint at least). */
  keys: readonly NoteVerifierKey[];
  /** Anything else to ship (record.html, the replay report…), written first. */
  extraFiles?: readonly DossierFile[];
  /** Free-form facts for the manifest (e.g. the replay result at export time). */
  notes?: Record<string, unknown>;
}

const pad6 = (n: number) => String(n).padStart(6, '0');

/** The path of an event's canonical hash input in the dossier. */
export const dossierEventPath = (seq: number) => `events/${pad6(seq)}.json`;
/** The path of an event's inclusion proof in the dossier. */
export const dossierProofPath = (seq: number) => `proofs/${pad6(seq)}.tlog-proof`;

/** A material's path: its id and a filename that cannot leave materials/ (no separators, no '..', no leading dot, no control characters). */
export function dossierMaterialPath(m: DossierMaterial): string {
  const safe = m.filename.replace(/[/\\:*?"<>|\u0000-\u001f\u007f]/g, '_').replace(/\.{2,}/g, '_').replace(/^\./, '_') || '_';
  return `materials/${m.id.replace(/[^A-Za-z0-9._-]/g, '_')}-${safe}`;
}

/** An inclusion proof in the c2sp.org/tlog-proof format, with the checkpoint note verbatim. */
export function formatTlogProof(index: number, hashes: readonly Uint8Array[], checkpointNote: string): string {
  return ['c2sp.org/tlog-proof@v1', `index ${index}`, ...hashes.map((h) => Buffer.from(h).toString('base64')), '', checkpointNote].join('\n');
}

function checkInput(input: DossierInput): void {
  const { decision, events, proofs } = input;
  let prev = GENESIS_HASH;
  events.forEach((e, i) => {
    if (e.seq !== i + 1 || e.decisionId !== decision.id || e.prevHash !== prev) throw new TypeError(`dossier: event ${i + 1} is not the next link of decision ${decision.id}`);
    prev = e.hash;
  });
  if (decision.lastHash !== undefined && events.length && decision.lastHash !== prev) throw new TypeError('dossier: lastHash is not the last event hash');
  if (proofs.length !== events.length) throw new TypeError('dossier: one inclusion proof per event');
  // keys, checkpoint and decision id: dossierFileStream checks them before its first file
}

/**
 * The files of a decision's self-proving dossier, one at a time, for the host
 * to stream into a zip: manifest.json, chain.txt, events/NNNNNN.json (the
 * exact text each hash covers), proofs/NNNNNN.tlog-proof, checkpoint.txt,
 * keys.txt and keys/*.pem, materials/… and materials.txt, verify.mjs,
 * verify.sh and VERIFY.md (format and recipes). See VERIFY.md.
 */
export async function* dossierFiles(input: DossierInput): AsyncGenerator<DossierFile> {
  checkInput(input);
  const { events, proofs, extraFiles, ...rest } = input;
  const stream = dossierFileStream({
    ...rest,
    ...(extraFiles ? { extraFiles } : {}),
    eventBatches: async function* () {
      yield events;
    },
    proofsOf: async (batch) => batch.map((e) => proofs[e.seq - 1]),
  });
  for await (const file of stream) {
    if (file.content instanceof Uint8Array) yield { path: file.path, content: file.content };
    else {
      const parts: Uint8Array[] = [];
      for await (const part of file.content()) parts.push(part);
      yield { path: file.path, content: Buffer.concat(parts) };
    }
  }
}
