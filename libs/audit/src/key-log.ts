import type { NoteSigner } from './crypto-provider';
import { formatVerifierKey, NoteError, parseNote, parseVerifierKey, signNote, verifierKeyOf, verifyNote, type NoteVerifierKey } from './signed-note';
import { isIsoInstant } from './tlog-checkpoint';

/**
 * The key log: one signed note per signing key a log ever had. The host
 * appends an entry among the checkpoints when it makes its first key and at
 * every rotation, and publishes them all (GET /api/audit/keys):
 *
 *     major-decision-engine/key-log/v1
 *     origin <the log's origin>
 *     old <vkey of the key retired>        (absent in the first entry)
 *     new <vkey of the key that signs from now on>
 *     size <tree size at the rotation>
 *     time <UTC instant>
 *
 * A rotation is signed by the old key (it hands over) and by the new key (it
 * accepts); the first entry by the new key alone. The old key signs
 * checkpoints of size ≤ `size`, the new one checkpoints of size ≥ `size`.
 */
export const KEY_LOG_FORMAT = 'major-decision-engine/key-log/v1';

export interface KeyLogEntry {
  origin: string;
  old?: NoteVerifierKey;
  new: NoteVerifierKey;
  size: number;
  time: string;
}

/** One key's period of validity, from the key log. */
export interface KeyPeriod {
  key: NoteVerifierKey;
  fromSize: number;
  /** Last size it may sign; absent for the current key. */
  toSize?: number;
}

/** The note text of an entry. */
export function formatKeyLogEntry(e: KeyLogEntry): string {
  if (!Number.isSafeInteger(e.size) || e.size < 0) throw new NoteError('密钥日志的树大小须为非负整数');
  if (!isIsoInstant(e.time)) throw new NoteError('密钥日志的时间须为 UTC 时刻');
  if (e.origin.length === 0 || /[\s+]/u.test(e.origin)) throw new NoteError('密钥日志的来源（origin）不合规范');
  const old = e.old ? `old ${formatVerifierKey(e.old)}\n` : '';
  return `${KEY_LOG_FORMAT}\norigin ${e.origin}\n${old}new ${formatVerifierKey(e.new)}\nsize ${e.size}\ntime ${e.time}\n`;
}

/** Parses an entry's text strictly. */
export function parseKeyLogEntry(text: string): KeyLogEntry {
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : [];
  if (lines[0] !== KEY_LOG_FORMAT) throw new NoteError('不是密钥日志条目');
  const field = (line: string | undefined, name: string) => {
    const prefix = `${name} `;
    if (!line?.startsWith(prefix)) throw new NoteError(`密钥日志条目缺少 ${name} 行`);
    return line.slice(prefix.length);
  };
  const hasOld = lines.length === 6;
  if (lines.length !== (hasOld ? 6 : 5)) throw new NoteError('密钥日志条目的行数不对');
  let i = 1;
  const origin = field(lines[i++], 'origin');
  const old = hasOld ? parseVerifierKey(field(lines[i++], 'old')) : undefined;
  const next = parseVerifierKey(field(lines[i++], 'new'));
  const sizeText = field(lines[i++], 'size');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) throw new NoteError('密钥日志的树大小格式错误');
  const entry: KeyLogEntry = { origin, ...(old ? { old } : {}), new: next, size: Number(sizeText), time: field(lines[i], 'time') };
  if (formatKeyLogEntry(entry) !== text) throw new NoteError('密钥日志条目不是规范形式');
  return entry;
}

/** Signs an entry: with the old signer (if any) and the new one. */
export async function signKeyLogEntry(e: Omit<KeyLogEntry, 'old' | 'new'>, signers: { old?: NoteSigner; new: NoteSigner }): Promise<string> {
  const entry: KeyLogEntry = { ...e, ...(signers.old ? { old: verifierKeyOf(signers.old) } : {}), new: verifierKeyOf(signers.new) };
  return signNote(formatKeyLogEntry(entry), signers.old ? [signers.old, signers.new] : [signers.new]);
}

/** Verifies one entry: both keys it names (or the new one alone in a first entry) must have signed it. */
export function openKeyLogEntry(note: string | Uint8Array): KeyLogEntry {
  const entry = parseKeyLogEntry(parseNote(note).text);
  const required = entry.old ? [entry.old, entry.new] : [entry.new];
  const { verifiedBy } = verifyNote(note, required);
  if (verifiedBy.length !== required.length) throw new NoteError('密钥轮换须由旧密钥和新密钥共同签名');
  return entry;
}

/**
 * Verifies a whole key log, oldest first, and gives each key's period. The
 * first key must be one the verifier already trusts (e.g. from a dossier or a
 * published vkey); each later entry must hand over from the key before it.
 */
export function verifyKeyLog(notes: readonly (string | Uint8Array)[], trustedFirstKey: NoteVerifierKey): KeyPeriod[] {
  const periods: KeyPeriod[] = [];
  notes.forEach((note, i) => {
    const entry = openKeyLogEntry(note);
    const current = periods.at(-1);
    if (i === 0) {
      if (entry.old || formatVerifierKey(entry.new) !== formatVerifierKey(trustedFirstKey)) throw new NoteError('密钥日志的第一条不是受信任的初始密钥');
    } else {
      if (!entry.old || formatVerifierKey(entry.old) !== formatVerifierKey(current!.key)) throw new NoteError(`密钥日志第 ${i + 1} 条未由当时的密钥交接`);
      if (entry.size < current!.fromSize) throw new NoteError(`密钥日志第 ${i + 1} 条的树大小倒退`);
      current!.toSize = entry.size;
    }
    if (current && entry.origin !== keyOrigin(notes[0])) throw new NoteError('密钥日志各条目的来源不一致');
    periods.push({ key: entry.new, fromSize: entry.size });
  });
  return periods;
}

function keyOrigin(note: string | Uint8Array): string {
  return parseKeyLogEntry(parseNote(note).text).origin;
}

/** The keys the key log allows to sign a checkpoint of this size. */
export function keysForSize(periods: readonly KeyPeriod[], size: number): NoteVerifierKey[] {
  return periods.filter((p) => size >= p.fromSize && (p.toSize === undefined || size <= p.toSize)).map((p) => p.key);
}
