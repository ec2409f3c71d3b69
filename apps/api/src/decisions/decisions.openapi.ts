import { EVENT_ROLES, RULES, type EventType } from '@app/procedure';
import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { EVENT_DTOS } from './dto/event.dtos';
import { EVENT_EXAMPLES } from './dto/event-examples';
import { roleList } from '../openapi/operation-roles';

/** What each event records, in Chinese: the summary of its body schema. */
export const EVENT_SUMMARIES: Record<Exclude<EventType, 'CREATE_DECISION' | 'PUBLIC_COMMENT_ELAPSED'>, string> = {
  ACCEPT_PROPOSAL: '决策立项（确定承办单位）',
  DECLINE_PROPOSAL: '不予立项（说明理由）',
  REVISE_DRAFT: '提交或修改决策草案（新的草案版本及哈希）',
  OPEN_PUBLIC_COMMENT: '公开征求意见（期限一般不少于 30 日）',
  CLOSE_PUBLIC_COMMENT: '结束公开征求意见（期限届满后）',
  SCHEDULE_HEARING: '公布听证会安排',
  RECORD_HEARING: '记录听证会（材料至少提前 7 日送达）',
  SUBMIT_PUBLIC_OPINION_REPORT: '提交公众意见采纳情况报告（逐条说明）',
  WAIVE_PUBLIC_PARTICIPATION: '依法免除公众参与（依法不予公开）',
  APPOINT_EXPERTS: '选定论证专家（无直接利害关系）',
  RECORD_EXPERT_OPINION: '记录专家签名的书面论证意见',
  SUBMIT_EXPERT_REPORT: '提交专家论证报告',
  WAIVE_EXPERT_ARGUMENTATION: '依法免除专家论证（非专业性、技术性事项）',
  SUBMIT_RISK_REPORT: '提交风险评估报告',
  WAIVE_RISK_ASSESSMENT: '依法免除风险评估',
  SUBMIT_FOR_LEGALITY_REVIEW: '送请合法性审查（保证不少于 7 个工作日）',
  RETURN_FOR_MATERIALS: '退回补充材料',
  ISSUE_LEGALITY_OPINION: '出具合法性审查意见（约束当前草案哈希）',
  SUBMIT_FOR_COLLECTIVE_DISCUSSION: '提请集体讨论决定',
  HOLD_MEETING: '召开会议（记录出席情况）',
  RECORD_OPINION: '记录组成人员意见（行政首长最后发言）',
  RECORD_DECISION: '作出决定',
  REPORT_TO_PARTY_COMMITTEE: '向同级党委请示报告',
  REPORT_TO_PEOPLES_CONGRESS: '向同级人大常委会报告',
  PUBLISH: '公布决策',
  ASSIGN_EXECUTION: '明确执行单位',
  REPORT_EXECUTION: '报告执行情况',
  START_POST_EVALUATION: '启动决策后评估',
  SUBMIT_POST_EVALUATION: '提交决策后评估报告',
  SUSPEND_EXECUTION: '暂停执行（紧急情况）',
  RESUME_EXECUTION: '恢复执行',
  START_ADJUSTMENT: '启动决策调整程序',
  STOP_EXECUTION: '停止执行（须经集体讨论决定）',
  COMPLETE_EXECUTION: '执行完毕',
  WITHDRAW: '撤回决策事项',
};

// class-transformer keeps its @Type metadata in a storage it does not export from its entry point.
 
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: object };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** One body schema per event type: `{type: <EVENT>, ...that event's fields}`. */
function eventBodySchema() {
  return {
    oneOf: Object.entries(EVENT_DTOS).map(([type, dto]) => ({
      title: type,
      description: `${EVENT_SUMMARIES[type as keyof typeof EVENT_SUMMARIES]}。允许的角色：${roleList(EVENT_ROLES[type as EventType])}。`,
      'x-roles': [...EVENT_ROLES[type as EventType]],
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
      description: '事项类型 `type` 及该事项的字段（每种事项一个结构；各结构的 `x-roles` 为可提交该事项的角色）',
      schema: eventBodySchema() as never,
      examples: Object.fromEntries(Object.keys(EVENT_DTOS).map((type) => [type, { summary: type, value: { type, ...EVENT_EXAMPLES[type as keyof typeof EVENT_EXAMPLES] } }])),
    }),
    ApiHeader({ name: 'If-Match', required: false, description: '决策当前版本，如 "3"；版本已变化时返回 409 VERSION_CONFLICT' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: '幂等键：重复请求返回首次结果，不再重复记录' }),
    ApiResponse({ status: 200, description: '已记录：`{decision, event:{seq, type, hash}}`', schema: { $ref: '#/components/schemas/EventAccepted' } }),
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

/**
 * Add the JSON schemas of every DTO (from their class-validator rules) to the OpenAPI document. Nested
 * arrays are typed through class-transformer's @Type (else they would point at a schema named "Array"),
 * and an event without fields gets the empty object schema (class-validator has no metadata for it).
 */
export function addEventSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas: Record<string, object> = validationMetadatasToSchemas({
    classValidatorMetadataStorage: getMetadataStorage(),
    classTransformerMetadataStorage: defaultMetadataStorage as never,
    refPointerPrefix: '#/components/schemas/',
    additionalConverters: { [ValidationTypes.CUSTOM_VALIDATION]: customConstraintSchema as never },
  });
  for (const dto of Object.values(EVENT_DTOS)) schemas[dto!.name] ??= { type: 'object', properties: {}, additionalProperties: false };
  const all: Record<string, unknown> = { ...(document.components?.schemas ?? {}), ...schemas };
  // class-validator's metadata storage is process-wide: keep only what the document reaches (from its
  // operations and the event types), not every validated class that happens to be loaded (a test's DTO).
  const roots = [document.paths, ...Object.values(EVENT_DTOS).map((dto) => ({ $ref: `#/components/schemas/${dto!.name}` }))];
  document.components = { ...document.components, schemas: reachableSchemas(roots, all) as never };
  return document;
}

/** The schemas `roots` reach through `$ref` pointers, transitively, in the order of `all`. */
function reachableSchemas(roots: unknown[], all: Record<string, unknown>): Record<string, unknown> {
  const prefix = '#/components/schemas/';
  const seen = new Set<string>();
  const stack: unknown[] = [...roots];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith(prefix)) {
          const name = value.slice(prefix.length);
          if (!seen.has(name) && name in all) { seen.add(name); stack.push(all[name]); }
        } else stack.push(value);
      }
    }
  }
  return Object.fromEntries(Object.entries(all).filter(([name]) => seen.has(name)));
}

/** What the project's own constraints (field-rules.ts) say in JSON Schema: an instant is a date-time; the others restrict nothing a schema can state. */
function customConstraintSchema(meta: ValidationMetadata): SchemaObject {
  const name = meta.constraintCls ? getMetadataStorage().getTargetValidatorConstraints(meta.constraintCls)[0]?.name : undefined;
  const schema: SchemaObject = name === 'instant' ? { type: 'string', format: 'date-time' } : {};
  return meta.each ? { items: schema } : schema;
}
