/// <reference types="multer" />
import { DomainError } from '@app/common';
import { MaterialService } from '@app/materials';
import type { Actor } from '@app/procedure';
import { Controller, Get, Logger, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor } from '../auth';
import { setDownloadHeaders } from '../http/download-headers';
import { sendStream } from '../http/send-stream';
import { UuidParam } from '../http/uuid-param';
import { MATERIALS_MAX_BYTES, type StoredUpload } from './material-upload.storage';


/** Materials: upload once, cite by id in events; the trail carries their SHA-256. */
@ApiTags('materials')
@ApiBearerAuth()
@Controller('materials')
export class MaterialsController {
  private readonly logger = new Logger(MaterialsController.name);

  constructor(private readonly materials: MaterialService) {}

  @Post()
  @ApiOperation({ summary: '上传材料（返回编号及 SHA-256，事项中按编号引用）' })
  @ApiCreatedResponse({ schema: { $ref: '#/components/schemas/MaterialStored' } })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  // defParamCharset: browsers send UTF-8 filenames (中文文件名), busboy would read them as latin1.
  // The file streams into storage while hashed (MaterialUploadStorage, registered with the module): one past the
  // limit lets busboy stop the part and the storage refuse it; over the jurisdiction's quota: 413 MATERIALS_QUOTA_EXCEEDED.
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MATERIALS_MAX_BYTES + 1, files: 1, fields: 5 }, defParamCharset: 'utf8' } as object))
  upload(@UploadedFile() file: StoredUpload | undefined, @CurrentActor() actor: Actor) {
    if (actor.roles.every((r) => r === 'auditor')) throw new DomainError('FORBIDDEN_ROLE', '审计人员只读，不能上传材料');
    if (!file) throw DomainError.validation('multipart field "file" is required', 'file');
    const m = file.material;
    return { id: m.id, sha256: m.sha256, size: m.size, filename: m.filename };
  }

  @Get(':id')
  @ApiOperation({ summary: '下载材料（X-Content-SHA256 头为其哈希）' })
  @ApiOkResponse({ description: '材料原文件', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  async download(@UuidParam() id: string, @CurrentActor() actor: Actor, @Res() res: Response) {
    const m = await this.materials.open(id, actor);
    setDownloadHeaders(res, m);
    // streamed as read; a stored file that no longer matches its hash breaks the download off (headers are out)
    await sendStream(res, m.bytes(), this.logger, 'material');
  }
}
