import { DomainError, UUID_PATTERN } from '@app/common';
import { PublicConsultationService } from '@app/participation';
import { Controller, Get, Param, Query, RequestMethod, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth';
import { ConsultationsQuery } from '../consultations/dto/public-comment.dto';
import { PUBLIC_WEB_CSS, PUBLIC_WEB_JS } from './public-web.assets';
import { consultationListPage, consultationPage, notFoundPage } from './public-web.pages';

/** Routes of the public page, outside the /api prefix (configureApiApp excludes them). */
export const PUBLIC_WEB_ROUTES = [
  { path: '/', method: RequestMethod.GET },
  { path: 'consultations/:decisionId', method: RequestMethod.GET },
  { path: 'assets/:file', method: RequestMethod.GET },
  { path: 'favicon.ico', method: RequestMethod.GET },
];

// Nothing but our own origin: no inline code, no external resources.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const ASSET_FILES: Record<string, { type: string; body: string }> = {
  'public-consultation.css': { type: 'text/css; charset=utf-8', body: PUBLIC_WEB_CSS },
  'public-consultation.js': { type: 'text/javascript; charset=utf-8', body: PUBLIC_WEB_JS },
};

function send(res: Response, status: number, type: string, body: string): void {
  res.status(status);
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.send(body);
}

/** The public web page in Chinese: open consultations and a comment form posting to the public API. */
@ApiExcludeController()
@Public()
@Controller()
export class PublicWebController {
  constructor(private readonly consultations: PublicConsultationService) {}

  @Get()
  async list(@Query() query: ConsultationsQuery, @Res() res: Response) {
    const { items } = await this.consultations.list(query.jurisdiction);
    send(res, 200, 'text/html; charset=utf-8', consultationListPage(items, query.jurisdiction));
  }

  @Get('consultations/:decisionId')
  async consultation(@Param('decisionId') id: string, @Query() query: ConsultationsQuery, @Res() res: Response) {
    try {
      if (!UUID_PATTERN.test(id)) throw DomainError.notFound('consultation');
      send(res, 200, 'text/html; charset=utf-8', consultationPage(await this.consultations.get(id), query.jurisdiction));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'NOT_FOUND') throw error;
      send(res, 404, 'text/html; charset=utf-8', notFoundPage());
    }
  }

  /** Browsers ask for it on every page: no icon, and no 404 in their console. */
  @Get('favicon.ico')
  favicon(@Res() res: Response) {
    res.status(204).setHeader('Cache-Control', 'public, max-age=86400');
    res.end();
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: Response) {
    const asset = Object.hasOwn(ASSET_FILES, file) ? ASSET_FILES[file] : undefined;
    if (!asset) throw DomainError.notFound('asset');
    res.setHeader('Cache-Control', 'public, max-age=300');
    send(res, 200, asset.type, asset.body);
  }
}
