import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The placeholder of the built index.html that each response replaces with its own CSP nonce. */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

export interface ConsoleAsset {
  type: string;
  body: Buffer;
}

/**
 * The built console, read once: only files that exist at start can be served (no path from a request ever
 * reaches the file system), index.html for every other route of the single-page app.
 */
export class ConsoleAssets {
  private readonly files = new Map<string, ConsoleAsset>();
  private readonly index: string | null;

  constructor(dir: string) {
    this.index = existsSync(join(dir, 'index.html')) ? readFileSync(join(dir, 'index.html'), 'utf8') : null;
    if (this.index) this.collect(dir, dir);
  }

  get built(): boolean {
    return this.index !== null;
  }

  /** A static file of the build by its path under /console/ (e.g. `assets/index-3f2a.js`), or undefined. */
  file(path: string): ConsoleAsset | undefined {
    return path === 'index.html' ? undefined : this.files.get(path);
  }

  /** The page with a fresh nonce, and that nonce (for the style-src of its CSP). */
  page(): { html: string; nonce: string } {
    const nonce = randomBytes(16).toString('base64');
    return { html: (this.index ?? '').replaceAll(NONCE_PLACEHOLDER, nonce), nonce };
  }

  private collect(root: string, dir: string): void {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) this.collect(root, path);
      else this.files.set(relative(root, path).split(sep).join('/'), { type: TYPES[extname(name)] ?? 'application/octet-stream', body: readFileSync(path) });
    }
  }
}
