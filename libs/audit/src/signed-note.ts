import { createHash } from 'node:crypto';
import { signatureScheme, type NoteSigner } from './crypto-provider';
import type { SignatureAlgorithm } from './signature-scheme';

/**
 * C2SP signed notes (c2sp.org/signed-note): a UTF-8 text ending in a newline,
 * a blank line, and signature lines `— <key name> base64(key id ‖ signature)`.
 * Parsing is strict: one byte out of place and the note is refused.
 */

/** A public key as a note verifier knows it (its vkey). */
export interface NoteVerifierKey {
  name: string;
  /** uint32: the first four bytes (big-endian) of SHA-256(name ‖ 0x0A ‖ type ‖ public key). */
  keyId: number;
  alg: SignatureAlgorithm;
  publicKey: Uint8Array;
}

export interface NoteSignature {
  name: string;
  keyId: number;
  signature: Uint8Array;
}

export interface ParsedNote {
  /** The signed text, final newline included. */
  text: string;
  signatures: NoteSignature[];
}

/** Thrown for a note, vkey or checkpoint that is malformed or not validly signed (message in Chinese: users see it). */
export class NoteError extends Error {
  override readonly name = 'NoteError';
}

const MAX_SIGNATURES = 64;
const ALGORITHMS: SignatureAlgorithm[] = ['ed25519', 'sm2'];

/** Is this a valid C2SP key name (non-empty, no Unicode space, no plus)? */
export function isKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && !/[\u0000-\u001f\u007f]/.test(name) && name.isWellFormed();
}

/** The C2SP key id of a key (SHA-256 per the spec's recommendation, in both profiles: it names a key, it protects nothing). */
export function noteKeyId(name: string, alg: SignatureAlgorithm, publicKey: Uint8Array): number {
  const type = signatureScheme(alg).noteType;
  const h = createHash('sha256').update(name, 'utf8').update(Uint8Array.of(0x0a)).update(type).update(publicKey).digest();
  return h.readUInt32BE(0);
}

/** The verifier key of a signer or a published public key. */
export function verifierKeyOf(key: { name: string; alg: SignatureAlgorithm; publicKey: Uint8Array }): NoteVerifierKey {
  if (!isKeyName(key.name)) throw new NoteError(`密钥名称不合规范：${JSON.stringify(key.name)}`);
  if (key.publicKey.length !== signatureScheme(key.alg).publicKeyLength) throw new NoteError('公钥长度与签名算法不符');
  return { name: key.name, keyId: noteKeyId(key.name, key.alg, key.publicKey), alg: key.alg, publicKey: Uint8Array.from(key.publicKey) };
}

const hex8 = (id: number) => id.toString(16).padStart(8, '0');

/** `<name>+<hex key id>+<base64(type ‖ public key)>`. */
export function formatVerifierKey(key: NoteVerifierKey): string {
  const type = signatureScheme(key.alg).noteType;
  return `${key.name}+${hex8(key.keyId)}+${Buffer.concat([type, key.publicKey]).toString('base64')}`;
}

/** Parses a vkey, checking that its key id is the one its name and key give. */
export function parseVerifierKey(vkey: string): NoteVerifierKey {
  // Name and id hold no plus; the base64 may.
  const match = /^([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+=*)$/.exec(vkey);
  if (!match) throw new NoteError('验证公钥（vkey）格式错误');
  const [, name, idHex, b64] = match;
  const bytes = strictBase64(b64);
  const alg = ALGORITHMS.find((a) => {
    const type = signatureScheme(a).noteType;
    return bytes.length === type.length + signatureScheme(a).publicKeyLength && Buffer.from(bytes.subarray(0, type.length)).equals(type);
  });
  if (!alg) throw new NoteError('验证公钥（vkey）的签名类型未知或长度不符');
  const key = verifierKeyOf({ name, alg, publicKey: bytes.subarray(signatureScheme(alg).noteType.length) });
  if (hex8(key.keyId) !== idHex) throw new NoteError('验证公钥（vkey）的密钥标识与公钥不符');
  return key;
}

/** Signs `text` (must end with a newline) with each signer, in order. */
export async function signNote(text: string, signers: readonly NoteSigner[]): Promise<string> {
  checkText(text);
  const message = Buffer.from(text, 'utf8');
  let lines = '';
  for (const signer of signers) {
    const key = verifierKeyOf(signer);
    const signature = await signer.sign(message);
    const id = Buffer.alloc(4);
    id.writeUInt32BE(key.keyId);
    lines += `\u2014 ${key.name} ${Buffer.concat([id, signature]).toString('base64')}\n`;
  }
  return `${text}\n${lines}`;
}

/** Splits a note into its text and signature lines, strictly. */
export function parseNote(note: string | Uint8Array): ParsedNote {
  const s = typeof note === 'string' ? note : decodeUtf8(note);
  if (!s.isWellFormed()) throw new NoteError('签名注记不是合法的 UTF-8 文本');
  if (/[\u0000-\u0009\u000b-\u001f]/.test(s)) throw new NoteError('签名注记含有换行以外的控制字符');
  const split = s.lastIndexOf('\n\n');
  if (split < 0 || !s.endsWith('\n')) throw new NoteError('签名注记缺少正文与签名之间的空行或末尾换行');
  const text = s.slice(0, split + 1);
  const lines = s.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteError('签名注记的签名过多');
  const signatures = lines.map((line) => {
    const match = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!match || !isKeyName(match[1])) throw new NoteError(`签名行格式错误：${JSON.stringify(line)}`);
    const bytes = strictBase64(match[2]);
    if (bytes.length < 5) throw new NoteError('签名行过短');
    return { name: match[1], keyId: bytes.readUInt32BE(0), signature: Uint8Array.from(bytes.subarray(4)) };
  });
  checkText(text);
  return { text, signatures };
}

/**
 * Verifies a note against the keys the verifier trusts (c2sp.org/signed-note):
 * signatures of unknown keys are ignored, a failing signature of a known key
 * rejects the note, and at least one known key must have signed. Returns the
 * text and the keys whose signatures verified.
 */
export function verifyNote(note: string | Uint8Array, keys: readonly NoteVerifierKey[]): { text: string; verifiedBy: NoteVerifierKey[] } {
  const { text, signatures } = parseNote(note);
  const message = Buffer.from(text, 'utf8');
  const verifiedBy: NoteVerifierKey[] = [];
  for (const sig of signatures) {
    const key = keys.find((k) => k.name === sig.name && k.keyId === sig.keyId);
    if (!key) continue;
    if (!signatureScheme(key.alg).verify(key.publicKey, message, sig.signature)) throw new NoteError(`密钥 ${key.name}（${hex8(key.keyId)}）的签名验证失败`);
    if (!verifiedBy.includes(key)) verifiedBy.push(key);
  }
  if (verifiedBy.length === 0) throw new NoteError('签名注记没有任何受信任密钥的有效签名');
  return { text, verifiedBy };
}

function checkText(text: string): void {
  if (text.length === 0 || !text.endsWith('\n')) throw new NoteError('签名注记正文须以换行结尾');
  if (!text.isWellFormed() || /[\u0000-\u0009\u000b-\u001f]/.test(text)) throw new NoteError('签名注记正文含有控制字符或孤立代理项');
}

function strictBase64(b64: string): Buffer {
  const bytes = Buffer.from(b64, 'base64');
  // Node's decoder skips junk; re-encoding catches it, and non-canonical padding bits.
  if (bytes.toString('base64') !== b64) throw new NoteError('base64 编码不规范');
  return bytes;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new NoteError('签名注记不是合法的 UTF-8 文本');
  }
}
