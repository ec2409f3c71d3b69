import { cryptoProvider, type CryptoProfileId } from './crypto-provider';
import { KEY_LOG_FORMAT, keysForSize, openKeyLogEntry, signKeyLogEntry, verifyKeyLog } from './key-log';
import { verifierKeyOf } from './signed-note';

const ORIGIN = 'decisions.example.gov.cn/county-a';
const signer = (id: CryptoProfileId) => {
  const p = cryptoProvider(id);
  return p.softwareSigner(ORIGIN, p.generateKeyPair().privateKey);
};

describe(verifyKeyLog.name, () => {
  it('follows a rotation from an Ed25519 key to an SM2 key, signed by both, and tells which key may sign which size', async () => {
    const [first, second] = [signer('default'), signer('gm')];
    const genesis = await signKeyLogEntry({ origin: ORIGIN, size: 0, time: '2026-01-01T00:00:00.000Z' }, { new: first });
    const rotation = await signKeyLogEntry({ origin: ORIGIN, size: 1000, time: '2026-06-01T00:00:00.000Z' }, { old: first, new: second });
    expect(rotation.startsWith(`${KEY_LOG_FORMAT}\norigin ${ORIGIN}\nold ${ORIGIN}+`)).toBe(true);
    expect(openKeyLogEntry(rotation).size).toBe(1000);
    const periods = verifyKeyLog([genesis, rotation], verifierKeyOf(first));
    expect(periods.map((p) => [p.key.alg, p.fromSize, p.toSize])).toEqual([['ed25519', 0, 1000], ['sm2', 1000, undefined]]);
    expect(keysForSize(periods, 999).map((k) => k.alg)).toEqual(['ed25519']);
    expect(keysForSize(periods, 1000).map((k) => k.alg)).toEqual(['ed25519', 'sm2']);
    expect(keysForSize(periods, 1001).map((k) => k.alg)).toEqual(['sm2']);
  });

  it('refuses a rotation signed by the new key alone, a log starting from an untrusted key, and one that skips a hand-over', async () => {
    const [a, b, c] = [signer('default'), signer('default'), signer('gm')];
    const genesis = await signKeyLogEntry({ origin: ORIGIN, size: 0, time: '2026-01-01T00:00:00.000Z' }, { new: a });
    const rotation = await signKeyLogEntry({ origin: ORIGIN, size: 5, time: '2026-02-01T00:00:00.000Z' }, { old: a, new: b });
    const lines = rotation.split('\n');
    const newOnly = [...lines.slice(0, -3), lines.at(-2), ''].join('\n');
    expect(() => openKeyLogEntry(newOnly)).toThrow('旧密钥和新密钥共同签名');
    expect(() => verifyKeyLog([genesis], verifierKeyOf(c))).toThrow('受信任的初始密钥');
    const skip = await signKeyLogEntry({ origin: ORIGIN, size: 9, time: '2026-03-01T00:00:00.000Z' }, { old: c, new: b });
    expect(() => verifyKeyLog([genesis, skip], verifierKeyOf(a))).toThrow('未由当时的密钥交接');
  });
});
