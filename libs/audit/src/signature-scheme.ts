/** The signature algorithms a checkpoint or key-log entry may carry. */
export type SignatureAlgorithm = 'ed25519' | 'sm2';

/** A software key pair: raw private key (Ed25519 seed / SM2 scalar, 32 bytes) and raw public key. */
export interface KeyPair {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

/**
 * One signature algorithm: raw keys, PEM (SPKI / PKCS#8) export and import,
 * local signing for software keys, and verification. Verification never
 * throws: a malformed key or signature is simply not valid.
 */
export interface SignatureScheme {
  readonly alg: SignatureAlgorithm;
  /** The C2SP signed-note signature type: the bytes hashed into key ids and prefixed to the public key in a vkey. */
  readonly noteType: Uint8Array;
  readonly publicKeyLength: number;
  generateKeyPair(): KeyPair;
  publicKeyOf(privateKey: Uint8Array): Uint8Array;
  sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array;
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  publicKeyToPem(publicKey: Uint8Array): string;
  publicKeyFromPem(pem: string): Uint8Array;
  privateKeyToPem(privateKey: Uint8Array): string;
  privateKeyFromPem(pem: string): Uint8Array;
}
