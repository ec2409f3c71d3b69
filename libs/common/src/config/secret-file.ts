import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Reads a secret kept in `file`, creating it (mode 0600) with random bytes the first time, so it survives restarts. */
export function readOrCreateSecret(file: string, bytes = 32): string {
  const existing = readSecret(file);
  if (existing !== undefined) return existing;
  mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
  const secret = randomBytes(bytes).toString('hex');
  try {
    // 'wx': if another process created it meanwhile, theirs wins and we read it back.
    writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readSecret(file)!;
  }
}

function readSecret(file: string): string | undefined {
  let content: string;
  try {
    content = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (!content) throw new Error(`${file} is empty: delete it to generate a new secret`);
  return content;
}
