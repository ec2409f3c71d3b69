import { PublicConsultationService } from '@app/participation';
import { Body, Controller, Get, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: '正在公开征求意见的决策草案（非涉密）' })
  list(@Query() query: ConsultationsQuery) {
    return this.consultations.list(query.jurisdiction);
  }

  @Get(':decisionId')
  @ApiOperation({ summary: '一项公开征求意见：草案、起草说明、期限' })
  get(@UuidParam('decisionId') id: string) {
    return this.consultations.get(id);
  }

  /** The draft file, when the draft of an open consultation is a material. */
  @Get(':decisionId/draft')
  @ApiOperation({ summary: '下载征求意见稿文件' })
  async draft(@UuidParam('decisionId') id: string, @Res() res: Response) {
    const file = await this.consultations.draftFile(id);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    res.setHeader('X-Content-SHA256', file.sha256);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(file.content);
  }

  @Post(':decisionId/comments')
  @ApiOperation({ summary: '提交公众意见（期限内；限制频率）' })
  @UseGuards(PublicCommentThrottlerGuard)
  comment(@UuidParam('decisionId') id: string, @Body() dto: PublicCommentDto) {
    return this.consultations.comment(id, dto);
  }
}
