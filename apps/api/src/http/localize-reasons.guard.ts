import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { englishFor } from './code-messages.en';
import { DEFAULT_LOCALE, localeOf } from './locale';

const MAX_DEPTH = 8;

/**
 * `value` with the message of every `reasons: [{code, message}]` inside it in English (the
 * procedure words them in Chinese). Copies what it changes: the value may be a remembered projection.
 */
export function reasonsInEnglish(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => reasonsInEnglish(item, depth + 1));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, child] of Object.entries(value)) {
    const next =
      key === 'reasons' && Array.isArray(child)
        ? child.map((r: unknown) => {
            const reason = r as { code?: unknown; message?: unknown };
            return typeof reason?.code === 'string' && typeof reason.message === 'string' ? { ...reason, message: englishFor(reason.code, reason.message) } : r;
          })
        : reasonsInEnglish(child, depth + 1);
    if (next !== child) (copy ??= { ...value })[key] = next;
  }
  return copy ?? value;
}

/**
 * Global, after the auth guards (registered last, with `useGlobalGuards`): every answer of a route
 * varies by Accept-Language, and with `Accept-Language: en` rule texts in successful JSON answers
 * (blockedEvents) come in English too, translated where Express writes them (`res.json`; an
 * error's body is the exception filter's, localized there). A guard that always lets the request
 * through rather than an interceptor: Nest runs a request through RxJS only when an interceptor
 * applies, and this was the only global one (about 3% of the server's CPU per write).
 */
@Injectable()
export class LocalizeReasonsGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const response = http.getResponse<Response>();
    response.vary('Accept-Language');
    const locale = localeOf(http.getRequest<Request>().headers['accept-language']);
    if (locale === DEFAULT_LOCALE) return true;
    response.setHeader('Content-Language', locale);
    const json = response.json.bind(response);
    response.json = (body?: unknown) => json(response.statusCode < 400 ? reasonsInEnglish(body) : body);
    return true;
  }
}
