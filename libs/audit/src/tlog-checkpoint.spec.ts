import { cryptoProvider, type CryptoProfileId } from './crypto-provider';
import { NoteError, verifierKeyOf } from './signed-note';
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint, type Checkpoint } from './tlog-checkpoint';

const ORIGIN = 'decisions.example.gov.cn/county-a';
const signer = (id: CryptoProfileId) => {
  const p = cryptoProvider(id);
  return p.softwareSigner(ORIGIN, p.generateKeyPair().privateKey);
};
const checkpoint = (over: Partial<Checkpoint> = {}): Checkpoint => ({
  origin: ORIGIN, size: 20852163, root: Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64'), hash: 'sha256', time: '2026-11-24T07:00:00.000Z', ...over,
});

describe(formatCheckpoint.name, () => {
  it('writes origin, size, base64 root, then the hash and time extension lines', () => {
    expect(formatCheckpoint(checkpoint())).toBe(`${ORIGIN}\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\nhash sha256\ntime 2026-11-24T07:00:00.000Z\n`);
  });

  it('refuses fields a strict parser could not read back', () => {
    expect(() => formatCheckpoint(checkpoint({ origin: 'has space' }))).toThrow(NoteError);
    expect(() => formatCheckpoint(checkpoint({ size: -1 }))).toThrow(NoteError);
    expect(() => formatCheckpoint(checkpoint({ root: new Uint8Array(31) }))).toThrow(NoteError);
    expect(() => formatCheckpoint(checkpoint({ time: '2026-11-24T07:00:00Z' }))).toThrow(NoteError);
    expect(() => formatCheckpoint(checkpoint({ hash: 'md5' as never }))).toThrow(NoteError);
  });
});

describe(parseCheckpoint.name, () => {
  it('reads back what formatCheckpoint wrote, and refuses every variation of it', () => {
    const text = formatCheckpoint(checkpoint({ hash: 'sm3', size: 0 }));
    expect(parseCheckpoint(text)).toEqual(checkpoint({ hash: 'sm3', size: 0, root: Uint8Array.from(checkpoint().root) }));
    const variations = [
      text.replace('\n0\n', '\n00\n'),
      text.replace('\n0\n', '\n+0\n'),
      text.replace('hash sm3', 'hash  sm3'),
      text.replace('hash sm3\n', ''),
      text + 'extra\n',
      text.slice(0, -1),
      text.replace('=\n', '\n'),
      text.replace('time 2026-11-24T07:00:00.000Z', 'time 2026-02-30T07:00:00.000Z'),
    ];
    for (const v of variations) expect(() => parseCheckpoint(v)).toThrow(NoteError);
  });
});

describe(openCheckpoint.name, () => {
  it.each<CryptoProfileId>(['default', 'gm'])('opens a checkpoint signed with the %s profile, for its origin only', async (id) => {
    const s = signer(id);
    const note = await signCheckpoint(checkpoint({ hash: cryptoProvider(id).profile.hash }), [s]);
    expect(openCheckpoint(note, [verifierKeyOf(s)], ORIGIN).checkpoint.size).toBe(20852163);
    expect(() => openCheckpoint(note, [verifierKeyOf(s)], 'other.example/log')).toThrow('不是 other.example/log');
    expect(() => openCheckpoint(note.replace('20852163', '20852162'), [verifierKeyOf(s)])).toThrow('签名验证失败');
  });
});
