import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sm2 } from 'sm-crypto-v2';

/** An SM2 key pair of sm-crypto-v2 and its JWK (kty EC, crv SM2). */
export interface Sm2Key {
  kid: string;
  privateKey: string;
  publicKey: string;
  jwk: Record<string, string>;
}

/** A fresh SM2 signing key named `kid`. */
export function sm2Key(kid: string): Sm2Key {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  const coordinate = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');
  return { kid, privateKey, publicKey, jwk: { kty: 'EC', crv: 'SM2', kid, use: 'sig', alg: 'SM2', x: coordinate(publicKey.slice(2, 66)), y: coordinate(publicKey.slice(66)) } };
}

/** A JWT signed with SM2 (SM3 digest, r‖s), as a provider signing with SM2 would issue it. */
export function sm2Token(key: Sm2Key, payload: object, header: object = {}): string {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${b64({ alg: 'SM2', typ: 'at+jwt', kid: key.kid, ...header })}.${b64(payload)}`;
  const rs = sm2.doSignature(new Uint8Array(Buffer.from(input, 'ascii')), key.privateKey, { hash: true, der: false, publicKey: key.publicKey });
  return `${input}.${Buffer.from(rs, 'hex').toString('base64url')}`;
}

/**
 * A provider that signs with SM2, reduced to what a resource server reads: its discovery document
 * and its JWKS (whose keys the test may change, as a provider rotating its keys does).
 */
export class Sm2Provider {
  keys: Sm2Key[] = [];
  jwksRequests = 0;
  private server?: Server;
  issuer = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') return res.end(JSON.stringify({ issuer: this.issuer, jwks_uri: `${this.issuer}/jwks` }));
      if (req.url === '/jwks') {
        this.jwksRequests++;
        return res.end(JSON.stringify({ keys: this.keys.map((k) => k.jwk) }));
      }
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.issuer;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
