/**
 * The little DER this library needs (SM2 signatures, SPKI/PKCS#8 key
 * containers), read strictly: definite minimal lengths, minimal positive
 * integers, nothing trailing. A lenient reader would let one signature have
 * many encodings.
 */

/** One DER element: its tag, its content bytes, and where the next element starts. */
export interface DerElement {
  tag: number;
  content: Uint8Array;
  end: number;
}

/** Reads the element at `offset` (single-byte tags only, as everything here uses). */
export function readDer(bytes: Uint8Array, offset = 0): DerElement {
  if (offset + 2 > bytes.length) throw new TypeError('DER: truncated');
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 2 || start + octets > bytes.length) throw new TypeError('DER: unsupported length');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + bytes[start + i];
    if (length < 0x80 || (octets === 2 && length < 0x100)) throw new TypeError('DER: non-minimal length');
    start += octets;
  }
  if (start + length > bytes.length) throw new TypeError('DER: truncated');
  return { tag, content: bytes.subarray(start, start + length), end: start + length };
}

/** Reads every element of a constructed content, in order. */
export function readDerSequence(content: Uint8Array): DerElement[] {
  const out: DerElement[] = [];
  for (let offset = 0; offset < content.length; ) {
    const element = readDer(content, offset);
    out.push(element);
    offset = element.end;
  }
  return out;
}

/** Encodes one element. */
export function derTlv(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const head = n < 0x80 ? [tag, n] : n < 0x100 ? [tag, 0x81, n] : [tag, 0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from(head), content]);
}

/** Encodes a non-negative integer as a minimal DER INTEGER. */
export function derInteger(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError('DER: only non-negative integers');
  let hex = value.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = '00' + hex;
  return derTlv(0x02, Buffer.from(hex, 'hex'));
}

/** Reads a minimal non-negative DER INTEGER's value. */
export function derIntegerValue(element: DerElement): bigint {
  const c = element.content;
  if (element.tag !== 0x02 || c.length === 0) throw new TypeError('DER: INTEGER expected');
  if (c[0] & 0x80) throw new TypeError('DER: negative INTEGER');
  if (c.length > 1 && c[0] === 0 && !(c[1] & 0x80)) throw new TypeError('DER: non-minimal INTEGER');
  return BigInt('0x' + Buffer.from(c).toString('hex'));
}

/** SM2Signature ::= SEQUENCE { r INTEGER, s INTEGER } (GM/T 0009). */
export function encodeEcdsaStyleSignature(r: bigint, s: bigint): Uint8Array {
  return derTlv(0x30, Buffer.concat([derInteger(r), derInteger(s)]));
}

/** The (r, s) of a strictly DER-encoded SEQUENCE { r INTEGER, s INTEGER }. */
export function decodeEcdsaStyleSignature(der: Uint8Array): { r: bigint; s: bigint } {
  const seq = readDer(der);
  if (seq.tag !== 0x30 || seq.end !== der.length) throw new TypeError('DER: one SEQUENCE expected');
  const items = readDerSequence(seq.content);
  if (items.length !== 2) throw new TypeError('DER: SEQUENCE of r and s expected');
  return { r: derIntegerValue(items[0]), s: derIntegerValue(items[1]) };
}

/** PEM armour of DER bytes (64-column base64, RFC 7468). */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

/** The DER bytes inside a PEM block with this label. */
export function fromPem(label: string, pem: string): Uint8Array {
  const match = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(pem);
  if (!match) throw new TypeError(`PEM: no ${label} block`);
  return Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
}
