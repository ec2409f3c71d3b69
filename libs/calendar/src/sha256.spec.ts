import { createHash } from 'node:crypto';
import { sha256Hex } from './sha256';

describe(sha256Hex.name, () => {
  it('gives the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it("agrees with node:crypto on UTF-8 text across block boundaries (the test may use Node, the library does not)", () => {
    for (const text of ['a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), '春节'.repeat(333), 'x'.repeat(100_001)]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});
