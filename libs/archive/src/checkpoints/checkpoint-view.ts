import { openKeyLogEntry, parseCheckpoint, parseNote, signatureScheme, type NoteVerifierKey } from '@app/audit';
import type { CheckpointRow, KeyLogRow } from '@app/persistence';

/** A signed checkpoint as the API answers it: its fields, its signatures and the note itself. */
export interface CheckpointView {
  origin: string;
  treeSize: number;
  /** base64, as in the note */
  root: string;
  hash: string;
  time: string;
  keyId: string;
  signatures: { name: string; keyId: string; signature: string }[];
  /** the C2SP signed note, verbatim (what to keep, hand to a witness or to `npm run verify -- --checkpoint`) */
  note: string;
}

export function presentCheckpoint(row: CheckpointRow): CheckpointView {
  const parsed = parseNote(row.note);
  const c = parseCheckpoint(parsed.text);
  return {
    origin: c.origin,
    treeSize: c.size,
    root: Buffer.from(c.root).toString('base64'),
    hash: c.hash,
    time: c.time,
    keyId: row.key_id,
    signatures: parsed.signatures.map((s) => ({ name: s.name, keyId: s.keyId.toString(16).padStart(8, '0'), signature: Buffer.from(s.signature).toString('base64') })),
    note: row.note,
  };
}

/** One key of a jurisdiction's key log, published. */
export interface PublishedKey {
  vkey: string;
  name: string;
  keyId: string;
  alg: string;
  publicKeyPem: string;
  /** signs checkpoints from this tree size … */
  fromSize: number;
  /** … to this one (absent: the current key) */
  toSize?: number;
  /** when it was recorded */
  since: string;
  /** the signed key-log entry (first key: signed by itself; rotation: by the old and the new key) */
  entry: string;
}

/** The key log rows, oldest first, as published keys (each entry's signatures checked). */
export function presentKeys(rows: readonly KeyLogRow[]): PublishedKey[] {
  const keys: PublishedKey[] = [];
  for (const row of rows) {
    const entry = openKeyLogEntry(row.note);
    const prev = keys.at(-1);
    if (prev) prev.toSize = entry.size;
    keys.push({
      vkey: row.vkey,
      name: entry.new.name,
      keyId: row.key_id,
      alg: entry.new.alg,
      publicKeyPem: signatureScheme(entry.new.alg).publicKeyToPem(entry.new.publicKey),
      fromSize: entry.size,
      since: row.created_at.toISOString(),
      entry: row.note,
    });
  }
  return keys;
}

/** The verifier keys of a key log (every key it ever named). */
export function keysOfLog(rows: readonly KeyLogRow[]): NoteVerifierKey[] {
  return rows.map((r) => openKeyLogEntry(r.note).new);
}
