import { signatureScheme } from './crypto-provider';
import { DOSSIER_VERIFY_MD } from './dossier-verify-md';
import { DOSSIER_VERIFY_MJS } from './dossier-verify-mjs';
import { DOSSIER_VERIFY_SH } from './dossier-verify-sh';
import { GENESIS_HASH, hashInput, type ChainedEvent } from './hash-chain';
import { formatVerifierKey, parseNote, type NoteVerifierKey } from './signed-note';
import { parseCheckpoint } from './tlog-checkpoint';
import {
  DOSSIER_FORMAT,
  dossierEventPath,
  dossierMaterialPath,
  dossierProofPath,
  formatTlogProof,
  type DossierInput,
  type DossierMaterial,
} from './dossier-files';

type DossierEvent = ChainedEvent & { hash: string };
type Proof = { index: number; hashes: readonly Uint8Array[] };

/** One file of a streamed dossier: its bytes, or a function giving them piece by piece when the file's turn comes. */
export interface DossierStreamFile {
  path: string;
  content: Uint8Array | (() => AsyncIterable<Uint8Array>);
}

/** The dossier's input with the trail read in batches (as often as needed) and each batch's proofs computed when written. */
export interface DossierStreamInput extends Omit<DossierInput, 'events' | 'proofs' | 'extraFiles' | 'readMaterial'> {
  /** The trail, oldest first, seq from 1, batch by batch; called once per pass over it. */
  eventBatches(): AsyncIterable<readonly DossierEvent[]>;
  /** The inclusion proofs of a batch of events, in its order. */
  proofsOf(batch: readonly DossierEvent[]): Promise<readonly Proof[]>;
  extraFiles?: readonly DossierStreamFile[];
  /** A material's bytes: whole, or piece by piece as the zip writer reaches it (nothing of it held whole). */
  readMaterial(material: DossierMaterial): Promise<Uint8Array> | AsyncIterable<Uint8Array>;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const indented = (value: unknown, by: string) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${by}`);

/** manifest.json exactly as `JSON.stringify(manifest, null, 2)` writes it, its events written batch by batch (and checked as the next links). */
async function* manifestText(input: DossierStreamInput, head: Record<string, unknown>, materials: readonly DossierMaterial[]): AsyncGenerator<Uint8Array> {
  let text = '{';
  for (const [key, value] of Object.entries(head)) text += `\n  ${JSON.stringify(key)}: ${indented(value, '  ')},`;
  yield utf8(`${text}\n  "events": [`);
  let prev = GENESIS_HASH;
  let seq = 0;
  for await (const batch of input.eventBatches()) {
    let part = '';
    for (const e of batch) {
      if (e.seq !== ++seq || e.decisionId !== input.decision.id || e.prevHash !== prev) throw new TypeError(`dossier: event ${seq} is not the next link of decision ${input.decision.id}`);
      prev = e.hash;
      part += `${seq > 1 ? ',' : ''}\n    ${indented({ ...e, file: dossierEventPath(e.seq), proof: dossierProofPath(e.seq) }, '    ')}`;
    }
    yield utf8(part);
  }
  if (input.decision.lastHash !== undefined && seq && input.decision.lastHash !== prev) throw new TypeError('dossier: lastHash is not the last event hash');
  const listed = materials.map((m) => ({ ...m, path: dossierMaterialPath(m) }));
  yield utf8(`${seq ? '\n  ' : ''}],\n  "materials": ${listed.length ? indented(listed, '  ') : '[]'}\n}\n`);
}

async function* perEvent(input: DossierStreamInput, text: (e: DossierEvent) => string): AsyncGenerator<Uint8Array> {
  for await (const batch of input.eventBatches()) yield utf8(batch.map(text).join(''));
}

/**
 * The self-proving dossier's files (see dossierFiles) with nothing of the trail held whole: the manifest,
 * chain.txt, the event files and the proofs are each written batch by batch as the zip writer reaches them.
 */
export async function* dossierFileStream(input: DossierStreamInput): AsyncGenerator<DossierStreamFile> {
  const { decision, materials, checkpointNote, keys } = input;
  if (keys.length === 0) throw new TypeError('dossier: the public keys are part of it');
  // verify.sh builds each leaf with printf: an id that JSON would escape cannot be written that way.
  if (/["\\\u0000-\u001f]/.test(decision.id)) throw new TypeError('dossier: the decision id must need no JSON escaping');
  const checkpoint = parseCheckpoint(parseNote(checkpointNote).text);
  for (const file of input.extraFiles ?? []) yield file;
  const head = {
    format: DOSSIER_FORMAT,
    decision,
    tree: { origin: checkpoint.origin, size: checkpoint.size, hash: checkpoint.hash, checkpoint: 'checkpoint.txt' },
    keys: keys.map((k) => ({ vkey: formatVerifierKey(k), alg: k.alg, pem: keyPemPath(k) })),
    ...(input.notes ? { notes: input.notes } : {}),
  };
  yield { path: 'manifest.json', content: () => manifestText(input, head, materials) };
  yield {
    path: 'chain.txt',
    content: async function* () {
      yield utf8(`decision ${decision.id}\n`);
      yield* perEvent(input, (e) => `${e.seq} ${e.alg ?? 'sha256'} ${e.hash} ${e.prevHash}\n`);
    },
  };
  for await (const batch of input.eventBatches()) for (const e of batch) yield { path: dossierEventPath(e.seq), content: utf8(hashInput(e)) };
  yield { path: 'checkpoint.txt', content: utf8(checkpointNote) };
  for await (const batch of input.eventBatches()) {
    const proofs = await input.proofsOf(batch);
    if (proofs.length !== batch.length) throw new TypeError('dossier: one inclusion proof per event');
    for (let i = 0; i < batch.length; i++) yield { path: dossierProofPath(batch[i].seq), content: utf8(formatTlogProof(proofs[i].index, proofs[i].hashes, checkpointNote)) };
  }
  yield { path: 'keys.txt', content: utf8(keys.map((k) => formatVerifierKey(k) + '\n').join('')) };
  for (const k of keys) yield { path: keyPemPath(k), content: utf8(signatureScheme(k.alg).publicKeyToPem(k.publicKey)) };
  let list = '';
  for (const m of materials) {
    const path = dossierMaterialPath(m);
    for (const alg of ['sha256', 'sm3'] as const) if (m[alg]) list += `${alg} ${m[alg]} ${path}\n`;
    const bytes = input.readMaterial(m);
    yield { path, content: Symbol.asyncIterator in bytes ? () => bytes : await bytes };
  }
  yield { path: 'materials.txt', content: utf8(list) };
  yield { path: 'verify.mjs', content: utf8(DOSSIER_VERIFY_MJS) };
  yield { path: 'verify.sh', content: utf8(DOSSIER_VERIFY_SH) };
  yield { path: 'VERIFY.md', content: utf8(DOSSIER_VERIFY_MD) };
}

export function keyPemPath(k: NoteVerifierKey): string {
  return `keys/${k.alg}-${k.keyId.toString(16).padStart(8, '0')}.pem`;
}
