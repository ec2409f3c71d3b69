import { join } from 'node:path';
import { ENV_DEFAULTS } from './env.validation';
import { readOrCreateSecret } from './secret-file';

/**
 * The HS256 secret: JWT_SECRET when set, else one generated once under DATA_DIR, so tokens minted
 * by `npm run token` and by an earlier run stay valid. Shared by the app and the token CLI.
 */
export function resolveJwtSecret(env: { JWT_SECRET?: string; DATA_DIR?: string } = process.env): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  return readOrCreateSecret(join(env.DATA_DIR || ENV_DEFAULTS.DATA_DIR, 'jwt-secret'));
}
