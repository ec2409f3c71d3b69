import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deviceSigner, type CryptoProfileId, type NoteSigner } from './crypto-provider';
import { dossierFiles, dossierMaterialPath, formatTlogProof } from './dossier-files';
import { sm2Scheme } from './sm2.scheme';
import { DECISION_ID, syntheticTrail, writeSyntheticDossier } from './testing/dossier-fixture';
import { OpenSsl } from './testing/openssl';

/** Runs a verifier in the dossier folder: its exit code and what it printed. */
function run(dir: string, command: 'node' | 'sh', ...args: string[]): { status: number | null; output: string } {
  const script = command === 'node' ? 'verify.mjs' : 'verify.sh';
  const r = spawnSync(command === 'node' ? process.execPath : 'sh', [script, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, output: r.stdout + r.stderr };
}

/** Flips one bit of the byte at `at` (default: the middle) of a file of the dossier. */
function flip(dir: string, path: string, at?: number): void {
  const bytes = readFileSync(join(dir, path));
  bytes[at ?? bytes.length >> 1] ^= 0x01;
  writeFileSync(join(dir, path), bytes);
}

const profiles: CryptoProfileId[] = ['default', 'gm'];
const verifiers = ['node', 'sh'] as const;

describe(dossierFiles.name, () => {
  const dirs: string[] = [];
  const fresh = async (profile: CryptoProfileId, mixed = false, signer?: NoteSigner) => {
    const d = await writeSyntheticDossier(profile, { mixed, signer });
    dirs.push(d.dir);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  describe.each(profiles)('the %s profile', (profile) => {
    it.each(verifiers)('verifies intact with %s, exit 0', async (verifier) => {
      const { dir, vkey } = await fresh(profile);
      const result = run(dir, verifier);
      expect(result).toEqual({ status: 0, output: expect.stringContaining('核验通过') });
      expect(result.output).toContain(vkey);
      expect(run(dir, verifier, ...(verifier === 'node' ? ['--key', vkey] : [vkey])).status).toBe(0);
    });

    it.each(verifiers)('fails with %s when one byte of an event, a material, a proof or the checkpoint is flipped', async (verifier) => {
      const { dir } = await fresh(profile);
      const material = readFileSync(join(dir, 'materials.txt'), 'utf8').split('\n')[0].split(' ')[2];
      const targets: [string, number | undefined, RegExp][] = [
        ['events/000002.json', undefined, /第 2 条记录/],
        [material, undefined, /材料/],
        ['proofs/000004.tlog-proof', 40, /包含证明|base64/],
        ['checkpoint.txt', 36, /检查点|包含证明/],
        ['checkpoint.txt', -12, /检查点|签名/],
      ];
      for (const [path, at, reason] of targets) {
        const bytes = readFileSync(join(dir, path));
        flip(dir, path, at === undefined ? undefined : (at + bytes.length) % bytes.length);
        const result = run(dir, verifier);
        expect({ path, ...result }).toEqual({ path, status: 1, output: expect.stringMatching(reason) });
        writeFileSync(join(dir, path), bytes);
      }
      expect(run(dir, verifier).status).toBe(0);
    });

    it.each(verifiers)('fails with %s when the checkpoint key is not the one pinned', async (verifier) => {
      const { dir } = await fresh(profile);
      const other = await fresh(profile);
      expect(run(dir, verifier, ...(verifier === 'node' ? ['--key', other.vkey] : [other.vkey]))).toEqual({ status: 1, output: expect.stringContaining('没有任何受信任公钥的有效签名') });
    });
  });

  it('is verified by node verify.mjs alone when the manifest is altered but the event files are not', async () => {
    const { dir } = await fresh('default');
    const manifest = readFileSync(join(dir, 'manifest.json'), 'utf8');
    writeFileSync(join(dir, 'manifest.json'), manifest.replace('"张三"', '"李四"'));
    expect(run(dir, 'node')).toEqual({ status: 1, output: expect.stringContaining('规范化文本不符') });
  });

  it('verifies a trail whose first events have no alg (SHA-256) and later ones SM3', async () => {
    const { dir } = await fresh('gm', true);
    expect(readFileSync(join(dir, 'chain.txt'), 'utf8')).toMatch(/^1 sha256 [0-9a-f]{64} 0{64}$/m);
    for (const verifier of verifiers) expect(run(dir, verifier).status).toBe(0);
  });

  it('verifies with its BigInt SM2 code a checkpoint signed by openssl acting as the signing device', async () => {
    const openssl = new OpenSsl();
    try {
      openssl.run('genpkey', '-algorithm', 'SM2', '-out', 'device.pem');
      const publicKey = sm2Scheme.publicKeyFromPem(openssl.run('pkey', '-in', 'device.pem', '-pubout').toString());
      const device = deviceSigner({
        name: 'decisions.example.gov.cn/county-a', alg: 'sm2', publicKey,
        signRaw: async (message) => {
          openssl.file('message', message);
          return openssl.run('dgst', '-sm3', '-sign', 'device.pem', '-sigopt', 'distid:1234567812345678', 'message');
        },
      });
      const { dir } = await fresh('gm', false, device);
      expect(run(dir, 'node')).toEqual({ status: 0, output: expect.stringContaining('核验通过') });
    } finally {
      openssl.dispose();
    }
  });

  it('keeps material names inside materials/ and writes proofs in the c2sp tlog-proof format', () => {
    expect(dossierMaterialPath({ id: 'm/1', filename: '../../etc/passwd', size: 1 })).toBe('materials/m_1-____etc_passwd');
    expect(formatTlogProof(3, [Buffer.alloc(32, 1)], 'note\n\n— k AAAAAAE=\n')).toBe(`c2sp.org/tlog-proof@v1\nindex 3\n${Buffer.alloc(32, 1).toString('base64')}\n\nnote\n\n— k AAAAAAE=\n`);
  });

  it('refuses to build from a trail that is not one chain of the decision', async () => {
    const events = syntheticTrail('default', 3);
    const input = { decision: { id: DECISION_ID }, events: [events[0], events[2]], materials: [], readMaterial: async () => new Uint8Array(), checkpointNote: '', proofs: [], keys: [] };
    await expect(dossierFiles(input).next()).rejects.toThrow(/not the next link/);
  });
});
