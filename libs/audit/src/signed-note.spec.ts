import { cryptoProvider, type CryptoProfileId } from './crypto-provider';
import { formatVerifierKey, NoteError, noteKeyId, parseNote, parseVerifierKey, signNote, verifierKeyOf, verifyNote } from './signed-note';

const profiles: CryptoProfileId[] = ['default', 'gm'];
const signerOf = (id: CryptoProfileId, name = 'example.org/decisions/county-a') => {
  const provider = cryptoProvider(id);
  return provider.softwareSigner(name, provider.generateKeyPair().privateKey);
};

describe(verifyNote.name, () => {
  it('verifies the example note of c2sp.org/signed-note with its published vkey', () => {
    const key = parseVerifierKey('example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k');
    const note = 'This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
    expect(verifyNote(note, [key])).toEqual({ text: 'This is an example message.\n', verifiedBy: [key] });
    expect(() => verifyNote(note.replace('example message', 'example massage'), [key])).toThrow(NoteError);
  });

  it.each(profiles)('signs and verifies with the %s profile; any flipped byte of the note is refused', async (id) => {
    const signer = signerOf(id);
    const key = verifierKeyOf(signer);
    const note = await signNote('第一行\n\n第三行，正文可有空行\n', [signer]);
    expect(verifyNote(note, [key]).text).toBe('第一行\n\n第三行，正文可有空行\n');
    const bytes = Buffer.from(note, 'utf8');
    for (let i = 0; i < bytes.length; i++) {
      const altered = Buffer.from(bytes);
      altered[i] ^= 0x01;
      expect(() => verifyNote(altered, [key])).toThrow(NoteError);
    }
  });

  it('ignores signatures of unknown keys, refuses a note no trusted key signed, and one whose known signature fails', async () => {
    const [a, b] = [signerOf('default', 'a.example'), signerOf('gm', 'b.example')];
    const note = await signNote('text\n', [a, b]);
    expect(verifyNote(note, [verifierKeyOf(b)]).verifiedBy.map((k) => k.name)).toEqual(['b.example']);
    expect(() => verifyNote(note, [verifierKeyOf(signerOf('default', 'c.example'))])).toThrow('没有任何受信任密钥的有效签名');
    // Same name and id as a trusted key, other signature bytes: the whole note is refused.
    const forged = (await signNote('text\n', [signerOf('default', 'a.example')])).replace(/^— a\.example \S+$/m, note.split('\n')[2]);
    expect(() => verifyNote(forged.replace('text', 'next'), [verifierKeyOf(a)])).toThrow('签名验证失败');
  });
});

describe(parseNote.name, () => {
  it('refuses notes that are not exactly in the C2SP format', () => {
    const sig = '\u2014 k.example AAAAAAE=';
    const bad = [
      'no blank line\n' + sig + '\n',
      'text\n\n' + sig, // no final newline
      'text\n\n\u2014 k.example AAAAAA==\n', // signature shorter than a key id and one byte
      'text\n\n- k.example AAAAAAE=\n', // hyphen, not em dash
      'text\n\n\u2014 k+example AAAAAAE=\n', // plus in the key name
      'text\n\n\u2014 k.example AAAAAAE\n', // unpadded base64
      'te\txt\n\n' + sig + '\n', // control character
      'text\n\n' + sig + '\n\n', // empty signature line
    ];
    for (const note of bad) expect(() => parseNote(note)).toThrow(NoteError);
    expect(() => parseNote(Buffer.from([0x74, 0xff, 0x0a, 0x0a]))).toThrow('UTF-8');
    expect(parseNote('text\n\n' + sig + '\n').signatures).toEqual([{ name: 'k.example', keyId: 0, signature: Uint8Array.of(1) }]);
  });
});

describe(parseVerifierKey.name, () => {
  it.each(profiles)('round-trips the vkey of a %s key, whose id is SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4]', (id) => {
    const key = verifierKeyOf(signerOf(id));
    expect(parseVerifierKey(formatVerifierKey(key))).toEqual(key);
    expect(key.keyId).toBe(noteKeyId(key.name, key.alg, key.publicKey));
  });

  it('gives SM2 keys the type 0xff ‖ DER(OID 1.2.156.10197.1.501)', () => {
    const key = verifierKeyOf(signerOf('gm'));
    const bytes = Buffer.from(formatVerifierKey(key).split('+').slice(2).join('+'), 'base64');
    expect(bytes.subarray(0, 11).toString('hex')).toBe('ff06082a811ccf55018375');
    expect(bytes.subarray(11)).toEqual(Buffer.from(key.publicKey));
  });

  it('refuses a vkey whose id does not match, or whose type is unknown', () => {
    const vkey = formatVerifierKey(verifierKeyOf(signerOf('default')));
    const [name, id, ...rest] = vkey.split('+');
    const b64 = rest.join('+');
    expect(() => parseVerifierKey(`${name}+${id === '00000000' ? '00000001' : '00000000'}+${b64}`)).toThrow('密钥标识');
    const unknownType = Buffer.from(b64, 'base64');
    unknownType[0] = 0x02;
    expect(() => parseVerifierKey(`${name}+${id}+${unknownType.toString('base64')}`)).toThrow('签名类型未知');
  });
});
