import type { Response } from 'express';

/** What a stored file's download tells about it. */
export interface DownloadedFile {
  filename: string;
  size: number;
  sha256: string;
}

// The ASCII fallback of filename= for clients without RFC 6266 filename*: no quotes, controls or non-ASCII.
const asciiFallback = (filename: string) => filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_').slice(0, 200) || 'download';

/**
 * Headers of a stored file sent as a download: always `application/octet-stream` (the uploader's
 * Content-Type is never echoed, so a browser cannot be made to render an uploaded page or script),
 * `nosniff`, `attachment` with the UTF-8 name, a sandboxing CSP, and the SHA-256 of the content.
 */
export function setDownloadHeaders(res: Response, file: DownloadedFile): void {
  res.setHeader('Content-Type', 'application/octet-stream');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Disposition', `attachment; filename="${asciiFallback(file.filename)}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Content-Length', String(file.size));
  res.setHeader('Digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`);
  res.setHeader('X-Content-SHA256', file.sha256);
}
