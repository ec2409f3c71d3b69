import { digest, digestHex, isHashAlgorithm } from './hash-algorithms';

describe(digestHex.name, () => {
  it('is SM3 of GB/T 32905-2016 Appendix A: "abc" and the 64-byte "abcd"×16', () => {
    expect(digestHex('sm3', 'abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(digestHex('sm3', 'abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('is SHA-256 of FIPS 180-2: "abc" and the 448-bit message', () => {
    expect(digestHex('sha256', 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(digestHex('sha256', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('hashes text as UTF-8 and gives the same digest as raw bytes', () => {
    expect(digestHex('sm3', '重大行政决策')).toBe(digestHex('sm3', Buffer.from('重大行政决策', 'utf8')));
    expect(Buffer.from(digest('sm3', 'abc')).toString('hex')).toBe(digestHex('sm3', 'abc'));
  });

  it('refuses an algorithm it does not know, even one node:crypto has', () => {
    expect(() => digestHex('md5' as never, 'abc')).toThrow(/unknown hash algorithm/);
    expect(isHashAlgorithm('sha1')).toBe(false);
    expect(isHashAlgorithm('sm3')).toBe(true);
  });
});
