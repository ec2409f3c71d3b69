import { CommentTriageService } from '@app/participation';
import type { Actor } from '@app/procedure';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth';
import { UuidParam } from '../http/uuid-param';
import { CommentListQuery, GroupCommentsDto, GroupIdenticalDto, MarkCommentsDto, PageQuery } from './dto/comment-triage.dto';

/**
 * The public's comments on a decision for the users who may see it (contact data: the undertaking unit's drafters only),
 * and their triage by those who may submit its opinion report: groups of identical or similar comments, spam marked
 * (never deleted), every mark kept with who, when and why.
 */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions/:id/comments')
export class DecisionCommentsController {
  constructor(private readonly triage: CommentTriageService) {}

  @Get()
  @ApiOperation({ summary: '公众意见（可按分组、垃圾信息、内容筛选；联系方式仅承办单位起草人员可见）' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/DecisionComments' } })
  comments(@UuidParam() id: string, @Query() q: CommentListQuery, @CurrentActor() actor: Actor) {
    const flag = (value?: 'true' | 'false') => (value === undefined ? undefined : value === 'true');
    const filter = { groupId: q.groupId, contains: q.contains, grouped: flag(q.grouped), spam: flag(q.spam) };
    return this.triage.list(id, actor, filter, { page: q.page, pageSize: q.pageSize });
  }

  /** What the opinion report sent now must account for: the round's comments as groups (spam excluded), with counts and digests. */
  @Get('summary')
  @ApiOperation({ summary: '意见采纳情况报告须逐项说明的内容：本轮意见的分组（不含垃圾信息）、条数和摘要' })
  summary(@UuidParam() id: string, @CurrentActor() actor: Actor) {
    return this.triage.summary(id, actor);
  }

  @Get('marks')
  @ApiOperation({ summary: '意见的分组和垃圾信息标记记录（谁、何时、为何）' })
  marks(@UuidParam() id: string, @Query() q: PageQuery, @CurrentActor() actor: Actor) {
    return this.triage.marks(id, actor, { page: q.page, pageSize: q.pageSize });
  }

  @Post('groups')
  @HttpCode(200)
  @ApiOperation({ summary: '将所列或内容相符的意见归为一组（相同或相近意见）' })
  group(@UuidParam() id: string, @Body() dto: GroupCommentsDto, @CurrentActor() actor: Actor) {
    return this.triage.group(id, actor, dto);
  }

  @Post('groups/identical')
  @HttpCode(200)
  @ApiOperation({ summary: '将内容完全相同的意见各归一组' })
  groupIdentical(@UuidParam() id: string, @Body() dto: GroupIdenticalDto, @CurrentActor() actor: Actor) {
    return this.triage.groupIdentical(id, actor, dto.reason);
  }

  @Post('spam')
  @HttpCode(200)
  @ApiOperation({ summary: '标记垃圾信息（保留记录，不删除）' })
  spam(@UuidParam() id: string, @Body() dto: MarkCommentsDto, @CurrentActor() actor: Actor) {
    return this.triage.markSpam(id, actor, dto.commentIds, dto.reason);
  }

  @Post('ungroup')
  @HttpCode(200)
  @ApiOperation({ summary: '取消意见的分组或垃圾信息标记' })
  ungroup(@UuidParam() id: string, @Body() dto: MarkCommentsDto, @CurrentActor() actor: Actor) {
    return this.triage.ungroup(id, actor, dto.commentIds, dto.reason);
  }
}
