import { sm2 } from 'sm-crypto-v2';
import { cryptoProvider, deviceSigner, signatureScheme, sm2Digest, type CryptoProfileId } from './crypto-provider';
import { decodeEcdsaStyleSignature } from './der';
import { digestHex } from './hash-algorithms';

const message = Buffer.from('checkpoint body\n', 'utf8');

describe(cryptoProvider.name, () => {
  it.each<[CryptoProfileId, string, string]>([
    ['default', 'sha256', 'ed25519'],
    ['gm', 'sm3', 'sm2'],
  ])('the %s profile hashes with %s and signs with %s', async (id, hash, signature) => {
    const provider = cryptoProvider(id);
    expect(provider.profile).toEqual({ id, hash, signature });
    expect(provider.hashHex('abc')).toBe(digestHex(hash as never, 'abc'));
    expect(provider.merkle.alg).toBe(hash);
    const { privateKey, publicKey } = provider.generateKeyPair();
    const signer = provider.softwareSigner('example.org/log', privateKey);
    expect(signer.publicKey).toEqual(publicKey);
    expect(provider.verify(signer.alg, publicKey, message, await signer.sign(message))).toBe(true);
  });

  it('verifies signatures of the other profile too, so old checkpoints survive a change of profile', async () => {
    const gm = cryptoProvider('gm');
    const key = gm.generateKeyPair();
    const signature = await gm.softwareSigner('k', key.privateKey).sign(message);
    expect(cryptoProvider('default').verify('sm2', key.publicKey, message, signature)).toBe(true);
  });

  it('refuses unknown profiles and algorithms', () => {
    expect(() => cryptoProvider('rsa' as never)).toThrow(/unknown crypto profile/);
    expect(() => signatureScheme('toString' as never)).toThrow(/unknown signature algorithm/);
  });
});

describe(deviceSigner.name, () => {
  const softwareSm2 = () => {
    const key = signatureScheme('sm2').generateKeyPair();
    return { ...key, d: Buffer.from(key.privateKey).toString('hex'), pub: Buffer.from(key.publicKey).toString('hex') };
  };

  it('returns what the device signed once it verifies against the registered key', async () => {
    const key = signatureScheme('ed25519').generateKeyPair();
    const device = jest.fn(async (m: Uint8Array) => signatureScheme('ed25519').sign(key.privateKey, m));
    const signer = deviceSigner({ name: 'hsm', alg: 'ed25519', publicKey: key.publicKey, signRaw: device });
    const signature = await signer.sign(message);
    expect(device).toHaveBeenCalledWith(message);
    expect(signatureScheme('ed25519').verify(key.publicKey, message, signature)).toBe(true);
  });

  it('refuses a signature made with another key than the one registered', async () => {
    const registered = signatureScheme('sm2').generateKeyPair();
    const other = signatureScheme('sm2').generateKeyPair();
    const signer = deviceSigner({ name: 'hsm', alg: 'sm2', publicKey: registered.publicKey, signRaw: async (m) => signatureScheme('sm2').sign(other.privateKey, m) });
    await expect(signer.sign(message)).rejects.toThrow('签名设备返回的签名无法用登记的公钥验证');
  });

  it('drives a GM/T 0018-style device that signs the digest e = SM3(Z‖M) and answers r‖s', async () => {
    const key = softwareSm2();
    const e = sm2Digest(key.publicKey, message);
    expect(Buffer.from(e).toString('hex')).toBe(sm2.getHash(Buffer.from(message).toString('hex'), key.pub));
    const device = async (digest: Uint8Array) => Buffer.from(sm2.doSignature(digest, key.d, { hash: false }), 'hex');
    const signer = deviceSigner({ name: '密码机', alg: 'sm2', publicKey: key.publicKey, signRaw: device, input: 'sm2-digest', output: 'raw' });
    const signature = await signer.sign(message);
    expect(decodeEcdsaStyleSignature(signature).r).toBeGreaterThan(0n);
    expect(signatureScheme('sm2').verify(key.publicKey, message, signature)).toBe(true);
    const short = deviceSigner({ name: '密码机', alg: 'sm2', publicKey: key.publicKey, signRaw: async () => new Uint8Array(63), output: 'raw' });
    await expect(short.sign(message)).rejects.toThrow('64 字节');
  });

  it('refuses a registered key of the wrong length and SM2-only options on Ed25519', () => {
    const signRaw = async () => new Uint8Array(64);
    expect(() => deviceSigner({ name: 'x', alg: 'ed25519', publicKey: new Uint8Array(31), signRaw })).toThrow(/32 bytes/);
    expect(() => deviceSigner({ name: 'x', alg: 'ed25519', publicKey: new Uint8Array(32), signRaw, output: 'raw' })).toThrow(/SM2 devices/);
  });
});
