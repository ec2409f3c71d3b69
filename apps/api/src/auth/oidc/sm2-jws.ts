import type { JWK } from 'jose';
import { sm2 } from 'sm-crypto-v2';

/**
 * SM2 signatures of JWS (GB/T 32918, SM3 digest with the default signer id 1234567812345678 of
 * GM/T 0009). JOSE registers no SM2 algorithm: tokens name it `"alg": "SM2"`, the signature is
 * r‖s (64 bytes, as ES256), and the key is a JWK `{"kty": "EC", "crv": "SM2", x, y}`.
 */
export const SM2_ALGORITHM = 'SM2';

/** Whether `jwk` is an SM2 public key (32-byte coordinates). */
export function isSm2Key(jwk: JWK): boolean {
  const coordinate = (v: unknown) => typeof v === 'string' && Buffer.from(v, 'base64url').length === 32;
  return jwk.kty === 'EC' && jwk.crv === 'SM2' && coordinate(jwk.x) && coordinate(jwk.y);
}

/** Verifies the SM2 signature (base64url r‖s) of a JWS signing input `header.payload`. */
export function verifySm2Signature(signingInput: string, signature: string, jwk: JWK): boolean {
  if (!isSm2Key(jwk)) return false;
  const rs = Buffer.from(signature, 'base64url');
  if (rs.length !== 64 || rs.toString('base64url') !== signature) return false;
  const publicKey = `04${Buffer.from(jwk.x!, 'base64url').toString('hex')}${Buffer.from(jwk.y!, 'base64url').toString('hex')}`;
  try {
    return sm2.doVerifySignature(new Uint8Array(Buffer.from(signingInput, 'ascii')), rs.toString('hex'), publicKey, { hash: true, der: false });
  } catch {
    // A point off the curve and the like: not a valid signature.
    return false;
  }
}
