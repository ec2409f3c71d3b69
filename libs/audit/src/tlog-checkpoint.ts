import type { NoteSigner } from './crypto-provider';
import { isHashAlgorithm, type HashAlgorithm } from './hash-algorithms';
import { NoteError, signNote, verifyNote, type NoteVerifierKey } from './signed-note';

/**
 * A checkpoint of a jurisdiction's Merkle tree (c2sp.org/tlog-checkpoint):
 *
 *     <origin>
 *     <tree size>
 *     <base64 root>
 *     hash <sha256|sm3>
 *     time <UTC instant as Date#toISOString writes it>
 *
 * The two extension lines are this system's: `hash` names the tree's hash
 * (RFC 6962 says SHA-256; the 国密 profile uses SM3) and `time` is when the
 * engine signed. Both are covered by the signature.
 */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
  hash: HashAlgorithm;
  time: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Is `time` exactly what Date#toISOString writes (one spelling per instant)? */
export function isIsoInstant(time: string): boolean {
  return ISO_INSTANT.test(time) && !Number.isNaN(Date.parse(time)) && new Date(time).toISOString() === time;
}

function checkFields(c: Checkpoint): void {
  if (c.origin.length === 0 || /[\s+]/u.test(c.origin) || !c.origin.isWellFormed()) throw new NoteError('检查点的来源（origin）须非空，且不含空白或加号');
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw new NoteError('检查点的树大小须为非负整数');
  if (!isHashAlgorithm(c.hash)) throw new NoteError(`检查点的哈希算法未知：${String(c.hash)}`);
  if (c.root.length !== 32) throw new NoteError('检查点的根哈希须为 32 字节');
  if (!isIsoInstant(c.time)) throw new NoteError('检查点的时间须为 Date#toISOString 形式的 UTC 时刻');
}

/** The note text of a checkpoint. */
export function formatCheckpoint(c: Checkpoint): string {
  checkFields(c);
  return `${c.origin}\n${c.size}\n${Buffer.from(c.root).toString('base64')}\nhash ${c.hash}\ntime ${c.time}\n`;
}

/** Parses a checkpoint's note text strictly (exactly the five lines above). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new NoteError('检查点正文须以换行结尾');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length !== 5) throw new NoteError(`检查点正文须为 5 行，实为 ${lines.length} 行`);
  const [origin, sizeLine, rootLine, hashLine, timeLine] = lines;
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) throw new NoteError('检查点的树大小须为无前导零的十进制数');
  const root = Buffer.from(rootLine, 'base64');
  if (root.toString('base64') !== rootLine) throw new NoteError('检查点的根哈希不是规范的 base64');
  const hash = /^hash (\S+)$/.exec(hashLine)?.[1];
  const time = /^time (\S+)$/.exec(timeLine)?.[1];
  if (hash === undefined || time === undefined) throw new NoteError('检查点缺少 hash 或 time 扩展行');
  const c: Checkpoint = { origin, size: Number(sizeLine), root: Uint8Array.from(root), hash: hash as HashAlgorithm, time };
  checkFields(c);
  return c;
}

/** A signed checkpoint note, signed by each signer in order (usually one; two during a key rotation). */
export async function signCheckpoint(c: Checkpoint, signers: readonly NoteSigner[]): Promise<string> {
  return signNote(formatCheckpoint(c), signers);
}

/** Verifies a checkpoint note against trusted keys and parses it; throws NoteError otherwise. */
export function openCheckpoint(note: string | Uint8Array, keys: readonly NoteVerifierKey[], origin?: string): { checkpoint: Checkpoint; verifiedBy: NoteVerifierKey[] } {
  const { text, verifiedBy } = verifyNote(note, keys);
  const checkpoint = parseCheckpoint(text);
  if (origin !== undefined && checkpoint.origin !== origin) throw new NoteError(`检查点来源为 ${checkpoint.origin}，不是 ${origin}`);
  return { checkpoint, verifiedBy };
}
