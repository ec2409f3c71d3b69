import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The openssl CLI of this machine: an independent implementation to cross-check signatures with. */
export class OpenSsl {
  readonly dir = mkdtempSync(join(tmpdir(), 'audit-openssl-'));

  file(name: string, content: Uint8Array | string): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }

  read(name: string): Buffer {
    return readFileSync(join(this.dir, name));
  }

  /** Runs openssl; returns stdout, throws on a non-zero exit. */
  run(...args: string[]): Buffer {
    return execFileSync('openssl', args, { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Runs openssl; true when it exits 0 (for verification commands). */
  succeeds(...args: string[]): boolean {
    return spawnSync('openssl', args, { cwd: this.dir, stdio: 'ignore' }).status === 0;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
