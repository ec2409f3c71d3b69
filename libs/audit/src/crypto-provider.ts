import { sm2 } from 'sm-crypto-v2';
import { encodeEcdsaStyleSignature } from './der';
import { ed25519Scheme } from './ed25519.scheme';
import { digest, digestHex, type HashAlgorithm } from './hash-algorithms';
import { merkleHasher, type MerkleHasher } from './merkle-tree';
import type { KeyPair, SignatureAlgorithm, SignatureScheme } from './signature-scheme';
import { SM2_USER_ID, sm2Scheme } from './sm2.scheme';

/** A deployment's choice of algorithms: `default` (SHA-256 + Ed25519) or `gm` (国密: SM3 + SM2). */
export type CryptoProfileId = 'default' | 'gm';

export interface CryptoProfile {
  readonly id: CryptoProfileId;
  readonly hash: HashAlgorithm;
  readonly signature: SignatureAlgorithm;
}

/** The two profiles; what a deployment writes. Verification accepts every algorithm, whatever the profile. */
export const CRYPTO_PROFILES: Readonly<Record<CryptoProfileId, CryptoProfile>> = {
  default: { id: 'default', hash: 'sha256', signature: 'ed25519' },
  gm: { id: 'gm', hash: 'sm3', signature: 'sm2' },
};

const schemes: Record<SignatureAlgorithm, SignatureScheme> = { ed25519: ed25519Scheme, sm2: sm2Scheme };

/** The scheme of a signature algorithm named by a record (refuses unknown names). */
export function signatureScheme(alg: SignatureAlgorithm): SignatureScheme {
  const scheme = Object.hasOwn(schemes, alg) ? schemes[alg] : undefined;
  if (!scheme) throw new TypeError(`unknown signature algorithm: ${String(alg)}`);
  return scheme;
}

/**
 * A key that signs notes (checkpoints, key-log entries). Signing is async so
 * that the key may live in a signing device (HSM, 密码机, signing server):
 * see `deviceSigner` and libs/audit/README.md.
 */
export interface NoteSigner {
  /** The C2SP key name (e.g. the log's origin). */
  readonly name: string;
  readonly alg: SignatureAlgorithm;
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** Hashing and signing of one profile behind one interface. */
export interface CryptoProvider {
  readonly profile: CryptoProfile;
  readonly merkle: MerkleHasher;
  hash(data: Uint8Array | string): Uint8Array;
  hashHex(data: Uint8Array | string): string;
  /** A fresh software key pair of the profile's signature algorithm. */
  generateKeyPair(): KeyPair;
  /** A signer holding a software private key of the profile's algorithm. */
  softwareSigner(name: string, privateKey: Uint8Array): NoteSigner;
  /** Verifies a signature of any algorithm (old checkpoints keep theirs when the profile changes). */
  verify(alg: SignatureAlgorithm, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

/** The provider of a profile. */
export function cryptoProvider(id: CryptoProfileId): CryptoProvider {
  const profile = Object.hasOwn(CRYPTO_PROFILES, id) ? CRYPTO_PROFILES[id] : undefined;
  if (!profile) throw new TypeError(`unknown crypto profile: ${String(id)} (default | gm)`);
  const scheme = signatureScheme(profile.signature);
  return {
    profile,
    merkle: merkleHasher(profile.hash),
    hash: (data) => digest(profile.hash, data),
    hashHex: (data) => digestHex(profile.hash, data),
    generateKeyPair: () => scheme.generateKeyPair(),
    softwareSigner(name, privateKey) {
      const publicKey = scheme.publicKeyOf(privateKey);
      return { name, alg: scheme.alg, publicKey, sign: async (message) => scheme.sign(privateKey, message) };
    },
    verify: (alg, publicKey, message, signature) => signatureScheme(alg).verify(publicKey, message, signature),
  };
}

/** What a signing device is asked to sign, and what it answers. */
export interface DeviceSignerOptions {
  name: string;
  alg: SignatureAlgorithm;
  /** The device key's public part, registered when the key was made. */
  publicKey: Uint8Array;
  /**
   * The device call. It gets the message, or for `input: 'sm2-digest'` the
   * SM2 digest e = SM3(Z ‖ M) that GM/T 0018 (SDF) devices sign; it returns
   * the signature, DER or (`output: 'raw'`, SM2 only) r ‖ s.
   */
  signRaw(input: Uint8Array): Promise<Uint8Array>;
  input?: 'message' | 'sm2-digest';
  output?: 'der' | 'raw';
}

/**
 * A NoteSigner backed by a signing device. Every signature the device returns
 * is verified against the registered public key before it is used: a device
 * that signs with another key or garbles the answer fails loudly here, not
 * years later in an auditor's hands.
 */
export function deviceSigner(options: DeviceSignerOptions): NoteSigner {
  const scheme = signatureScheme(options.alg);
  if (options.publicKey.length !== scheme.publicKeyLength) throw new TypeError(`a ${options.alg} public key has ${scheme.publicKeyLength} bytes`);
  if ((options.input === 'sm2-digest' || options.output === 'raw') && options.alg !== 'sm2') throw new TypeError('sm2-digest input and raw output are for SM2 devices');
  return {
    name: options.name,
    alg: options.alg,
    publicKey: options.publicKey,
    async sign(message) {
      const input = options.input === 'sm2-digest' ? sm2Digest(options.publicKey, message) : message;
      let signature = await options.signRaw(input);
      if (options.output === 'raw') {
        if (signature.length !== 64) throw new Error('签名设备返回的 SM2 签名长度不是 64 字节');
        const hex = Buffer.from(signature).toString('hex');
        signature = encodeEcdsaStyleSignature(BigInt('0x' + hex.slice(0, 64)), BigInt('0x' + hex.slice(64)));
      }
      if (!scheme.verify(options.publicKey, message, signature)) throw new Error('签名设备返回的签名无法用登记的公钥验证');
      return signature;
    },
  };
}

/** e = SM3(Z_A ‖ M) of GB/T 32918.2 with the default user id: what SM2 devices that take a digest sign. */
export function sm2Digest(publicKey: Uint8Array, message: Uint8Array): Uint8Array {
  return Buffer.from(sm2.getHash(message, Buffer.from(publicKey).toString('hex'), SM2_USER_ID), 'hex');
}
