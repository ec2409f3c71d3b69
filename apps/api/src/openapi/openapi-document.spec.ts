import { EVENT_ROLES, type EventType } from '@app/procedure';
import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { ApiModule } from '../api.module';
import { setApiPrefix } from '../configure-api-app';
import { EVENT_DTOS } from '../decisions/dto/event.dtos';
import { buildOpenApiDocument } from './openapi-document';
import { renderSnapshots, SNAPSHOT_FILES } from './openapi-snapshot';

 
const SwaggerParser = require('@apidevtools/swagger-parser') as { validate(doc: object): Promise<unknown> };

// @ApiExcludeController's metadata key (@nestjs/swagger does not export its constants)
const API_EXCLUDE_CONTROLLER = 'swagger/apiExcludeController';

type Operation = { operationId: string; summary?: string; parameters?: { name: string; in: string }[]; 'x-roles'?: unknown };

jest.setTimeout(60_000);

describe(buildOpenApiDocument.name, () => {
  let app: INestApplication;
  let document: OpenAPIObject;
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ path, method, op })));

  beforeAll(async () => {
    app = await NestFactory.create(ApiModule, { preview: true, logger: false });
    setApiPrefix(app);
    document = buildOpenApiDocument(app);
  });
  afterAll(() => app?.close());

  it('is a valid OpenAPI document whose every reference resolves', async () => {
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
  });

  it('gives every operation a summary and the roles allowed to call it', () => {
    const missing = operations().filter(({ op }) => !op.summary || op['x-roles'] === undefined);
    expect(missing.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it('documents every event a client may send with the roles the procedure allows for it', () => {
    const body = document.paths['/api/decisions/{id}/events'].post!.requestBody as { content: Record<string, { schema: { oneOf: { title: string; 'x-roles': string[]; description: string }[] } }> };
    const variants = body.content['application/json'].schema.oneOf;
    expect(variants.map((v) => v.title).sort()).toEqual(Object.keys(EVENT_DTOS).sort());
    for (const v of variants) {
      expect(v['x-roles']).toEqual([...EVENT_ROLES[v.title as EventType]]);
      expect(v.description).toMatch(/允许的角色/);
    }
  });

  it('documents every field of every query DTO as a query parameter', () => {
    const documented = new Map(operations().map(({ op }) => [op.operationId, new Set((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name))]));
    const expected: string[] = [];
    for (const module of app.get(ModulesContainer).values()) {
      for (const { metatype } of module.controllers.values()) {
        // pages excluded from the document (the public web page) have no operations to document
        if (!metatype || Reflect.getMetadata(API_EXCLUDE_CONTROLLER, metatype)?.[0]) continue;
        for (const method of Object.getOwnPropertyNames(metatype.prototype)) {
          const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, method) ?? {}) as Record<string, { index: number }>;
          const types = (Reflect.getMetadata('design:paramtypes', metatype.prototype, method) ?? []) as (new () => object)[];
          for (const [key, { index }] of Object.entries(args)) {
            if (Number(key.split(':')[0]) !== RouteParamtypes.QUERY || !types[index]) continue;
            const fields = new Set(getMetadataStorage().getTargetValidationMetadatas(types[index], '', false, false).map((m) => m.propertyName));
            for (const field of fields) expected.push(`${metatype.name}_${method}?${field}`);
          }
        }
      }
    }
    expect(expected.length).toBeGreaterThanOrEqual(8);
    const undocumented = expected.filter((entry) => {
      const [operationId, field] = entry.split('?');
      return !documented.get(operationId)?.has(field);
    });
    expect(undocumented).toEqual([]);
  });

  it('matches the snapshot the console is built against (npm run openapi:snapshot refreshes it)', () => {
    const fresh = renderSnapshots(document);
    expect(readFileSync(SNAPSHOT_FILES.document, 'utf8')).toBe(fresh.document);
    expect(readFileSync(SNAPSHOT_FILES.types, 'utf8')).toBe(fresh.types);
  });
});
