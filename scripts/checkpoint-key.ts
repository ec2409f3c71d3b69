import { formatVerifierKey, verifierKeyOf } from '@app/audit';
import { ConfigValidationError, loadAppConfig } from '@app/config';
import { FileCheckpointSigners } from '../libs/archive/src/checkpoints/signing-keys';

// npm run checkpoint-key -- show | rotate
const USAGE = `Usage: npm run checkpoint-key -- show | rotate
  show    print the vkey of the checkpoint signing key (DATA_DIR/checkpoint-keys, or CHECKPOINT_SIGNING_KEY)
  rotate  make a new key; the old one moves to DATA_DIR/checkpoint-keys/retired/ and signs, with the new one,
          the handover recorded in each jurisdiction's key log at its next checkpoint (GET /api/audit/keys)`;

function main(): number {
  const command = process.argv[2];
  if (command !== 'show' && command !== 'rotate') {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  const config = loadAppConfig(process.env);
  const signers = new FileCheckpointSigners({ dataDir: config.dataDir, profile: config.cryptoProfile, name: config.checkpoints.origin, privateKeyHex: config.checkpoints.signingKey });
  const before = formatVerifierKey(verifierKeyOf(signers.current()));
  if (command === 'show') {
    process.stdout.write(`${before}\n`);
    return 0;
  }
  const after = formatVerifierKey(verifierKeyOf(signers.rotate()));
  process.stdout.write(`old ${before}\nnew ${after}\n`);
  return 0;
}

try {
  process.exit(main());
} catch (err) {
  process.stderr.write(`${err instanceof ConfigValidationError ? err.message : `checkpoint-key: ${(err as Error).message}`}\n`);
  process.exit(1);
}
