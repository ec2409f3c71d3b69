import { sm2 } from 'sm-crypto-v2';
import { decodeEcdsaStyleSignature, derTlv, fromPem, readDer, readDerSequence, toPem } from './der';
import type { SignatureScheme } from './signature-scheme';

/** The distinguishing identifier of GM/T 0009 (default ID): part of Z, so of every SM2 signature here. */
export const SM2_USER_ID = '1234567812345678';

/** The order n of the SM2 curve (GB/T 32918.5). */
export const SM2_N = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');

// DER of OID 1.2.156.10197.1.501, SM2-with-SM3 signatures (GM/T 0006): unique, self-delimiting.
const SM2_SM3_OID = Buffer.from('06082a811ccf55018375', 'hex');
// SPKI and PKCS#8 of an SM2 key: id-ecPublicKey with the named curve sm2 (1.2.156.10197.1.301).
const ALGORITHM = Buffer.from('301306072a8648ce3d020106082a811ccf5501822d', 'hex');
const SPKI_PREFIX = Buffer.from('3059' + ALGORITHM.toString('hex') + '034200', 'hex');

const hex = (u: Uint8Array) => Buffer.from(u).toString('hex');

function checkPublicKey(publicKey: Uint8Array): string {
  if (publicKey.length !== 65 || publicKey[0] !== 0x04) throw new TypeError('an SM2 public key is 65 bytes: 04 ‖ x ‖ y');
  const key = hex(publicKey);
  let onCurve: boolean;
  try {
    onCurve = sm2.verifyPublicKey(key);
  } catch {
    onCurve = false;
  }
  if (!onCurve) throw new TypeError('the SM2 public key is not a point of the curve');
  return key;
}

function checkPrivateKey(privateKey: Uint8Array): string {
  const d = privateKey.length === 32 ? BigInt('0x' + hex(privateKey)) : 0n;
  // GB/T 32918.1: d ∈ [1, n-2].
  if (d < 1n || d > SM2_N - 2n) throw new TypeError('an SM2 private key is a 32-byte scalar in [1, n-2]');
  return hex(privateKey);
}

function pkcs8(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  // ECPrivateKey (RFC 5915) with the public key, as openssl writes it.
  const ecPrivateKey = Buffer.concat([Buffer.from('306b0201010420', 'hex'), privateKey, Buffer.from('a144034200', 'hex'), publicKey]);
  return Buffer.concat([Buffer.from('308187020100', 'hex'), ALGORITHM, Buffer.from('046d', 'hex'), ecPrivateKey]);
}

function privateKeyOfPkcs8(der: Uint8Array): Uint8Array {
  const outer = readDer(der);
  const [version, algorithm, octets, ...rest] = readDerSequence(outer.content);
  if (outer.tag !== 0x30 || outer.end !== der.length || rest.length || version?.tag !== 0x02 || octets?.tag !== 0x04) throw new TypeError('not a PKCS#8 private key');
  if (!Buffer.from(derTlv(algorithm.tag, algorithm.content)).equals(ALGORITHM)) throw new TypeError('not an SM2 private key');
  const ec = readDer(octets.content);
  const [ecVersion, d] = readDerSequence(ec.content);
  if (ec.tag !== 0x30 || ecVersion?.tag !== 0x02 || d?.tag !== 0x04 || d.content.length !== 32) throw new TypeError('not an SM2 ECPrivateKey');
  return Uint8Array.from(d.content);
}

/**
 * SM2 signatures (GB/T 32918.2) with SM3 and the default user id, by
 * sm-crypto-v2 (Node's own SM2 signing ignores the id: nodejs/node#53761).
 * Signatures are DER SEQUENCE { r, s } (GM/T 0009); the C2SP signed-note
 * type is 0xff followed by the DER of the SM2-with-SM3 OID (see README).
 */
export const sm2Scheme: SignatureScheme = {
  alg: 'sm2',
  noteType: Buffer.concat([Buffer.of(0xff), SM2_SM3_OID]),
  publicKeyLength: 65,

  generateKeyPair() {
    const { privateKey, publicKey } = sm2.generateKeyPairHex();
    return { privateKey: Buffer.from(privateKey.padStart(64, '0'), 'hex'), publicKey: Buffer.from(publicKey, 'hex') };
  },

  publicKeyOf(privateKey) {
    return Buffer.from(sm2.getPublicKeyFromPrivateKey(checkPrivateKey(privateKey)), 'hex');
  },

  sign(privateKey, message) {
    const d = checkPrivateKey(privateKey);
    const publicKey = sm2.getPublicKeyFromPrivateKey(d);
    return Buffer.from(sm2.doSignature(message, d, { hash: true, der: true, publicKey, userId: SM2_USER_ID }), 'hex');
  },

  verify(publicKey, message, signature) {
    try {
      const key = checkPublicKey(publicKey);
      const { r, s } = decodeEcdsaStyleSignature(signature);
      // GB/T 32918.2 §7.1 B1-B2: r, s ∈ [1, n-1], checked here rather than left to the library's arithmetic.
      if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return false;
      const raw = r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0');
      return sm2.doVerifySignature(message, raw, key, { hash: true, der: false, userId: SM2_USER_ID });
    } catch {
      return false;
    }
  },

  publicKeyToPem: (publicKey) => toPem('PUBLIC KEY', Buffer.concat([SPKI_PREFIX, publicKey])),
  publicKeyFromPem(pem) {
    const der = fromPem('PUBLIC KEY', pem);
    if (der.length !== SPKI_PREFIX.length + 65 || !Buffer.from(der.subarray(0, SPKI_PREFIX.length)).equals(SPKI_PREFIX)) throw new TypeError('not an SM2 public key (SPKI)');
    const publicKey = Uint8Array.from(der.subarray(SPKI_PREFIX.length));
    checkPublicKey(publicKey);
    return publicKey;
  },
  privateKeyToPem: (privateKey) => toPem('PRIVATE KEY', pkcs8(privateKey, sm2Scheme.publicKeyOf(privateKey))),
  privateKeyFromPem(pem) {
    const privateKey = privateKeyOfPkcs8(fromPem('PRIVATE KEY', pem));
    checkPrivateKey(privateKey);
    return privateKey;
  },
};
