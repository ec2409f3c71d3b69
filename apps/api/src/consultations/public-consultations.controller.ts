import { PublicConsultationService } from '@app/participation';
import { Body, Controller, Get, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth';
import { UuidParam } from '../http/uuid-param';
import { ConsultationsQuery, PublicCommentDto } from './dto/public-comment.dto';
import { PublicCommentThrottlerGuard } from './public-comment-throttler.guard';

/** Public participation without an account: open consultations and the comment form's endpoint. */
@ApiTags('public consultations')
@Public()
@Controller('public/consultations')
export class PublicConsultationsController {
  constructor(private readonly consultations: PublicConsultationService) {}

  @Get()
  list(@Query() query: ConsultationsQuery) {
    return this.consultations.list(query.jurisdiction);
  }

  @Get(':decisionId')
  get(@UuidParam('decisionId') id: string) {
    return this.consultations.get(id);
  }

  /** The draft file, when the draft of an open consultation is a material. */
  @Get(':decisionId/draft')
  async draft(@UuidParam('decisionId') id: string, @Res() res: Response) {
    const file = await this.consultations.draftFile(id);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    res.setHeader('X-Content-SHA256', file.sha256);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(file.content);
  }

  @Post(':decisionId/comments')
  @UseGuards(PublicCommentThrottlerGuard)
  comment(@UuidParam('decisionId') id: string, @Body() dto: PublicCommentDto) {
    return this.consultations.comment(id, dto);
  }
}
