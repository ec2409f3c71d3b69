import { RULES } from '@app/procedure';
import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { EVENT_DTOS } from './dto/event.dtos';
import { EVENT_EXAMPLES } from './dto/event-examples';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** One body schema per event type: `{type: <EVENT>, ...that event's fields}`. */
function eventBodySchema() {
  return {
    oneOf: Object.entries(EVENT_DTOS).map(([type, dto]) => ({
      title: type,
      allOf: [{ type: 'object', required: ['type'], properties: { type: { type: 'string', enum: [type] } } }, ref(dto!.name)],
      example: { type, ...EVENT_EXAMPLES[type as keyof typeof EVENT_EXAMPLES] },
    })),
    discriminator: { propertyName: 'type' },
  };
}

const error = (status: number, code: string, message: string, reasons?: { code: string; message: string }[]) => ({
  status,
  description: `${code}: ${message}`,
  content: { 'application/json': { example: { statusCode: status, code, message, ...(reasons ? { reasons } : {}) } } },
});

/** OpenAPI of POST /decisions/:id/events: every event's body, every error code, Chinese examples. */
export function ApiDecisionEvents() {
  const ruleCodes = Object.keys(RULES).filter((c) => !['FORBIDDEN_ROLE', 'SEPARATION_OF_DUTIES'].includes(c));
  return applyDecorators(
    ApiBody({
      description: '事项类型 `type` 及该事项的字段（每种事项一个结构）',
      schema: eventBodySchema() as never,
      examples: Object.fromEntries(Object.keys(EVENT_DTOS).map((type) => [type, { summary: type, value: { type, ...EVENT_EXAMPLES[type as keyof typeof EVENT_EXAMPLES] } }])),
    }),
    ApiHeader({ name: 'If-Match', required: false, description: '决策当前版本，如 "3"；版本已变化时返回 409 VERSION_CONFLICT' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: '幂等键：重复请求返回首次结果，不再重复记录' }),
    ApiResponse({ status: 200, description: '已记录：`{decision, event:{seq, type, hash}}`' }),
    ApiResponse(error(400, 'VALIDATION_FAILED', 'undertakingUnit should not be empty')),
    ApiResponse(error(401, 'UNAUTHENTICATED', '缺少或无效的访问令牌')),
    ApiResponse(error(403, 'FORBIDDEN_ROLE', RULES.FORBIDDEN_ROLE)),
    ApiResponse(error(404, 'NOT_FOUND', 'decision not found')),
    ApiResponse(error(409, 'VERSION_CONFLICT', '版本已变化：当前版本为 5，请求基于版本 4')),
    ApiResponse({
      ...error(422, 'LEGALITY_REVIEW_REQUIRED', RULES.LEGALITY_REVIEW_REQUIRED, [
        { code: 'STEPS_NOT_SETTLED', message: RULES.STEPS_NOT_SETTLED },
        { code: 'LEGALITY_REVIEW_REQUIRED', message: RULES.LEGALITY_REVIEW_REQUIRED },
      ]),
      description: `程序规则拒绝：code 为第一条未满足的规则，reasons 列出全部。可能的 code：${ruleCodes.join(', ')}`,
    }),
  );
}

/** Add the JSON schemas of every event DTO (from their class-validator rules) to the OpenAPI document. */
export function addEventSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = validationMetadatasToSchemas({ classValidatorMetadataStorage: getMetadataStorage(), refPointerPrefix: '#/components/schemas/' });
  document.components = { ...document.components, schemas: { ...(document.components?.schemas ?? {}), ...(schemas as object) } };
  return document;
}
