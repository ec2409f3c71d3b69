import { cryptoProvider, formatVerifierKey, signatureScheme, verifierKeyOf, type CryptoProfileId, type NoteSigner, type SignatureAlgorithm } from '@app/audit';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where checkpoints get their signatures. The software implementation below keeps the private key
 * like the JWT secret (generated once under DATA_DIR, or CHECKPOINT_SIGNING_KEY); a certified
 * signing device (HSM, 密码机, signing server) is plugged in by providing another
 * `CheckpointSigners` (Nest: `{ provide: CheckpointSigners, useValue: … }`) whose `current()`
 * answers a `deviceSigner(…)` of libs/audit: the device only ever signs, and each signature is
 * checked against the registered public key before it is stored. See docs/checkpoints.md.
 */
export abstract class CheckpointSigners {
  /** The key that signs from now on. */
  abstract current(): NoteSigner;
  /** A key this deployment had before (to hand over to its successor in the key log), by vkey. */
  abstract retired(vkey: string): NoteSigner | undefined;
}

/** Software keys: `<dataDir>/checkpoint-keys/<alg>.key` (hex, 0600), retired ones under `retired/`. */
export class FileCheckpointSigners extends CheckpointSigners {
  private readonly dir: string;
  private signer: { hex: string; signer: NoteSigner } | undefined;

  constructor(private readonly options: { dataDir: string; profile: CryptoProfileId; name: string; privateKeyHex?: string }) {
    super();
    this.dir = join(options.dataDir, 'checkpoint-keys');
  }

  private get alg(): SignatureAlgorithm {
    return cryptoProvider(this.options.profile).profile.signature;
  }

  /** Read at every call (a key rotated by `npm run checkpoint-key -- rotate` is used from the next checkpoint on, without a restart). */
  current(): NoteSigner {
    const hex = this.options.privateKeyHex ?? this.readOrCreate();
    if (this.signer?.hex !== hex) this.signer = { hex, signer: this.signerOf(this.alg, Buffer.from(hex, 'hex')) };
    return this.signer.signer;
  }

  retired(vkey: string): NoteSigner | undefined {
    const candidates: [SignatureAlgorithm, string][] = [];
    for (const alg of ['ed25519', 'sm2'] as const) {
      const active = readKey(join(this.dir, `${alg}.key`));
      if (active) candidates.push([alg, active]);
    }
    const retiredDir = join(this.dir, 'retired');
    for (const file of safeList(retiredDir)) {
      const alg = file.split('-')[0] as SignatureAlgorithm;
      const hex = readKey(join(retiredDir, file));
      if ((alg === 'ed25519' || alg === 'sm2') && hex) candidates.push([alg, hex]);
    }
    for (const [alg, hex] of candidates) {
      const signer = this.signerOf(alg, Buffer.from(hex, 'hex'));
      if (formatVerifierKey(verifierKeyOf(signer)) === vkey) return signer;
    }
    return undefined;
  }

  /**
   * A new key for the profile's algorithm; the old one moves to retired/ (kept: it signs the
   * handover in each jurisdiction's key log at the next checkpoint). Refused with CHECKPOINT_SIGNING_KEY.
   */
  rotate(): NoteSigner {
    if (this.options.privateKeyHex) throw new Error('CHECKPOINT_SIGNING_KEY is set: rotate by setting a new key (and keep the old one in checkpoint-keys/retired/)');
    const old = this.current();
    mkdirSync(join(this.dir, 'retired'), { recursive: true, mode: 0o700 });
    const keyId = verifierKeyOf(old).keyId.toString(16).padStart(8, '0');
    renameSync(join(this.dir, `${this.alg}.key`), join(this.dir, 'retired', `${this.alg}-${keyId}.key`));
    this.signer = undefined;
    return this.current();
  }

  private signerOf(alg: SignatureAlgorithm, privateKey: Uint8Array): NoteSigner {
    const publicKey = signatureScheme(alg).publicKeyOf(privateKey);
    const scheme = signatureScheme(alg);
    return { name: this.options.name, alg, publicKey, sign: async (message) => scheme.sign(privateKey, message) };
  }

  private readOrCreate(): string {
    const file = join(this.dir, `${this.alg}.key`);
    const existing = readKey(file);
    if (existing) return existing;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const hex = Buffer.from(signatureScheme(this.alg).generateKeyPair().privateKey).toString('hex');
    try {
      // 'wx': another process that made one meanwhile wins, and its key is read back.
      writeFileSync(file, `${hex}\n`, { flag: 'wx', mode: 0o600 });
      return hex;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return readKey(file)!;
    }
  }
}

function readKey(file: string): string | undefined {
  try {
    const hex = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} does not hold a 64-hex-digit private key`);
    return hex;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.key')).sort();
  } catch {
    return [];
  }
}
