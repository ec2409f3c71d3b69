import type { HumanRole } from '@app/procedure';
import type { INestApplicationContext } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { IS_PUBLIC_KEY, OPTIONAL_AUTH_KEY, ROLES_KEY } from '../auth/auth.decorators';

/** Who may call an operation, as its guards will decide: the roles of @Roles, any user, or anybody. */
export type OperationAccess = { kind: 'public' } | { kind: 'any' } | { kind: 'roles'; roles: HumanRole[] };

const ROLE_NAMES: Record<HumanRole, string> = {
  drafter: '起草人员（承办单位）',
  legal_reviewer: '合法性审查人员',
  secretary: '办公室（秘书）',
  head: '行政首长',
  executor: '执行单位',
  auditor: '监督审计人员',
  admin: '系统管理员',
};

/** The access sentence of an operation, in Chinese. */
export function describeAccess(access: OperationAccess): string {
  if (access.kind === 'public') return '无需登录（公开）。';
  if (access.kind === 'any') return '任何已登录用户；只返回其辖区内、其有权查看的内容。';
  return `允许的角色：${access.roles.map((r) => `${ROLE_NAMES[r]} \`${r}\``).join('、')}。`;
}

/** Role names in Chinese, for the event descriptions too. */
export const roleList = (roles: readonly string[]) => roles.map((r) => `${ROLE_NAMES[r as HumanRole] ?? r} \`${r}\``).join('、');

/**
 * Annotates every operation with `x-roles` and an access sentence, read from the same route metadata the
 * guards read (@Public, @OptionalAuth, @Roles), so the document cannot disagree with them.
 * Operations are matched by Swagger's default operationId, `<Controller>_<method>`.
 */
export function annotateOperationAccess(app: INestApplicationContext, document: OpenAPIObject): OpenAPIObject {
  const access = new Map<string, OperationAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!type) continue;
      for (const method of Object.getOwnPropertyNames(type.prototype)) {
        if (method === 'constructor') continue;
        const handler = type.prototype[method];
        const read = <T>(key: string) => (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, type)) as T | undefined;
        const roles = read<HumanRole[]>(ROLES_KEY);
        const found: OperationAccess = read<boolean>(IS_PUBLIC_KEY) && !read<boolean>(OPTIONAL_AUTH_KEY)
          ? { kind: 'public' }
          : roles?.length ? { kind: 'roles', roles } : { kind: 'any' };
        access.set(`${type.name}_${method}`, found);
      }
    }
  }
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as { operationId?: string; description?: string; security?: unknown[] }[]) {
      const found = op?.operationId ? access.get(op.operationId) : undefined;
      if (!found) continue;
      const sentence = describeAccess(found);
      op.description = op.description ? `${op.description}\n\n${sentence}` : sentence;
      Object.assign(op, { 'x-roles': found.kind === 'roles' ? found.roles : found.kind });
      if (found.kind === 'public') op.security = [];
    }
  }
  return document;
}
