import { decodeEcdsaStyleSignature, encodeEcdsaStyleSignature } from './der';
import { ed25519Scheme } from './ed25519.scheme';
import { SM2_N, sm2Scheme } from './sm2.scheme';
import { OpenSsl } from './testing/openssl';

const message = Buffer.from('example.org/decisions/county-a\n42\nroot\n\n重大行政决策\n', 'utf8');
let openssl: OpenSsl;
beforeAll(() => (openssl = new OpenSsl()));
afterAll(() => openssl.dispose());

describe('ed25519Scheme', () => {
  it('signs the RFC 8032 §7.1 test 1 vector exactly', () => {
    const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
    expect(Buffer.from(ed25519Scheme.publicKeyOf(seed)).toString('hex')).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    expect(Buffer.from(ed25519Scheme.sign(seed, new Uint8Array(0))).toString('hex')).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
  });

  it('round-trips, and its signatures and PEM keys agree with openssl both ways', () => {
    const { privateKey, publicKey } = ed25519Scheme.generateKeyPair();
    const signature = ed25519Scheme.sign(privateKey, message);
    expect(ed25519Scheme.verify(publicKey, message, signature)).toBe(true);
    openssl.file('ed.msg', message);
    openssl.file('ed.sig', signature);
    openssl.file('ed-pub.pem', ed25519Scheme.publicKeyToPem(publicKey));
    expect(openssl.succeeds('pkeyutl', '-verify', '-pubin', '-inkey', 'ed-pub.pem', '-rawin', '-in', 'ed.msg', '-sigfile', 'ed.sig')).toBe(true);
    openssl.file('ed-key.pem', ed25519Scheme.privateKeyToPem(privateKey));
    openssl.run('pkeyutl', '-sign', '-inkey', 'ed-key.pem', '-rawin', '-in', 'ed.msg', '-out', 'ed-openssl.sig');
    expect(ed25519Scheme.verify(publicKey, message, openssl.read('ed-openssl.sig'))).toBe(true);
  });

  it('imports keys openssl generated, and refuses other keys, altered messages and malformed signatures', () => {
    openssl.run('genpkey', '-algorithm', 'ed25519', '-out', 'ed-gen.pem');
    const publicPem = openssl.run('pkey', '-in', 'ed-gen.pem', '-pubout').toString();
    const privateKey = ed25519Scheme.privateKeyFromPem(openssl.read('ed-gen.pem').toString());
    expect(ed25519Scheme.publicKeyOf(privateKey)).toEqual(ed25519Scheme.publicKeyFromPem(publicPem));
    const signature = ed25519Scheme.sign(privateKey, message);
    expect(ed25519Scheme.verify(ed25519Scheme.generateKeyPair().publicKey, message, signature)).toBe(false);
    expect(ed25519Scheme.verify(ed25519Scheme.publicKeyOf(privateKey), Buffer.concat([message, Buffer.of(0)]), signature)).toBe(false);
    expect(ed25519Scheme.verify(ed25519Scheme.publicKeyOf(privateKey), message, signature.subarray(1))).toBe(false);
    expect(() => ed25519Scheme.publicKeyFromPem(sm2Scheme.publicKeyToPem(sm2Scheme.generateKeyPair().publicKey))).toThrow(TypeError);
  });
});

describe('sm2Scheme', () => {
  it('round-trips with SM3 and the default user id, and openssl verifies its signatures only with distid 1234567812345678', () => {
    const { privateKey, publicKey } = sm2Scheme.generateKeyPair();
    expect(sm2Scheme.publicKeyOf(privateKey)).toEqual(publicKey);
    const signature = sm2Scheme.sign(privateKey, message);
    expect(sm2Scheme.verify(publicKey, message, signature)).toBe(true);
    openssl.file('sm2.msg', message);
    openssl.file('sm2.sig', signature);
    openssl.file('sm2-pub.pem', sm2Scheme.publicKeyToPem(publicKey));
    const verifyWith = (id: string) => openssl.succeeds('dgst', '-sm3', '-verify', 'sm2-pub.pem', '-sigopt', `distid:${id}`, '-signature', 'sm2.sig', 'sm2.msg');
    expect(verifyWith('1234567812345678')).toBe(true);
    expect(verifyWith('1234567812345679')).toBe(false);
  });

  it('verifies signatures openssl made with a key it generated, imported from PEM', () => {
    openssl.run('genpkey', '-algorithm', 'SM2', '-out', 'sm2-gen.pem');
    openssl.file('sm2.msg', message);
    openssl.run('dgst', '-sm3', '-sign', 'sm2-gen.pem', '-sigopt', 'distid:1234567812345678', '-out', 'sm2-openssl.sig', 'sm2.msg');
    const privateKey = sm2Scheme.privateKeyFromPem(openssl.read('sm2-gen.pem').toString());
    const publicKey = sm2Scheme.publicKeyFromPem(openssl.run('pkey', '-in', 'sm2-gen.pem', '-pubout').toString());
    expect(sm2Scheme.publicKeyOf(privateKey)).toEqual(publicKey);
    expect(sm2Scheme.verify(publicKey, message, openssl.read('sm2-openssl.sig'))).toBe(true);
    expect(sm2Scheme.verify(publicKey, Buffer.from('another'), openssl.read('sm2-openssl.sig'))).toBe(false);
    // Our PKCS#8 export is what openssl reads back to the same key.
    openssl.file('sm2-ours.pem', sm2Scheme.privateKeyToPem(privateKey));
    expect(openssl.run('pkey', '-in', 'sm2-ours.pem', '-pubout').toString()).toBe(sm2Scheme.publicKeyToPem(publicKey));
  });

  it('refuses malleated and malformed signatures: s + n, non-minimal DER, trailing bytes, r = 0', () => {
    const { privateKey, publicKey } = sm2Scheme.generateKeyPair();
    const signature = sm2Scheme.sign(privateKey, message);
    const { r, s } = decodeEcdsaStyleSignature(signature);
    expect(sm2Scheme.verify(publicKey, message, encodeEcdsaStyleSignature(r, s + SM2_N))).toBe(false);
    expect(sm2Scheme.verify(publicKey, message, Buffer.concat([signature, Buffer.of(0)]))).toBe(false);
    const padded = Buffer.concat([Buffer.from([0x30, signature[1] + 1, 0x02, signature[3] + 1, 0x00]), signature.subarray(4)]);
    expect(() => decodeEcdsaStyleSignature(padded)).toThrow(/non-minimal|negative/);
    expect(sm2Scheme.verify(publicKey, message, padded)).toBe(false);
    expect(sm2Scheme.verify(publicKey, message, encodeEcdsaStyleSignature(0n, s))).toBe(false);
  });

  it('refuses public keys off the curve and private keys out of range', () => {
    const { publicKey } = sm2Scheme.generateKeyPair();
    const off = Buffer.from(publicKey);
    off[64] ^= 1;
    expect(() => sm2Scheme.publicKeyFromPem(sm2Scheme.publicKeyToPem(off))).toThrow(/not a point/);
    expect(() => sm2Scheme.publicKeyOf(new Uint8Array(32))).toThrow(/\[1, n-2\]/);
  });
});
