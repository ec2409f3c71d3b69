import { join } from 'node:path';
import { ConfigValidationError, ENV_DEFAULTS, MIN_JWT_SECRET_BYTES } from './env.validation';
import { readOrCreateSecret } from './secret-file';

/**
 * The HS256 secret: JWT_SECRET when set, else one generated once under DATA_DIR, so tokens minted
 * by `npm run token` and by an earlier run stay valid. Shared by the app and the token CLI.
 */
export function resolveJwtSecret(env: { JWT_SECRET?: string; DATA_DIR?: string } = process.env): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  const file = join(env.DATA_DIR || ENV_DEFAULTS.DATA_DIR, 'jwt-secret');
  const secret = readOrCreateSecret(file);
  // A file written by hand is held to the rule of JWT_SECRET.
  if (Buffer.byteLength(secret, 'utf8') < MIN_JWT_SECRET_BYTES) {
    throw new ConfigValidationError(`Invalid configuration: ${file} holds a secret shorter than ${MIN_JWT_SECRET_BYTES} bytes; delete it to generate a new one`);
  }
  return secret;
}
