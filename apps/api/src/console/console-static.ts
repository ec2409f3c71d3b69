import type { INestApplicationContext } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ConsoleAssets } from './console-assets';
import { consoleCsp } from './console-csp';
import { CONSOLE_SETTINGS, type ConsoleSettings } from './console-settings';

function secure(res: Response, csp: string): Response {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  return res;
}

/**
 * The staff console at /console (same origin as the API): its built files, and index.html with a fresh
 * CSP nonce for every other path, so the single-page app's routes survive a reload.
 */
export function serveConsole(app: INestApplicationContext) {
  const assets = app.get(ConsoleAssets);
  const settings = app.get<ConsoleSettings>(CONSOLE_SETTINGS);
  const strict = consoleCsp('none', null);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const name = decodeURIComponent(req.path).replace(/^\/+/, '');
    const asset = assets.file(name);
    if (asset) {
      // vite names built assets by their content hash: they never change under one name
      res.setHeader('Cache-Control', name.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      secure(res, strict).type(asset.type).send(asset.body);
    } else if (name.startsWith('assets/')) {
      secure(res, strict).status(404).type('text/plain; charset=utf-8').send('未找到该文件');
    } else if (!assets.built) {
      secure(res, strict).status(503).type('text/plain; charset=utf-8').send('控制台尚未构建：请先运行 npm run build');
    } else {
      const { html, nonce } = assets.page();
      res.setHeader('Cache-Control', 'no-store');
      secure(res, consoleCsp(nonce, settings.oidc?.issuer ?? null)).type('text/html; charset=utf-8').send(html);
    }
  };
}
