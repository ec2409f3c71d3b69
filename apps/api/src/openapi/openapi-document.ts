import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { addEventSchemas } from '../decisions/decisions.openapi';
import { annotateOperationAccess } from './operation-roles';
import { RESPONSE_SCHEMAS } from './response-schemas';

/** The OpenAPI document of the API (served at /api/docs-json, snapshotted for the console's typed client). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('重大行政决策程序引擎 API')
    .setDescription(
      [
        'Workflow engine for 重大行政决策程序. 错误：`{statusCode, code, message, reasons?}`（中文说明，`Accept-Language: en` 时为英文）。',
        '每个操作的 `x-roles` 说明允许的角色（`any`：任何已登录用户，`public`：无需登录）；提交事项时各事项允许的角色见请求体各结构的 `x-roles`。',
        '本文档的 JSON 版本：`/api/docs-json`。',
      ].join('\n\n'),
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  const document = addEventSchemas(SwaggerModule.createDocument(app, config));
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...RESPONSE_SCHEMAS } };
  return annotateOperationAccess(app, document);
}
