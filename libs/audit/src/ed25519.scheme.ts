import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { fromPem, toPem } from './der';
import type { SignatureScheme } from './signature-scheme';

// The fixed DER around a raw Ed25519 key (RFC 8410): SPKI and PKCS#8 with the OID 1.3.101.112.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

const publicKeyObjects = new Map<string, KeyObject>();

function publicKeyObject(publicKey: Uint8Array): KeyObject {
  const id = Buffer.from(publicKey).toString('hex');
  let key = publicKeyObjects.get(id);
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
    // Keys are few (one per signer and rotation): remembering them saves a DER parse per verification.
    if (publicKeyObjects.size < 1000) publicKeyObjects.set(id, key);
  }
  return key;
}

function privateKeyObject(privateKey: Uint8Array): KeyObject {
  if (privateKey.length !== 32) throw new TypeError('an Ed25519 private key is a 32-byte seed');
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, privateKey]), format: 'der', type: 'pkcs8' });
}

function stripPrefix(der: Uint8Array, prefix: Buffer, what: string): Uint8Array {
  if (der.length !== prefix.length + 32 || !Buffer.from(der.subarray(0, prefix.length)).equals(prefix)) throw new TypeError(`not an Ed25519 ${what}`);
  return Uint8Array.from(der.subarray(prefix.length));
}

/** Ed25519 (RFC 8032) with node:crypto: 32-byte keys, 64-byte signatures, C2SP signed-note type 0x01. */
export const ed25519Scheme: SignatureScheme = {
  alg: 'ed25519',
  noteType: Uint8Array.of(0x01),
  publicKeyLength: 32,

  generateKeyPair() {
    const { privateKey } = generateKeyPairSync('ed25519');
    const jwk = privateKey.export({ format: 'jwk' });
    return { privateKey: Buffer.from(jwk.d!, 'base64url'), publicKey: Buffer.from(jwk.x!, 'base64url') };
  },

  publicKeyOf(privateKey) {
    return Buffer.from(createPublicKey(privateKeyObject(privateKey)).export({ format: 'jwk' }).x!, 'base64url');
  },

  sign(privateKey, message) {
    return sign(null, message, privateKeyObject(privateKey));
  },

  verify(publicKey, message, signature) {
    if (publicKey.length !== 32 || signature.length !== 64) return false;
    try {
      return verify(null, message, publicKeyObject(publicKey), signature);
    } catch {
      return false;
    }
  },

  publicKeyToPem: (publicKey) => toPem('PUBLIC KEY', Buffer.concat([SPKI_PREFIX, publicKey])),
  publicKeyFromPem: (pem) => stripPrefix(fromPem('PUBLIC KEY', pem), SPKI_PREFIX, 'public key (SPKI)'),
  privateKeyToPem: (privateKey) => toPem('PRIVATE KEY', Buffer.concat([PKCS8_PREFIX, privateKey])),
  privateKeyFromPem: (pem) => stripPrefix(fromPem('PRIVATE KEY', pem), PKCS8_PREFIX, 'private key (PKCS#8)'),
};
